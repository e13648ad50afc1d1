// The program runs as under `pulumi preview`: the SDK's own entry point started as the language host starts it, and
// every request answered as the engine answers it. Each case here passed (or hung) under the first engine and must
// now give the real engine's outcome.
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { ProgramError, UNKNOWN, isSecret, runProgram } from "../../engine";
import type { ProgramRun } from "../../engine";
import { EXIT_GUARD, INSPECT_GUARD, languageHostLaunch, pwdMain, splitArgs, summarizeProgramError } from "../../engine/host";
import { SUPPORTED_FEATURES } from "../../engine/resmon";
import { one, runTest, TRANSPILE_ONLY_ENV } from "../lib/plan";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeRun } from "../../engine/analyzer";
import { DEFAULT_PACKS } from "../../cli/packs";
import { checkJson } from "../../cli/commands/check";
import { scrubSecrets, secretTexts } from "../../cli/mask";
import { encryptSecureValue, newPassphraseState } from "../../engine/secrets";

const P = "tests/programs/engine";

describe("the program runs under the SDK's own entry point, as pulumi-language-nodejs starts it", () => {
    test("command line and environment: cmd/run with monitor, engine, project, stack, pwd, dry-run; config in PULUMI_CONFIG with old-style keys", () => {
        const l = languageHostLaunch({
            projectRoot: process.cwd(), pwd: `${process.cwd()}/infra`, main: ".", project: "p", stack: "dev", organization: "o",
            dryRun: true, monitorAddress: "127.0.0.1:1", engineAddress: "127.0.0.1:2", config: { "aws:region": "eu-west-1" },
            secretKeys: ["p:token"], runtime: { typescript: true, nodeargs: "--max-old-space-size=4096" }, parallel: 8,
        }, {});
        assert.equal(l.args[0], "--max-old-space-size=4096");
        assert.match(l.args[1]!, /node_modules\/@pulumi\/pulumi\/cmd\/run\/index\.js$/);
        assert.deepEqual(l.args.slice(2), ["--monitor", "127.0.0.1:1", "--engine", "127.0.0.1:2", "--organization", "o", "--project", "p",
            "--root-directory", process.cwd(), "--stack", "dev", "--pwd", `${process.cwd()}/infra`, "--dry-run", "--parallel", "8", "."]);
        assert.equal(l.env.PULUMI_CONFIG, JSON.stringify({ "aws:config:region": "eu-west-1" }));
        assert.equal(l.env.PULUMI_CONFIG_SECRET_KEYS, JSON.stringify(["p:token"]));
        assert.equal(l.env.PULUMI_NODEJS_TYPESCRIPT, "true");
        assert.equal(l.env.NODE_OPTIONS, `--require ${JSON.stringify(INSPECT_GUARD)} --require ${JSON.stringify(EXIT_GUARD)}`);
        assert.equal(l.cwd, `${process.cwd()}/infra`);
    });

    test("a `main` folder is the working directory with entry point \".\"; a `main` file runs from its folder", () => {
        assert.deepEqual(pwdMain(process.cwd(), "infra/"), { pwd: `${process.cwd()}/infra`, main: "." });
        assert.deepEqual(pwdMain(process.cwd(), "infra/index.ts"), { pwd: `${process.cwd()}/infra`, main: "index.ts" });
        assert.deepEqual(pwdMain(process.cwd(), undefined), { pwd: process.cwd(), main: "." });
    });

    test("nodeargs split as shlex does", () => {
        assert.deepEqual(splitArgs(`--a "b c" 'd e' f\\ g`), ["--a", "b c", "d e", "f g"]);
    });

    test("the features the monitor supports are v3.248's", () => {
        for (const f of ["secrets", "resourceReferences", "outputValues", "aliasSpecs", "transforms", "invokeTransforms", "resourceHooks", "errorHooks", "parameterization"]) {
            assert.equal(SUPPORTED_FEATURES[f], true, f);
        }
    });

    test("what the SDK logs for a failed program becomes one line", () => {
        assert.equal(summarizeProgramError("Running program '/p/index.ts' failed with an unhandled exception:\nTSError: ⨯ Unable to compile TypeScript:\nindex.ts(4,7): error TS2322: Type 'string' is not assignable to type 'number'.\n"),
            "TypeScript: index.ts(4,7): error TS2322: Type 'string' is not assignable to type 'number'.");
        assert.equal(summarizeProgramError("Running program '/p' failed with an unhandled exception:\n\u001b[36m<ref *1>\u001b[39m Error: boom\n    at x (y.ts:1:1)"), "boom");
    });
});

