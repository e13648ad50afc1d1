// Smoke version of `npm run bench` (issue 7): correctness only — the synthetic stacks are real stacks, the no-op
// pack is the floor it claims to be, and --json prints exactly the object. No timing is asserted.
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProgramRun, RecordedResource } from "../../engine";
import { danglingReferences, duplicateUrns, mergeRuns, replicateRun } from "../../bench/replicate";
import { noopPackSource } from "../../bench/packs";
import { writeLargePreview } from "../../bench/review";
import { percentile, scalingExponent, median } from "../../bench/stats";

const STACK = "urn:pulumi:dev::hardened-stack::pulumi:pulumi:Stack::hardened-stack-dev";
const PROVIDER = "urn:pulumi:dev::hardened-stack::pulumi:providers:aws::default_7_48_0";

function resource(urn: string, extra: Partial<RecordedResource> = {}): RecordedResource {
    return {
        urn, type: urn.split("::")[2]!.split("$").pop()!, name: urn.split("::").pop()!, custom: true, parent: STACK, provider: "",
        inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {},
        options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, deleteBeforeReplaceDefined: false, additionalSecretOutputs: [], aliases: [], retainOnDelete: false, replaceOnChanges: [] },
        ...extra,
    };
}

/** A small stack with every kind of reference: parent chain, provider, dependencies, propertyDependencies, URN in inputs. */
function reference(): ProgramRun {
    const component = `urn:pulumi:dev::hardened-stack::hardened:data:PrivateBucket::logs`;
    const bucket = `urn:pulumi:dev::hardened-stack::hardened:data:PrivateBucket$aws:s3/bucketV2:BucketV2::logs-bucket`;
    const block = `urn:pulumi:dev::hardened-stack::hardened:data:PrivateBucket$aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock::logs-block`;
    return {
        project: "hardened-stack", stack: "dev", organization: "organization", mode: "preview", stackOutputs: {}, config: {}, logs: [], differences: [],
        resources: [
            resource(STACK, { type: "pulumi:pulumi:Stack", custom: false, parent: "" }),
            resource(PROVIDER, { parent: "", inputs: { region: "eu-west-1" } }),
            resource(component, { custom: false }),
            resource(bucket, { parent: component, provider: `${PROVIDER}::04da6b54-80e4-46f7-96ec-b56ff0331ba9` }),
            resource(block, {
                parent: component, provider: `${PROVIDER}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`, dependencies: [bucket],
                propertyDependencies: { bucket: [bucket], blockPublicAcls: [] }, inputs: { bucket: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", owner: bucket },
            }),
        ],
    };
}

describe("synthetic stacks are consistent copies of the reference stack", () => {
    const run = reference();

    test("a replicated stack has exactly the asked size, one root Stack and unique URNs", () => {
        for (const size of [1, 5, 7, 101]) {
            const big = replicateRun(run, size);
            assert.equal(big.resources.length, size);
            assert.deepEqual(duplicateUrns(big), []);
            assert.equal(big.resources.filter((r) => r.type === "pulumi:pulumi:Stack").length, 1);
        }
    });

    test("every parent, provider, dependency and propertyDependency of a copy points into the same copy", () => {
        const big = replicateRun(run, 101);
        assert.deepEqual(danglingReferences(big), []);
        const block = big.resources.find((r) => r.name === "logs-block-r3")!;
        assert.equal(block.parent, "urn:pulumi:dev::hardened-stack::hardened:data:PrivateBucket::logs-r3");
        assert.equal(block.provider, `${PROVIDER}-r3::04da6b54-80e4-46f7-96ec-b56ff0331ba9`);
        const bucket = big.resources.find((r) => r.name === "logs-bucket-r3")!.urn;
        assert.deepEqual(block.dependencies, [bucket]);
        assert.deepEqual(block.propertyDependencies, { bucket: [bucket], blockPublicAcls: [] });
        assert.equal(block.inputs.owner, bucket, "a URN held in an input moves with its copy");
        assert.equal(block.inputs.bucket, "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "other values are kept");
    });

    test("a cut in the middle of a copy leaves no dangling reference", () => {
        for (let size = 1; size <= 30; size++) assert.deepEqual(danglingReferences(replicateRun(run, size)), [], `size ${size}`);
    });

    test("the consistency check finds a reference to a missing or later resource", () => {
        const broken = replicateRun(run, 9);
        broken.resources[4] = { ...broken.resources[4]!, dependencies: ["urn:pulumi:dev::hardened-stack::aws:s3/bucketV2:BucketV2::nowhere"] };
        assert.equal(danglingReferences(broken).length, 1);
        const reordered = { ...run, resources: [run.resources[0]!, run.resources[4]!, ...run.resources.slice(1, 4)] };
        assert.ok(danglingReferences(reordered).length > 0);
    });

    test("merged reference programs share one root Stack and keep their resources apart", () => {
        const merged = mergeRuns([run, run]);
        assert.equal(merged.resources.length, 9);
        assert.deepEqual(duplicateUrns(merged), []);
        assert.deepEqual(danglingReferences(merged), []);
    });
});

test("the no-op pack declares the same policies, kinds, levels and metadata, each with an empty check", () => {
    const source = noopPackSource({
        name: "hardened-kill-chain", version: "0.1.0",
        policies: [
            { name: "disallow-public-eks-endpoint", description: "d1", enforcementLevel: "mandatory", severity: "high", policyType: "resource", tags: ["kill-chain:console"],
                remediationSteps: "Set endpointPublicAccess to false.", url: "https://example.org/p", configSchema: { properties: { allowedCidrs: { type: "array" } } } },
            { name: "require-flow-logs", description: "d2", enforcementLevel: "advisory", severity: "", policyType: "stack", tags: [], remediationSteps: "", url: "" },
        ],
    });
    const declared: { name: string; enforcementLevel: string; severity?: string; tags?: string[]; remediationSteps?: string; configSchema?: unknown;
        validateResource?: () => void; validateStack?: () => void }[] = [];
    new Function("require", source)((id: string) => {
        assert.equal(id, "@pulumi/policy");
        return { PolicyPack: class { constructor(name: string, args: { policies: typeof declared }) { assert.equal(name, "hardened-kill-chain"); declared.push(...args.policies); } } };
    });
    assert.deepEqual(declared.map((p) => [p.name, p.enforcementLevel, p.validateResource ? "resource" : "stack"]),
        [["disallow-public-eks-endpoint", "mandatory", "resource"], ["require-flow-logs", "advisory", "stack"]]);
    assert.deepEqual([declared[0]!.severity, declared[0]!.tags, declared[0]!.remediationSteps, declared[0]!.configSchema],
        ["high", ["kill-chain:console"], "Set endpointPublicAccess to false.", { properties: { allowedCidrs: { type: "array" } } }]);
    assert.equal(declared[0]!.validateResource!.toString(), "() => {}");
    assert.equal(declared[1]!.validateStack!.toString(), "() => {}");
});

test("statistics: nearest-rank p99, median of even counts, exponent 1 for linear and 2 for quadratic growth", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(xs, 99), 99);
    assert.equal(percentile(xs, 50), 50);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Math.abs(scalingExponent([{ n: 1000, seconds: 1 }, { n: 10000, seconds: 10 }, { n: 50000, seconds: 50 }]) - 1) < 1e-9);
    assert.ok(Math.abs(scalingExponent([{ n: 1000, seconds: 1 }, { n: 10000, seconds: 100 }]) - 2) < 1e-9);
});

