import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProgram, UNKNOWN, ProgramError, EngineInputError, engineUrn, parseUrn } from "../../engine";
import { tryParseUrn } from "../../engine/urn";
import type { ProgramRun } from "../../engine";
import { one } from "../lib/plan";
import { planJson } from "../../cli/commands/plan";

const SAMPLE = "tests/programs/engine-sample.ts";
const runs = new Map<string, Promise<ProgramRun>>();
function sample(mode: "preview" | "up"): Promise<ProgramRun> {
    if (!runs.has(mode)) runs.set(mode, runProgram({ program: SAMPLE, mode, config: { "aws:region": "eu-west-1" } }));
    return runs.get(mode)!;
}
const STACK = "urn:pulumi:dev::hardened-stack::pulumi:pulumi:Stack::hardened-stack-dev";

describe("offline engine: the shape of what it records", () => {
    test("the root pulumi:pulumi:Stack is registered first and parents every top-level resource", async () => {
        const run = await sample("preview");
        assert.equal(run.resources[0]!.urn, STACK);
        assert.equal(run.resources[0]!.parent, "");
        assert.equal(one(run, "aws:iam/role:Role").parent, STACK);
        assert.equal(one(run, "sample:x:Outer").parent, STACK);
    });

    test("URNs carry the parent's full type chain and never the Stack type", async () => {
        const run = await sample("preview");
        assert.equal(one(run, "aws:s3/bucket:Bucket").urn,
            "urn:pulumi:dev::hardened-stack::sample:x:Outer$sample:x:Inner$aws:s3/bucket:Bucket::outer-inner-bucket");
        assert.equal(one(run, "aws:iam/role:Role").urn, "urn:pulumi:dev::hardened-stack::aws:iam/role:Role::reader");
        assert.equal(one(run, "sample:x:Inner").parent, one(run, "sample:x:Outer").urn);
    });

    test("engineUrn and parseUrn agree on nested and top-level resources", () => {
        const outer = engineUrn("s", "p", STACK, "a:b:Outer", "o");
        assert.equal(outer, "urn:pulumi:s::p::a:b:Outer::o");
        const inner = engineUrn("s", "p", outer, "a:b:Inner", "i");
        assert.equal(inner, "urn:pulumi:s::p::a:b:Outer$a:b:Inner::i");
        assert.deepEqual(parseUrn(inner), { stack: "s", project: "p", qualifiedType: "a:b:Outer$a:b:Inner", type: "a:b:Inner", name: "i" });
        assert.equal(tryParseUrn("urn:pulumi:s::p::a:b:T::name::with::colons")?.name, "name::with::colons");
        assert.equal(tryParseUrn("not a urn"), undefined);
    });

    test("resources without an explicit provider use a default provider the engine synthesises before them", async () => {
        const run = await sample("preview");
        const def = one(run, "pulumi:providers:aws", "default_7_48_0");
        assert.equal(def.synthesized, true);
        assert.equal(def.parent, "");
        assert.equal(def.inputs.region, "eu-west-1");
        assert.equal(def.inputs.version, "7.48.0");
        const bucket = one(run, "aws:s3/bucket:Bucket");
        assert.equal(bucket.provider, `${def.urn}::${UNKNOWN}`);
        assert.ok(run.resources.indexOf(def) < run.resources.indexOf(bucket));
    });

    test("an explicit provider is referenced as urn::id, with an unknown id in preview and a real one in up", async () => {
        const preview = await sample("preview");
        const eu = one(preview, "pulumi:providers:aws", "eu");
        assert.equal(one(preview, "aws:iam/role:Role").provider, `${eu.urn}::${UNKNOWN}`);
        const up = await sample("up");
        const euUp = one(up, "pulumi:providers:aws", "eu");
        assert.match(one(up, "aws:iam/role:Role").provider, new RegExp(`^${euUp.urn.replace(/[$]/g, "\\$")}::[0-9a-f-]{36}$`));
    });

    test("propertyDependencies list every input and the URNs each value came from; dependencies include dependsOn", async () => {
        const run = await sample("preview");
        const bucket = one(run, "aws:s3/bucket:Bucket");
        const policy = one(run, "aws:s3/bucketPolicy:BucketPolicy");
        assert.deepEqual(policy.propertyDependencies, { bucket: [bucket.urn], policy: [bucket.urn] });
        assert.deepEqual([...policy.dependencies].sort(), [one(run, "aws:iam/role:Role").urn, bucket.urn].sort());
        assert.deepEqual(one(run, "aws:iam/role:Role").propertyDependencies, { assumeRolePolicy: [], name: [] });
    });

    test("preview: computed outputs and every input derived from them are the unknown sentinel; literals stay known", async () => {
        const run = await sample("preview");
        const bucket = one(run, "aws:s3/bucket:Bucket");
        assert.equal(bucket.inputs.bucket, "sample-data-bucket");
        assert.equal(bucket.outputs.arn, UNKNOWN);
        assert.equal(bucket.id, undefined);
        const policy = one(run, "aws:s3/bucketPolicy:BucketPolicy");
        assert.equal(policy.inputs.policy, UNKNOWN);
        assert.equal(policy.inputs.bucket, UNKNOWN);
    });

    test("up: computed outputs get plausible values and derived inputs are known", async () => {
        const run = await sample("up");
        const bucket = one(run, "aws:s3/bucket:Bucket");
        assert.equal(bucket.outputs.arn, "arn:aws:s3:::sample-data-bucket");
        assert.equal(bucket.id, "sample-data-bucket");
        const policy = one(run, "aws:s3/bucketPolicy:BucketPolicy");
        assert.equal(JSON.parse(String(policy.inputs.policy)).Statement[0].Resource, "arn:aws:s3:::sample-data-bucket");
    });

    test("stack transformations registered by the program apply to what is recorded", async () => {
        const run = await sample("preview");
        assert.deepEqual(one(run, "aws:s3/bucket:Bucket").inputs.tags, { transformed: "yes" });
    });

    test("source positions point into the program as project:/// URIs", async () => {
        const run = await sample("preview");
        assert.match(one(run, "aws:iam/role:Role").sourcePosition ?? "", /^project:\/\/\/tests\/programs\/engine-sample\.ts#\d+,\d+$/);
    });

    test("stack outputs are recorded, unknown in preview", async () => {
        assert.deepEqual((await sample("preview")).stackOutputs, { bucketName: "sample-data-bucket", paramArn: UNKNOWN });
    });

    test("plan --json masks secrets and has exactly the documented fields", async () => {
        const doc = planJson(await sample("preview"));
        const param = doc.resources.find((r) => r.type === "aws:ssm/parameter:Parameter")!;
        assert.deepEqual(param.inputs, { type: "SecureString", value: "[secret]" });
        assert.ok(!JSON.stringify(doc).includes("hunter2"));
        for (const r of doc.resources) {
            assert.deepEqual(Object.keys(r), ["urn", "type", "name", "custom", "parent", "provider", "inputs", "dependencies", "propertyDependencies"]);
        }
    });
});

describe("offline engine: bad input fails with one line", () => {
    test("a missing program is an input error", async () => {
        await assert.rejects(runProgram({ program: "tests/programs/does-not-exist.ts", mode: "preview" }), EngineInputError);
    });

    test("a program that throws fails with its own one-line message", async () => {
        await assert.rejects(runProgram({ program: "tests/programs/engine-throws.ts", mode: "preview" }), (e: Error) => {
            assert.ok(e instanceof ProgramError);
            assert.match(e.message, /invalid hardened-stack:network\.cidr: "10\.0\.0\.0\/33"/);
            assert.ok(!e.message.includes("\n"));
            return true;
        });
    });

    test("an invoke the engine does not implement fails the run instead of answering empty", async () => {
        await assert.rejects(runProgram({ program: "tests/programs/engine-invoke.ts", mode: "preview" }),
            /does not implement the invoke aws:ec2\/getAmi:getAmi/);
    });

    test("a config file that is not YAML, or has keys without a namespace, is rejected naming the file", async () => {
        const dir = mkdtempSync(join(tmpdir(), "hs-cfg-"));
        const bad = join(dir, "bad.yaml");
        writeFileSync(bad, "config: [unclosed\n");
        await assert.rejects(runProgram({ program: SAMPLE, mode: "preview", configFile: bad }), /bad\.yaml is not valid YAML/);
        const nons = join(dir, "nons.yaml");
        writeFileSync(nons, "config:\n  region: eu-west-1\n");
        await assert.rejects(runProgram({ program: SAMPLE, mode: "preview", configFile: nons }), /config key 'region' must be 'namespace:key'/);
    });
});