describe("the Node bug guard in the program's process (engine/inspect-guard.js)", () => {
    test("it recognises exactly the stacks that loop Node's markNodeModules: a node_modules name with no separator after it", () => {
        const { triggersInspectLoop } = require("../../engine/inspect-guard.js") as { triggersInspectLoop(s: string): boolean };
        assert.equal(triggersInspectLoop("Error: x\n    at S.initialize (/w/node_modules/@pulumi/resource.ts:1598:22)"), true);
        assert.equal(triggersInspectLoop("Error: x\n    at f (/w/node_modules/foo.js:1:1)"), true);
        assert.equal(triggersInspectLoop("Error: x\n    at f (/w/node_modules/@pulumi/pulumi/resource.js:1:1)"), false);
        assert.equal(triggersInspectLoop("Error: x\n    at f (/w/src/index.ts:1:1)"), false);
    });

    test("a program that throws from its async main fails at once with its message (not after Node's ~20 s loop)", async () => {
        const started = Date.now();
        await assert.rejects(runTest({ program: `${P}/throws-async.ts`, mode: "preview" }), /throws-async\.ts failed: bad config: cidr must be \/16 to \/24$/);
        assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
    });
});

describe("programs that used to pass wrongly now fail as `pulumi preview` fails", () => {
    test("a type error stops the program before anything is created (ts-node type-checks, as under pulumi up)", async () => {
        await assert.rejects(runProgram({ program: "tests/programs/broken/type-error.ts", mode: "preview" }),
            (e: Error) => e instanceof ProgramError && /TypeScript: type-error\.ts\(\d+,\d+\): error TS2322/.test(e.message) && !e.message.includes("\n"));
    });

    test("a registration that fails after the program's last await fails the run, naming the invoke", async () => {
        await assert.rejects(runTest({ program: `${P}/late-invoke.ts`, mode: "preview" }),
            /late-invoke\.ts failed: invoke aws:ec2\/getAmi:getAmi: .*does not implement the invoke aws:ec2\/getAmi:getAmi/);
    });

    test("a before-create hook that runs in previews and throws fails the resource", async () => {
        await assert.rejects(runTest({ program: `${P}/failing-hook.ts`, mode: "preview" }),
            /aws:ssm\/parameter:Parameter "frozen": before hook "guard" failed: change freeze: no new parameters today/);
    });

    test("an input that never resolves is a leaked promise: the SDK fails the run and so does the engine", async () => {
        await assert.rejects(runTest({ program: `${P}/leaked.ts`, mode: "preview" }),
            /Program exited with non-zero exit code: 1: The Pulumi runtime detected that \d+ promises were still active/);
    });

    test("a remote component cannot be constructed offline: an error, not a childless component", async () => {
        await assert.rejects(runTest({ program: `${P}/remote.ts`, mode: "preview" }),
            /vendor:index:Cluster "vendored": the offline engine cannot construct the remote component/);
    });
});

