import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { programMeta, runProgram, UNKNOWN } from "../../engine";
import type { ProgramRun } from "../../engine";
import { analyzeRun, analyzeStackRequest, analyzeStackRequestBytes, packCommand, PolicySession } from "../../engine/analyzer";
import { parsePolicyPackConfigFile } from "../../engine/policy-config";
import type { AnalysisResult } from "../../engine/analyzer";

const PROBE = "tests/fixtures/packs/probe-pack";
const configFile = (o: object) => parsePolicyPackConfigFile(JSON.stringify(o), "test.json").policies;
interface LogEntry { call: string; [k: string]: unknown }

/**
 * engine-sample's run in each mode, made once and shared by every test here that analyses a finished run: analyzeRun
 * reads a run and never changes it (remediated inputs are returned, not written back), so one run per mode serves all.
 */
const sampleRuns = new Map<string, Promise<ProgramRun>>();
function sample(mode: "preview" | "up"): Promise<ProgramRun> {
    if (!sampleRuns.has(mode)) sampleRuns.set(mode, runProgram({ program: "tests/programs/engine-sample.ts", mode, config: { "aws:region": "eu-west-1" } }));
    return sampleRuns.get(mode)!;
}

async function analyzed(mode: "preview" | "up"): Promise<{ run: ProgramRun; result: AnalysisResult; log: LogEntry[] }> {
    const run = await sample(mode);
    const file = join(mkdtempSync(join(tmpdir(), "probe-")), "calls.jsonl");
    process.env.PROBE_LOG = file;
    const result = await analyzeRun(run, [PROBE], { packConfig: { [join(process.cwd(), PROBE)]: configFile({ "probe-record-resource": { answer: 42 } }) } });
    delete process.env.PROBE_LOG;
    const log = existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as LogEntry) : [];
    return { run, result, log };
}

