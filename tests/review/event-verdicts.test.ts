import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AnalysisResult, PackInfo, PolicyInfo } from "../../engine/analyzer";
import { readPreview } from "../../cli/review/preview";
import { readEventLog } from "../../cli/review/events";
import type { EventLog, PolicyEventVerdict } from "../../cli/review/events";
import { buildReview, packsJudgedByEvents, reviewPreview, verdictKey } from "../../cli/review/review";

const PACK = "tests/fixtures/packs/review-pack";
const DERIVED = "tests/fixtures/review";

function policy(name: string, policyType: PolicyInfo["policyType"]): PolicyInfo {
    return { name, description: "", enforcementLevel: "mandatory", severity: "high", policyType, tags: [], remediationSteps: "", url: "" };
}
const INFO: PackInfo = { dir: PACK, name: "review-pack", version: "0.0.1", policies: [policy("review-require-flow-log", "stack"), policy("review-disallow-public-bucket-policy", "resource")] };
const META: AnalysisResult = { packs: [INFO], violations: [], deferred: [], logs: [], calls: {} };
const log = (packs: Record<string, string>, verdicts: PolicyEventVerdict[] = []): EventLog => ({ file: "e.jsonl", verdicts, packs, events: 1, stacks: [] });

describe("the packs' verdicts come from the event log when the real preview ran them", () => {
    test("only when every pack the review runs is in the log's summary with the same version", () => {
        assert.deepEqual(packsJudgedByEvents(META, log({ "review-pack": "0.0.1", other: "1" }))?.packs, [INFO]);
        assert.equal(packsJudgedByEvents(META, log({ "review-pack": "0.0.2" })), undefined, "another version judges differently");
        assert.equal(packsJudgedByEvents(META, log({ other: "1" })), undefined, "the preview did not run it");
        assert.equal(packsJudgedByEvents(META, log({})), undefined, "a log cut before its summary event");
    });

    test("a stack policy's verdict from the log on an unchanged resource counts unless the old stack had it too", async () => {
        const p = await readPreview(`${DERIVED}/flow-log-deleted.preview.json`);
        const vpc = p.steps.find((s) => s.urn.endsWith("Vpc::platform-vpc"))!.urn;
        const v: PolicyEventVerdict = { policyPack: "review-pack", policyPackVersion: "0.0.1", policy: "review-require-flow-log", enforcementLevel: "mandatory", urn: vpc, message: "no flow log", severity: "high" };
        const events = log({ "review-pack": "0.0.1" }, [v]);
        assert.deepEqual(buildReview(p, META, events).mandatory.map((x) => x.policy), ["review-require-flow-log"]);
        const r = buildReview(p, META, events, new Set([verdictKey(v)]));
        assert.deepEqual([r.mandatory.length, r.unchanged.map((x) => x.policy)], [0, ["review-require-flow-log"]]);
    });

    test("through the CLI path: the log's verdicts without re-running the pack, and --rerun-packs runs it again", async () => {
        const preview = await readPreview(`${DERIVED}/bucket-policy-public.preview.json`);
        const events = await readEventLog(`${DERIVED}/bucket-policy-public.events.jsonl`);
        const fromLog = await reviewPreview(preview, { packs: [PACK], events });
        assert.equal(fromLog.decidedByEventLog, true);
        assert.deepEqual(fromLog.mandatory.map((v) => [v.policy, v.source]).sort(), [["org-disallow-anonymous-read", "events"], ["review-disallow-public-bucket-policy", "events"]]);
        assert.deepEqual(fromLog.packs.map((p) => p.name), ["review-pack"], "the pack's metadata is still read");
        assert.equal(fromLog.mandatory.find((v) => v.policy === "review-disallow-public-bucket-policy")!.severity, "critical", "the log has none; the metadata has it");
        // This derived log has no verdict of the pack's Lambda policy, so only a re-run finds it: the pack did not run above.
        assert.deepEqual(fromLog.advisory, []);
        const rerun = await reviewPreview(preview, { packs: [PACK], events, rerunPacks: true });
        assert.equal(rerun.decidedByEventLog, false);
        assert.deepEqual(rerun.advisory.map((v) => v.policy), ["review-advise-short-lambda-timeout"]);
        assert.equal(rerun.mandatory.find((v) => v.policy === "review-disallow-public-bucket-policy")!.source, "packs+events");
    });
});