describe("resource options are applied as the engine applies them", () => {
    let preview: ProgramRun;
    let up: ProgramRun;
    before(async () => {
        [preview, up] = await Promise.all([runTest({ program: `${P}/options.ts`, mode: "preview" }), runTest({ program: `${P}/options.ts`, mode: "up" })]);
    });

    test("the `transforms` option and an engine-side stack transform both reach the registered inputs", () => {
        assert.deepEqual(one(preview, "aws:s3/bucket:Bucket").inputs.tags, { own: "yes", stackWide: "yes" });
        assert.equal(one(preview, "aws:s3/bucket:Bucket").inputs.forceDestroy, false);
    });

    test("a resource object as an input is its ID: unknown in a preview, the role's name in up (never a hang)", () => {
        assert.equal(one(preview, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.role, UNKNOWN);
        assert.equal(one(up, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.role, "reader");
    });

    test("custom timeouts are Go durations in seconds; every resource carries them", () => {
        assert.deepEqual(one(preview, "aws:s3/bucket:Bucket").options.customTimeouts, { create: 5400, update: 0, delete: 90 });
        assert.deepEqual(one(preview, "aws:iam/role:Role").options.customTimeouts, { create: 0, update: 0, delete: 0 });
    });

    test("aliases resolve to URNs, but analyzers see none in a first deployment (nothing old matched)", () => {
        const bucket = one(preview, "aws:s3/bucket:Bucket");
        assert.ok(bucket.options.aliasUrns?.includes("urn:pulumi:dev::hardened-stack::aws:s3/bucket:Bucket::old-name"));
        assert.deepEqual(bucket.options.aliases, []);
    });

    test("a before-create hook runs in a preview only when it asked to (onDryRun); in up every hook runs", () => {
        assert.ok(preview.logs.some((l) => /before-create hook ran for .*Parameter::hooked/.test(l)));
        assert.ok(!preview.logs.some((l) => l.includes("up-only hook ran")));
        assert.ok(up.logs.some((l) => l.includes("up-only hook ran")));
    });

    test("additional secret outputs are secret in the outputs", () => {
        assert.ok(isSecret(one(preview, "aws:ssm/parameter:Parameter").outputs.value));
    });

    test("explicit and default providers carry the version the SDK asked for", () => {
        assert.equal(one(preview, "pulumi:providers:aws").inputs.version, "7.48.0");
    });
});

describe("outputs in up for every package the programs use", () => {
    test("random values feed their dependants (secret where the provider makes them secret)", async () => {
        const run = await runTest({ program: `${P}/random-up.ts`, mode: "up" });
        const password = one(run, "aws:ssm/parameter:Parameter").inputs.value;
        assert.ok(isSecret(password) && typeof password.value === "string" && password.value.length === 24 && /^[A-Za-z0-9]+$/.test(password.value));
        assert.match(String(one(run, "aws:s3/bucket:Bucket").inputs.bucket), /^data-[0-9a-f]{8}$/);
    });
});

describe("provider Check: the AWS provider's autonames are known in a preview", () => {
    test("a public policy built from an autonamed bucket's name is refused in preview, as the real preview refuses it", async () => {
        const run = await runTest({ program: `${P}/autonamed-bucket.ts`, mode: "preview" });
        const bucket = one(run, "aws:s3/bucket:Bucket");
        assert.match(String(bucket.inputs.bucket), /^docs-[0-9a-f]{7}$/);
        const result = await analyzeRun(run, DEFAULT_PACKS);
        const refused = result.violations.filter((d) => d.policy === "disallow-public-bucket-policy" && d.enforcementLevel === "mandatory");
        assert.deepEqual(refused.map((d) => d.urn.split("::").pop()), ["docs-public"]);
    });
});

describe("secure stack config, as the CLI decrypts it", () => {
    const dir = mkdtempSync(join(tmpdir(), "hs-secrets-"));
    const PASSPHRASE = "correct horse battery staple";
    const KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    const SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    let configFile = "";
    before(() => {
        const { encryptionSalt, key } = newPassphraseState(PASSPHRASE);
        configFile = join(dir, "Pulumi.dev.yaml");
        writeFileSync(configFile, [
            `encryptionsalt: ${encryptionSalt}`, "config:",
            `  hardened-stack:exporterKeyId:`, `    secure: ${encryptSecureValue(key, KEY_ID)}`,
            `  hardened-stack:exporterSecret:`, `    secure: ${encryptSecureValue(key, SECRET_KEY)}`, "",
        ].join("\n"));
    });

    test("with the passphrase, the key copied into a Kubernetes Secret is refused; no output shows it", async () => {
        const env = { ...TRANSPILE_ONLY_ENV, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE };
        const run = await runTest({ program: `${P}/secret-key.ts`, mode: "preview", configFile, env });
        const result = await analyzeRun(run, DEFAULT_PACKS);
        assert.ok(result.violations.some((d) => d.policy === "disallow-aws-keys-in-kubernetes" && d.enforcementLevel === "mandatory"),
            JSON.stringify(result.violations.map((d) => d.policy)));
        const printed = JSON.stringify(checkJson({ run, analysis: result, secrets: [] }));
        const scrubbed = scrubSecrets(printed, secretTexts(run, { "hardened-stack:exporterKeyId": KEY_ID, "hardened-stack:exporterSecret": SECRET_KEY }, ["hardened-stack:exporterKeyId", "hardened-stack:exporterSecret"]));
        assert.ok(!scrubbed.includes(KEY_ID) && !scrubbed.includes(SECRET_KEY));
    });

    test("without the passphrase the values are unknown: the policy defers (never passes), and the run says why", async () => {
        const env: NodeJS.ProcessEnv = { ...TRANSPILE_ONLY_ENV };
        delete env.PULUMI_CONFIG_PASSPHRASE;
        delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
        const run = await runTest({ program: `${P}/secret-key.ts`, mode: "preview", configFile, env });
        const result = await analyzeRun(run, DEFAULT_PACKS);
        assert.ok(!result.violations.some((d) => d.policy === "disallow-aws-keys-in-kubernetes"));
        assert.ok(result.deferred.some((d) => d.policy === "disallow-aws-keys-in-kubernetes"), JSON.stringify(result.deferred.map((d) => d.policy)));
        assert.ok(run.differences.some((d) => d.key === "secret:hardened-stack:exporterKeyId" && d.strict));
    });

    test("a wrong passphrase is refused with the CLI's message", async () => {
        await assert.rejects(runTest({ program: `${P}/secret-key.ts`, mode: "preview", configFile, env: { ...TRANSPILE_ONLY_ENV, PULUMI_CONFIG_PASSPHRASE: "wrong" } }),
            /incorrect passphrase/);
    });
});
