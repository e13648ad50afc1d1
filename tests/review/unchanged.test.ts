import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { AnalysisResult, Diagnostic } from "../../engine/analyzer";
import { PreviewScanner } from "../../cli/review/preview";
import type { Preview } from "../../cli/review/preview";
import { buildReview, exitCodeOf, reviewPreview, verdictKey } from "../../cli/review/review";
import { priorRunOf, programRunOf } from "../../cli/review/run";

const PACK = "tests/fixtures/packs/review-pack";
const FLOW = "tests/fixtures/review/flow-log-deleted.preview.json";
const NO_ANALYSIS: AnalysisResult = { packs: [], violations: [], deferred: [], logs: [], calls: {} };

function previewOf(file: string): Preview {
    const s = new PreviewScanner(file);
    s.feed(readFileSync(file));
    return s.end();
}

/** The same preview for a stack that never had the flow log: the VPC lacked one before the change too. */
function withoutFlowLog(p: Preview): Preview {
    return { ...p, steps: p.steps.filter((s) => !s.urn.endsWith("FlowLog::platform-flow-log")) };
}

describe("stack-policy violations on resources the change leaves alone", () => {
    const p = previewOf(FLOW);
    const vpc = p.steps.find((s) => s.urn.endsWith("Vpc::platform-vpc"))!.urn;
    const stackViolation: Diagnostic = { policyPack: "review-pack", policyPackVersion: "0.0.1", policy: "review-require-flow-log", enforcementLevel: "mandatory",
        urn: vpc, message: "VPC platform-vpc has no flow log", description: "", severity: "high", phase: "stack" };

    test("the old stack holds every resource with an old state (unchanged, replaced, deleted) and none that is only created", () => {
        const before = priorRunOf(p);
        assert.deepEqual(before.resources.map((r) => r.urn.split("::").pop()), ["hardened-stack-dev", "platform-vpc", "telemetry", "default-deny", "telemetry-block", "platform-flow-log"]);
        assert.deepEqual(programRunOf(p).resources.map((r) => r.urn.split("::").pop()), ["hardened-stack-dev", "platform-vpc", "telemetry", "default-deny"]);
    });
    test("a stack-policy violation the old stack had too predates the change: listed, not counted", () => {
        const r = buildReview(p, { ...NO_ANALYSIS, violations: [stackViolation] }, undefined, new Set([verdictKey(stackViolation)]));
        assert.deepEqual(r.unchanged.map((v) => v.policy), ["review-require-flow-log"]);
        assert.deepEqual(r.mandatory, []);
    });
    test("a stack-policy violation the change caused counts, and without the old stack's verdicts it counts (fail closed)", () => {
        for (const prior of [new Set<string>(), undefined]) {
            const r = buildReview(p, { ...NO_ANALYSIS, violations: [stackViolation] }, undefined, prior);
            assert.deepEqual(r.mandatory.map((v) => v.policy), ["review-require-flow-log"]);
            assert.deepEqual(r.unchanged, []);
        }
    });
    test("through the packs: a VPC that had no flow log before the change is listed, not counted; deleting its flow log is counted", async () => {
        const r = await reviewPreview(withoutFlowLog(p), { packs: [PACK] });
        assert.deepEqual(r.unchanged.map((v) => [v.policy, v.urn]), [["review-require-flow-log", vpc]]);
        assert.ok(!r.mandatory.some((v) => v.policy === "review-require-flow-log"));
        // Still blocking for its own reason (a deleted public access block), not for the old violation.
        assert.deepEqual([exitCodeOf(r), r.mandatory.length], [1, 0]);
    });
});