describe("analyzer driver: the pack is driven as `pulumi preview --policy-pack` drives it", () => {
    let preview: Awaited<ReturnType<typeof analyzed>>;
    let up: Awaited<ReturnType<typeof analyzed>>;
    before(async () => { preview = await analyzed("preview"); up = await analyzed("up"); });

    test("the pack is started with the language host's command line, in the pack folder", () => {
        const cmd = packCommand(join(process.cwd(), PROBE), "127.0.0.1:1234");
        assert.equal(cmd.command, process.execPath);
        assert.match(cmd.args[0]!, /node_modules\/@pulumi\/pulumi\/cmd\/run-policy-pack\/index\.js$/);
        assert.deepEqual(cmd.args.slice(1), ["127.0.0.1:1234", "."]);
        assert.equal(cmd.cwd, join(process.cwd(), PROBE));
    });

    test("the calls are the engine's: handshake, configure, Analyze per resource, one AnalyzeStack (no Remediate for a pack without remediations)", () => {
        const n = preview.run.resources.length;
        assert.deepEqual(preview.result.calls, { Handshake: 1, ConfigureStack: 1, GetAnalyzerInfo: 1, Configure: 1, Analyze: n, AnalyzeStack: 1 });
    });

    test("every registered resource is analyzed in registration order: Stack, components, providers (default too), custom resources", () => {
        const analyzedUrns = preview.log.filter((e) => e.call === "analyze").map((e) => e.urn);
        assert.deepEqual(analyzedUrns, preview.run.resources.map((r) => r.urn));
    });

    test("Analyze carries the parent in options and the provider's inputs for custom resources", () => {
        const bucket = preview.log.find((e) => e.call === "analyze" && e.type === "aws:s3/bucket:Bucket")!;
        assert.match(String(bucket.parent), /sample:x:Outer\$sample:x:Inner::outer-inner$/);
        assert.deepEqual(bucket.provider, { type: "pulumi:providers:aws", urn: "urn:pulumi:dev::hardened-stack::pulumi:providers:aws::default_7_48_0" });
        const stack = preview.log.find((e) => e.call === "analyze" && e.type === "pulumi:pulumi:Stack")!;
        assert.equal(stack.provider, null);
    });

    test("policy config reaches the pack: schema defaults overridden by the config file", () => {
        const first = preview.log.find((e) => e.call === "analyze")!;
        assert.deepEqual(first.config, { answer: 42 });
    });

    test("AnalyzeStack gets parents, dependencies and only the non-empty propertyDependencies, resolved to resources", () => {
        const stack = preview.log.find((e) => e.call === "analyzeStack")!;
        const resources = stack.resources as { urn: string; parent: string | null; dependencies: string[]; propertyDependencies: Record<string, string[]> }[];
        assert.equal(resources.length, preview.run.resources.length);
        const policy = resources.find((r) => r.urn.endsWith("BucketPolicy::policy"))!;
        const bucketUrn = preview.run.resources.find((r) => r.type === "aws:s3/bucket:Bucket")!.urn;
        assert.deepEqual(policy.propertyDependencies, { bucket: [bucketUrn], policy: [bucketUrn] });
        const role = resources.find((r) => r.urn.endsWith("role:Role::reader"))!;
        assert.deepEqual(role.propertyDependencies, {});
        assert.equal(role.parent, "urn:pulumi:dev::hardened-stack::pulumi:pulumi:Stack::hardened-stack-dev");
    });

    test("a policy that reads an unknown value in preview is a deferral, not a violation; in up it decides", () => {
        assert.deepEqual(preview.result.deferred.map((d) => [d.policy, d.urn.split("::").pop()]), [["probe-read-arn", "policy"]]);
        assert.match(preview.result.deferred[0]!.message, /string value at \.policy can't be known during preview/);
        assert.equal(up.result.deferred.length, 0);
        assert.ok(!up.result.violations.some((d) => d.policy === "probe-read-arn"));
        assert.equal(preview.run.resources.find((r) => r.name === "policy")!.inputs.policy, UNKNOWN);
    });

    test("stack violations without a URN are attributed to the root Stack", () => {
        const stackViolation = preview.result.violations.find((d) => d.policy === "probe-record-stack")!;
        assert.equal(stackViolation.urn, "urn:pulumi:dev::hardened-stack::pulumi:pulumi:Stack::hardened-stack-dev");
        assert.equal(stackViolation.phase, "stack");
        assert.equal(stackViolation.enforcementLevel, "advisory");
    });

    test("GetAnalyzerInfo metadata is read: names, levels, kinds of policy", () => {
        const info = preview.result.packs[0]!;
        assert.equal(info.name, "probe-pack");
        assert.equal(info.version, "1.2.3");
        assert.deepEqual(info.policies.map((p) => [p.name, p.enforcementLevel, p.policyType]), [
            ["probe-record-resource", "advisory", "resource"],
            ["probe-deny-public-bucket-name", "mandatory", "resource"],
            ["probe-read-arn", "mandatory", "resource"],
            ["probe-record-stack", "advisory", "stack"],
        ]);
    });
});

describe("analyzer driver: AnalyzeStack encoding", () => {
    test("the request encoded one resource at a time is byte for byte the protobuf message's encoding", async () => {
        const run = await sample("up");
        const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
        const whole = Buffer.from(analyzeStackRequest(run, byUrn).serializeBinary());
        assert.ok(analyzeStackRequestBytes(run, byUrn).equals(whole));
        assert.ok(whole.length > 1000);
    });
});

describe("analyzer driver: policy pack config", () => {
    test("a level set by config reaches the pack: a disabled policy reports nothing", async () => {
        const run = await sample("preview");
        const result = await analyzeRun(run, [PROBE], { packConfig: { [join(process.cwd(), PROBE)]: configFile({ "probe-read-arn": "disabled", "probe-record-stack": "disabled" }) } });
        assert.deepEqual(result.deferred, []);
        assert.ok(!result.violations.some((d) => d.policy === "probe-record-stack"));
    });
});

describe("analyzer driver: bad packs fail with one line", () => {
    test("a folder that is not a pack", async () => {
        const run = await sample("preview");
        await assert.rejects(analyzeRun(run, ["tests/fixtures"]), /not a policy pack \(no PulumiPolicy\.yaml\): tests\/fixtures/);
    });
});

describe("analyzer driver: remediations change the resource before it is created", () => {
    test("Analyze sees the remediated inputs and AnalyzeStack the outputs of what was created from them", async () => {
        const pack = "tests/fixtures/packs/remediate-pack";
        const o = { program: "tests/programs/engine-sample.ts", mode: "preview" as const, config: { "aws:region": "eu-west-1" } };
        const session = PolicySession.open([pack], programMeta(o));
        let run: ProgramRun;
        try {
            run = await runProgram({ ...o, analysis: session });
            await session.analyzeStack(run);
        } finally {
            session.close();
        }
        const result = session.result();
        const bucket = run.resources.find((r) => r.type === "aws:s3/bucket:Bucket")!;
        assert.deepEqual(bucket.inputs.tags, { transformed: "yes", owner: "platform" });
        assert.deepEqual((bucket.outputs.tags as Record<string, string>).owner, "platform");
        assert.deepEqual(result.violations.map((d) => d.policy), []);
        const n = run.resources.length;
        assert.deepEqual(result.calls, { Handshake: 1, ConfigureStack: 1, GetAnalyzerInfo: 1 + n, Configure: 1, Remediate: n, Analyze: n, AnalyzeStack: 1 });
    });
});
