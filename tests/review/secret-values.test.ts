import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { analyzeRun } from "../../engine/analyzer";
import type { AnalysisResult } from "../../engine/analyzer";
import { UNKNOWN } from "../../engine/constants";
import { DEFAULT_PACKS } from "../../cli/packs";
import { readPreview } from "../../cli/review/preview";
import type { Preview } from "../../cli/review/preview";
import type { EventLog } from "../../cli/review/events";
import { buildReview, exitCodeOf, secretVerdictMessage } from "../../cli/review/review";
import { programRunOf } from "../../cli/review/run";
import { renderReview, REVIEW_FORMATS } from "../../cli/commands/review";
import { blindSecrets, containsSecret, secretPaths } from "../../cli/review/secret-values";

const FIXTURE = "tests/fixtures/review/bucket-policy-secret.preview.json";
const POLICY_URN = "urn:pulumi:dev::sample::aws:s3/bucketPolicy:BucketPolicy::docs-policy";

describe("secret placeholders reach the packs as unknowns", () => {
    test("every \"[secret]\" leaf is found by path and blinded to the unknown sentinel; a value without one is returned as is", () => {
        const v = { policy: "[secret]", tags: { a: "x", b: "[secret]" }, list: ["y", "[secret]"] };
        assert.deepEqual(secretPaths(v), ["policy", "tags.b", "list[1]"]);
        assert.deepEqual(blindSecrets(v), { policy: UNKNOWN, tags: { a: "x", b: UNKNOWN }, list: ["y", UNKNOWN] });
        const plain = { a: { b: ["c"] } };
        assert.equal(blindSecrets(plain), plain);
        assert.equal(containsSecret(plain), false);
    });
    test("the ProgramRun given to the packs holds no \"[secret]\" text, only the unknown sentinel", async () => {
        const run = programRunOf(await readPreview(FIXTURE));
        const policy = run.resources.find((r) => r.urn === POLICY_URN)!;
        assert.equal(policy.inputs.policy, UNKNOWN);
        assert.ok(!JSON.stringify(run.resources).includes("[secret]"));
    });
    test("the message says where the real verdict is: with no event log, with one that ran the pack, with one that did not", () => {
        const log = (packs: Record<string, string>): EventLog => ({ file: "e.jsonl", verdicts: [], packs, events: 1, stacks: [] });
        assert.equal(secretVerdictMessage(["policy"], "p", undefined),
            "cannot judge offline: policy is secret in the preview; `pulumi preview` judged the plaintext: pass its --events log for that verdict");
        assert.match(secretVerdictMessage(["a", "b"], "p", log({ p: "1" })), /^cannot judge offline: a, b are secret in the preview; `pulumi preview` judged the plaintext and its event log has no violation of this policy here$/);
        assert.match(secretVerdictMessage(["a"], "p", log({ other: "1" })), /the event log has no run of p, so the real verdict is not known here$/);
    });
});

describe("review of a preview whose bucket policy is secret, with the real kill-chain pack", () => {
    let preview: Preview;
    let analysis: AnalysisResult;
    before(async () => {
        preview = await readPreview(FIXTURE);
        // One pack run; each case below builds its review from it with a different event log.
        analysis = await analyzeRun(programRunOf(preview), DEFAULT_PACKS, { remediate: false });
    });

    test("a secret bucket policy is \"cannot judge offline: secret\", never \"not valid JSON\", and is not a control weakening", () => {
        const r = buildReview(preview, analysis);
        const all = [...r.mandatory, ...r.advisory, ...r.deferred, ...r.unchanged];
        assert.deepEqual(all.filter((v) => /not valid JSON|cannot be read/.test(v.message)).map((v) => v.policy), []);
        assert.deepEqual(r.secret.map((v) => [v.policy, v.urn.split("::").pop()]).sort(), [
            ["disallow-public-bucket-policy", "docs-policy"], ["require-tls-only-bucket-policy", "sample-dev"]]);
        assert.match(r.secret.find((v) => v.policy === "require-tls-only-bucket-policy")!.message, /^cannot judge offline: policy of aws:s3\/bucketPolicy:BucketPolicy::docs-policy is secret/);
        assert.deepEqual(r.weakenings, []);
        assert.deepEqual(r.unverified.map((w) => [w.path, w.secret]), [["policy", true]]);
        for (const format of REVIEW_FORMATS) assert.match(renderReview(r, format), /cannot judge offline: policy is secret in the preview/, format);
    });
    test("with the real preview's event log, its verdict on the plaintext is the one reported (and it blocks when mandatory)", () => {
        const violation = { policyPack: "hardened-kill-chain", policyPackVersion: "0.1.0", policy: "disallow-public-bucket-policy", enforcementLevel: "mandatory",
            urn: POLICY_URN, message: "policy allows Principal \"*\"", severity: "critical" };
        const r = buildReview(preview, analysis, { file: "e.jsonl", verdicts: [violation], packs: { "hardened-kill-chain": "0.1.0" }, events: 2, stacks: ["sample/dev"] });
        assert.ok(!r.secret.some((v) => v.policy === "disallow-public-bucket-policy"), "the real verdict replaces the offline non-verdict");
        assert.deepEqual(r.mandatory.filter((v) => v.policy === "disallow-public-bucket-policy").map((v) => [v.source, v.message]), [["events", "policy allows Principal \"*\""]]);
        assert.equal(exitCodeOf(r), 1);
    });
});