test("the review input is a valid preview document of the asked size: unique step URNs, parents inside the document", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-preview-"));
    try {
        const file = join(dir, "preview.json");
        const written = await writeLargePreview(file, 200 * 1024);
        assert.ok(written.bytes >= 200 * 1024);
        type Step = { urn: string; provider?: string; newState?: { urn: string; parent?: string } };
        const doc = JSON.parse(readFileSync(file, "utf8")) as { steps: Step[]; config: unknown };
        assert.equal(doc.steps.length, written.steps);
        const urns = new Set(doc.steps.map((s) => s.urn));
        assert.equal(urns.size, doc.steps.length);
        for (const s of doc.steps) {
            assert.equal(s.newState?.urn, s.urn);
            if (s.newState?.parent) assert.ok(urns.has(s.newState.parent), s.newState.parent);
        }
        // A preview lists no step for the default provider: every copy keeps using the one provider.
        assert.deepEqual([...new Set(doc.steps.flatMap((s) => (s.provider ? [s.provider] : [])))],
            ["urn:pulumi:dev::sample::pulumi:providers:aws::default_6_63_0::04da6b54-80e4-46f7-96ec-b56ff0331ba9"]);
        assert.ok(doc.config !== undefined);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});

describe("npm run bench -- --json, tiny sizes", () => {
    let stdout = "";
    before(async () => {
        stdout = await new Promise<string>((res, rej) => execFile(process.execPath,
            ["--import", "tsx", "bench/run.ts", "--json", "--program-sizes", "16", "--sizes", "20,40", "--runs", "1", "--warmup", "0", "--no-typescript", "--review-mb", "0", "--program", "tests/programs/engine-sample.ts"],
            { timeout: 120000 }, (e, out, err) => (e ? rej(new Error(`${e.message}\n${err}`)) : res(out))));
    });

    test("stdout is exactly one JSON object with the issue's fields", () => {
        const lines = stdout.trim().split("\n");
        assert.equal(lines.length, 1);
        const json = JSON.parse(lines[0]!) as Record<string, unknown>;
        const keys = (o: unknown) => Object.keys(o as object).sort();
        assert.deepEqual(keys(json), ["analysis", "engine", "machine", "pack_ready_s", "program_exponent", "programs", "review", "scaling_exponent"]);
        const programs = json.programs as Record<string, unknown>[];
        assert.deepEqual(programs.map((p) => p.resources), [18]);
        assert.deepEqual(keys(programs[0]), ["check_s", "pack_peak_mb", "peak_process_mb", "peak_total_mb", "program_peak_mb", "resources"]);
        for (const v of Object.values(programs[0]!)) assert.ok(typeof v === "number" && v > 0);
        assert.deepEqual(keys(json.machine), ["cores", "node"]);
        assert.deepEqual(keys(json.engine), ["peak_mb", "preview_s", "up_s"]);
        assert.deepEqual(keys(json.review), ["input_mb", "mb_per_s", "peak_ratio"]);
        const rows = json.analysis as Record<string, unknown>[];
        assert.deepEqual(rows.map((r) => r.resources), [20, 40]);
        for (const r of rows) {
            assert.deepEqual(keys(r), ["analyze_median_ms", "analyze_p99_ms", "analyze_total_s", "floor_analyze_total_s", "floor_stack_s",
                "pack_peak_mb", "ratio_analyze", "ratio_stack", "resources", "stack_s"]);
            for (const v of Object.values(r)) assert.equal(typeof v, "number");
        }
        assert.equal(typeof json.scaling_exponent, "number");
        for (const v of [...Object.values(json.engine as object), json.pack_ready_s]) assert.ok(typeof v === "number" && v > 0);
    });
});
