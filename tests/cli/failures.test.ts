/**
 * Every failure path of `plan` and `check` ends in one line on stderr that names the file, policy or resource and the
 * cause, exit 2, nothing on stdout, and no terminal escape sequence.
 */
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../cli/main";
import { exitCallOf, loadErrorOf, missingModuleHint, oneLineError, timeoutMessage } from "../../engine/failures";
import { nearestNames, unknownPolicyError } from "../../cli/packs";

const SECRET_PROGRAM = "tests/programs/cli/secret-bucket-policy.ts";

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(argv, { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; } });
    return { code, out, err };
}

/**
 * The failure's line, after checking that stderr ends in it, that it is the only line of ours (anything before it is
 * the program's own output, passed through), exit 2, nothing on stdout, no stack frame and no escape sequence.
 */
function oneLine(r: { code: number; out: string; err: string }): string {
    assert.equal(r.code, 2, r.err);
    assert.equal(r.out, "");
    const lines = r.err.trimEnd().split("\n");
    assert.equal(lines.filter((l) => l.startsWith("hardened-stack:")).length, 1, r.err);
    assert.ok(!lines.some((l) => /^\s*(error:\s+)?at \S/.test(l)), `stack frames in ${r.err}`);
    assert.ok(!r.err.includes("\u001b"), `escape sequence in ${JSON.stringify(r.err)}`);
    return lines.at(-1)!;
}

/** A project outside the repository: Pulumi.yaml and an index.ts importing @pulumi/aws, then `body`. */
function externalProject(body = "new aws.s3.Bucket(\"b\");\n"): string {
    const dir = mkdtempSync(join(tmpdir(), "hs-ext-"));
    writeFileSync(join(dir, "Pulumi.yaml"), "name: ext\nruntime: nodejs\n");
    writeFileSync(join(dir, "index.ts"), `import * as aws from "@pulumi/aws";\n${body}`);
    return dir;
}

function tempFile(name: string, text: string): string {
    const file = join(mkdtempSync(join(tmpdir(), "hs-fail-")), name);
    writeFileSync(file, text);
    return file;
}

