/** The CLI as a user runs it: exit codes, one-line errors, and stdout that is exactly the documented JSON. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";

function cli(...args: string[]) {
    const r = spawnSync(process.execPath, ["bin/hardened-stack.js", ...args], { encoding: "utf8", timeout: 120000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function breachConfigFile(): string {
    const doc = parse(readFileSync("Pulumi.dev.yaml", "utf8")) as { config: Record<string, unknown> };
    doc.config["breach:steps"] = ["s3"];
    const file = join(mkdtempSync(join(tmpdir(), "hs-breach-")), "Pulumi.breach.yaml");
    writeFileSync(file, stringify(doc));
    return file;
}

describe("hardened-stack check", () => {
    test("a program that brings a breach back exits 1 and --json lists the mandatory violations", () => {
        const r = cli("check", "--program", "tests/programs/breach-reference.ts", "--config", breachConfigFile(), "--json");
        assert.equal(r.code, 1, r.stderr);
        const doc = JSON.parse(r.stdout) as { resources: number; policies: number; violations: { policy: string; enforcementLevel: string; urn: string }[] };
        assert.deepEqual(Object.keys(doc), ["resources", "policies", "violations", "deferred", "differences"]);
        const blocked = doc.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.urn.split("::").pop()).sort();
        assert.deepEqual([...new Set(blocked)], ["breach-exports", "breach-exports-policy"]);
    });

    test("a missing program exits 2 with one line naming it, and nothing on stdout", () => {
        const r = cli("check", "--program", "nope/index.ts", "--json");
        assert.equal(r.code, 2);
        assert.equal(r.stdout, "");
        assert.equal(r.stderr.trim().split("\n").length, 1);
        assert.match(r.stderr, /program not found: nope\/index\.ts/);
    });

    test("a folder that is not a policy pack exits 2 naming it", () => {
        const r = cli("check", "--program", "tests/programs/engine-sample.ts", "--policy-pack", "tests/fixtures");
        assert.equal(r.code, 2);
        assert.match(r.stderr.trim(), /^hardened-stack: not a policy pack \(no PulumiPolicy\.yaml\): tests\/fixtures$/);
    });

    test("an unknown option exits 2", () => {
        const r = cli("check", "--polcy-pack", "x");
        assert.equal(r.code, 2);
        assert.match(r.stderr, /unknown option --polcy-pack/);
    });
});

describe("hardened-stack plan", () => {
    test("--json prints exactly one JSON document with the resources and nothing else", () => {
        const r = cli("plan", "--program", "tests/programs/engine-sample.ts", "--json");
        assert.equal(r.code, 0, r.stderr);
        const doc = JSON.parse(r.stdout) as { resources: unknown[] };
        assert.deepEqual(Object.keys(doc), ["resources"]);
        assert.ok(doc.resources.length > 5);
    });

    test("a program that throws exits 2 with its one-line message", () => {
        const r = cli("plan", "--program", "tests/programs/engine-throws.ts");
        assert.equal(r.code, 2);
        assert.match(r.stderr.trim(), /^hardened-stack: program .*engine-throws\.ts failed: invalid hardened-stack:network\.cidr: "10\.0\.0\.0\/33"/);
    });
});
