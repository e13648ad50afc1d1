// Update previews (`--state`): a previous deployment from `pulumi stack export`, resources matched by URN, unchanged
// ones keeping their outputs, as the step generator does.
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProgram, UNKNOWN } from "../../engine";
import type { ProgramRun } from "../../engine";
import { readPreviousDeployment, stateValue } from "../../engine/state";
import { applyOldDefaults, sameInputs } from "../../engine/diff";
import { exportOf } from "../lib/state";
import { one, TRANSPILE_ONLY_ENV } from "../lib/plan";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const dir = mkdtempSync(join(tmpdir(), "hs-state-"));
const write = (name: string, doc: unknown) => {
    const f = join(dir, name);
    writeFileSync(f, typeof doc === "string" ? doc : JSON.stringify(doc));
    return f;
};

describe("reading a previous deployment", () => {
    test("what is not a version-3 export of this stack is refused, naming the file", () => {
        assert.throws(() => readPreviousDeployment(write("bad.json", "{"), "p", "dev"), /--state .*bad\.json: not JSON/);
        assert.throws(() => readPreviousDeployment(write("v2.json", { version: 2, deployment: {} }), "p", "dev"), /checkpoint version 2/);
        const other = { version: 3, deployment: { resources: [{ urn: "urn:pulumi:prod::p::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket" }] } };
        assert.throws(() => readPreviousDeployment(write("other.json", other), "p", "dev"), /it holds stack p\/prod, not p\/dev/);
        assert.throws(() => readPreviousDeployment(join(dir, "missing.json"), "p", "dev"), /no such file/);
    });

    test("a secret the export kept encrypted is a secret unknown; --show-secrets plaintext is the value", () => {
        assert.deepEqual(stateValue({ [SIG]: SECRET, ciphertext: "v1:abc" }, "x"), { [SIG]: SECRET, value: UNKNOWN });
        assert.deepEqual(stateValue({ a: [{ [SIG]: SECRET, plaintext: "\"hunter2\"" }] }, "x"), { a: [{ [SIG]: SECRET, value: "hunter2" }] });
    });

    test("the real CLI's export fixture reads: every resource by URN, pending deletes left out", () => {
        const prev = readPreviousDeployment("../shared/fixtures/pulumi-cli/sample-export.json", "sample", "dev");
        assert.equal(prev.resources.size, 17);
        assert.equal(prev.resources.get("urn:pulumi:dev::sample::aws:s3/bucket:Bucket::docs")?.id, "docs-4936161");
    });
});

describe("what Check and Diff make of a resource that exists (offline stand-ins)", () => {
    test("a property the provider defaulted last time comes back when the program still leaves it unset", () => {
        const old = { __defaults: ["acl", "bucket", "forceDestroy"], acl: "private", bucket: "docs-4936161", forceDestroy: false };
        assert.deepEqual(applyOldDefaults({ tags: { a: "b" } }, old), { tags: { a: "b" }, acl: "private", bucket: "docs-4936161", forceDestroy: false, __defaults: old.__defaults });
        assert.deepEqual(applyOldDefaults({ bucket: "mine" }, old).bucket, "mine");
    });

    test("same inputs, internal keys aside, is a same step; any change or unknown is an update", () => {
        assert.equal(sameInputs({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] }, __defaults: [] }), true);
        assert.equal(sameInputs({ a: 1 }, { a: 2 }), false);
        assert.equal(sameInputs({ a: UNKNOWN }, { a: "x" }), false);
        assert.equal(sameInputs({ a: 1, b: 2 }, { a: 1 }), false);
    });
});

describe("an update preview of the engine sample", () => {
    let first: ProgramRun;
    let update: ProgramRun;
    before(async () => {
        const up = await runProgram({ program: "tests/programs/engine-sample.ts", mode: "up", config: { "aws:region": "eu-west-1" }, env: TRANSPILE_ONLY_ENV });
        const doc = exportOf(up) as { deployment: { resources: Record<string, unknown>[] } };
        // The deployed parameter had another value, and a bucket the program no longer declares existed.
        const param = doc.deployment.resources.find((r) => r.type === "aws:ssm/parameter:Parameter")!;
        param.inputs = { ...(param.inputs as object), type: "String" };
        doc.deployment.resources.push({ urn: "urn:pulumi:dev::hardened-stack::aws:s3/bucket:Bucket::gone", custom: true, type: "aws:s3/bucket:Bucket", id: "gone-1", inputs: {}, outputs: {} });
        const file = write("sample.json", doc);
        [first, update] = await Promise.all([
            runProgram({ program: "tests/programs/engine-sample.ts", mode: "preview", config: { "aws:region": "eu-west-1" }, env: TRANSPILE_ONLY_ENV }),
            runProgram({ program: "tests/programs/engine-sample.ts", mode: "preview", config: { "aws:region": "eu-west-1" }, env: TRANSPILE_ONLY_ENV, state: file }),
        ]);
    });

    test("unchanged resources are same steps with their deployed outputs and IDs, known in the preview", () => {
        const bucket = one(update, "aws:s3/bucket:Bucket");
        assert.equal(bucket.step, "same");
        assert.equal(bucket.outputs.arn, "arn:aws:s3:::sample-data-bucket");
        assert.equal(one(first, "aws:s3/bucket:Bucket").outputs.arn, UNKNOWN);
        // The bucket policy built from the bucket's ARN is known too, so policies decide it.
        assert.match(String(one(update, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy), /arn:aws:s3:::sample-data-bucket/);
        assert.notEqual(one(update, "pulumi:providers:aws", "default_7_48_0").id, UNKNOWN);
    });

    test("a changed resource is an update that keeps its ID, and that place is reported as a possible difference", () => {
        const param = one(update, "aws:ssm/parameter:Parameter");
        assert.equal(param.step, "update");
        assert.ok(param.id);
        assert.ok(update.differences.some((d) => d.key === "diff" && d.urns.includes(param.urn)));
    });

    test("what the program no longer declares is a delete", () => {
        assert.deepEqual(update.deleted, ["urn:pulumi:dev::hardened-stack::aws:s3/bucket:Bucket::gone"]);
    });
});