describe("failures that stop before any program runs", () => {
    test("an invalid enforcement level in pack config names the file, the policy and the value", async () => {
        const file = tempFile("bogus.json", JSON.stringify({ "disallow-public-bucket-policy": { enforcementLevel: "bogus" } }));
        assert.match(oneLine(await cli("check", "--program", SECRET_PROGRAM, "--policy-pack-config", file)),
            /^hardened-stack: --policy-pack-config .*bogus\.json: .*"disallow-public-bucket-policy": "bogus" is not a valid enforcement level$/);
    });

    test("a typo in a policy name in pack config names it and the nearest policies", async () => {
        const file = tempFile("typo.json", JSON.stringify({ "disallow-public-bucket-polcy": "advisory" }));
        assert.match(oneLine(await cli("check", "--program", SECRET_PROGRAM, "--policy-pack-config", file)),
            /^hardened-stack: --policy-pack-config .*typo\.json: "disallow-public-bucket-polcy" is not a policy of hardened-kill-chain; did you mean "disallow-public-bucket-policy"/);
    });

    test("a pack that throws while loading is reported with its own message", async () => {
        assert.equal(oneLine(await cli("check", "--program", SECRET_PROGRAM, "--policy-pack", "tests/fixtures/packs/throws-at-load")),
            "hardened-stack: policy pack tests/fixtures/packs/throws-at-load failed to start: Error: allowlist.json is missing: the pack cannot load its allowlist");
    });

    test("--stack without its Pulumi.<stack>.yaml says which file is missing", async () => {
        assert.match(oneLine(await cli("plan", "--stack", "prod")), /^hardened-stack: stack prod: no Pulumi\.prod\.yaml in .*\(create it with the stack's config, or pass --config FILE\)$/);
    });

    test("--program that is not a program is refused, not replaced by the reference program", async () => {
        assert.equal(oneLine(await cli("plan", "--program", "README.md")), "hardened-stack: not a Node.js program: README.md");
    });

    test("a program outside the repository without @pulumi/pulumi says where it looked and what to install", async () => {
        const dir = externalProject();
        assert.match(oneLine(await cli("plan", "--program", join(dir, "index.ts"))),
            /Have you run pulumi install\? \(@pulumi\/pulumi does not resolve from .*hs-ext-.*: run `npm install @pulumi\/pulumi` there\)$/);
    });
});

describe("failures while a program runs", { concurrency: true }, () => {
    before(() => { process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true"; });

    test("a policy that throws names the policy, the pack, the resource and the error", async () => {
        assert.match(oneLine(await cli("check", "--program", SECRET_PROGRAM, "--policy-pack", "tests/fixtures/packs/policy-throws")),
            /aws:s3\/bucket:Bucket "leaky": failed to run policy: .*'crashes-on-buckets' from policy pack 'policy-throws@v0\.0\.1': TypeError: cannot read properties of bucket leaky/);
    });

    test("a stack policy that throws names the policy, the pack and the error", async () => {
        assert.match(oneLine(await cli("check", "--program", "tests/programs/cli/logs.ts", "--policy-pack", "tests/fixtures/packs/policy-throws")),
            /^hardened-stack: failed to run policy: .*'crashes-on-the-stack' .*policy-throws.*: RangeError: cannot count \d+ resources \(pack policy-throws, AnalyzeStack the stack\)$/);
    });

    test("a TypeScript syntax error names the file, the line and the message", async () => {
        // Written here, not checked in: the repository's lint would refuse a file that does not parse.
        const dir = externalProject("const b = new aws.s3.Bucket(\"b\", {;\n");
        symlinkSync(resolve("node_modules"), join(dir, "node_modules"));
        assert.match(oneLine(await cli("plan", "--program", join(dir, "index.ts"))),
            /failed: TypeScript: index\.ts\(2,35\): error TS1136: Property assignment expected\.$/);
    });

    test("process.exit(0) in the middle of a program is named, with its place", async () => {
        assert.match(oneLine(await cli("plan", "--program", "tests/programs/cli/exits-early.ts")),
            /failed: it called process\.exit\(0\) at exits-early\.ts:3 before the program finished registering its resources/);
    });

    test("a program that outlives --timeout says so and how to change it", async () => {
        assert.match(oneLine(await cli("plan", "--program", "tests/programs/cli/never-ends.ts", "--timeout", "1")),
            /^hardened-stack: program tests\/programs\/cli\/never-ends\.ts timed out after 1 s \(set --timeout\)/);
    });

    test("a program outside the repository whose import does not resolve says what to install where", async () => {
        const dir = externalProject();
        mkdirSync(join(dir, "node_modules", "@pulumi"), { recursive: true });
        symlinkSync(resolve("node_modules/@pulumi/pulumi"), join(dir, "node_modules", "@pulumi", "pulumi"));
        assert.match(oneLine(await cli("plan", "--program", join(dir, "index.ts"))),
            /failed: Cannot find module '@pulumi\/aws' \(.*run `npm install @pulumi\/aws` in .*hs-ext-/);
    });
});

describe("the one line, from what a process or a pack said", () => {
    test("a policy's error: the pack's header joined to the cause, without the stack", () => {
        const details = "Error validating resource with policy 'p' from policy pack 'k@v1':\nTypeError: boom\n    at validateResource (/x/index.js:1:2)\n    at next (<anonymous>)";
        assert.equal(oneLineError(details), "Error validating resource with policy 'p' from policy pack 'k@v1': TypeError: boom");
    });

    test("a pack's load error: its own message, not the last colour-coded frame", () => {
        const stderr = "Error: [runtime] Running program '/p' failed with an unhandled exception:\n    Error: allowlist missing\n"
            + "    at Object.<anonymous> \u001b[90m(/p/\u001b[39mindex.js:3:7\u001b[90m)\u001b[39m\n\u001b[90m    at require (node:internal/modules/helpers:182:18)\u001b[39m\n";
        assert.equal(loadErrorOf(stderr), "Error: allowlist missing");
        assert.equal(loadErrorOf("/p/index.js:3\nthrow new Error(\"x\");\n^\n\nRangeError: too deep\n    at f (/p/index.js:3:7)\n\nNode.js v20.20.2\n"), "RangeError: too deep");
    });

    test("the timeout message gives the limit, the flag and a counted noun", () => {
        assert.equal(timeoutMessage("p.ts", 5000, 1), "program p.ts timed out after 5 s (set --timeout); it had registered 1 resource");
    });

    test("only the program's own process.exit note counts", () => {
        assert.equal(exitCallOf("noise\nhardened-stack: the program called process.exit(0) at index.ts:3\n"), "it called process.exit(0) at index.ts:3");
        assert.equal(exitCallOf("The Pulumi runtime detected that 3 promises were still active"), undefined);
    });

    test("a missing package gets an install hint; a missing relative file does not", () => {
        assert.match(missingModuleHint("Cannot find module '@pulumi/aws/s3'", "/p"), /npm install @pulumi\/aws` in \/p/);
        assert.equal(missingModuleHint("Cannot find module './lib'", "/p"), "");
    });

    test("policy names in pack config: a typo gets the nearest names; `all` and real names pass", () => {
        const pack = { name: "k", policies: [{ name: "require-tls" }, { name: "require-kms" }, { name: "disallow-public" }] };
        assert.deepEqual(nearestNames("require-tsl", pack.policies.map((p) => p.name)).slice(0, 1), ["require-tls"]);
        assert.equal(unknownPolicyError(pack, new Map([["all", { enforcementLevel: "advisory", properties: {} }], ["require-kms", { enforcementLevel: "advisory", properties: {} }]]), "c.json"), undefined);
        assert.match(unknownPolicyError(pack, new Map([["require-tsl", { enforcementLevel: "advisory", properties: {} }]]), "c.json")!,
            /^--policy-pack-config c\.json: "require-tsl" is not a policy of k; did you mean "require-tls"/);
    });
});
