/**
 * `hardened-stack review` on a created resource: the catalog's onCreate checks (a suppression filter, a pull-through
 * cache of a public registry, a prefix list entry) make the arrival itself a weakening; other creates stay the
 * policies' to judge.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AnalysisResult } from "../../engine/analyzer";
import type { Preview, PreviewStep } from "../../cli/review/preview";
import { buildReview } from "../../cli/review/review";

const NO_ANALYSIS: AnalysisResult = { packs: [], violations: [], deferred: [], logs: [], calls: {} };
const STACK = "urn:pulumi:dev::hardened::pulumi:pulumi:Stack::hardened-dev";

function preview(...steps: PreviewStep[]): Preview {
    return { file: "p.json", steps: [{ op: "same", urn: STACK }, ...steps], config: {}, diagnostics: [], changeSummary: {}, bytes: 0, secretTexts: [] };
}

function created(type: string, name: string, inputs: Record<string, unknown>): PreviewStep {
    return { op: "create", urn: `urn:pulumi:dev::hardened::${type}::${name}`, newState: { type, custom: true, inputs } };
}

describe("review: a created resource whose arrival opens something is a weakening", () => {
    test("a new GuardDuty filter archiving mining findings blocks the review; a new highlight (NOOP) filter does not", () => {
        const filter = (action: string) => created("aws:guardduty/filter:Filter", `quiet-${action}`, {
            detectorId: "d", name: "quiet", rank: 1, action, findingCriteria: { criterions: [{ field: "type", equals: ["CryptoCurrency:EC2/BitcoinTool.B!DNS"] }] },
        });
        const r = buildReview(preview(filter("ARCHIVE"), filter("NOOP")), NO_ANALYSIS);
        assert.deepEqual(r.weakenings.map((w) => `${w.op} ${w.title} ${w.path}`), ["create GuardDuty filter action, findingCriteria.criterions"]);
        assert.equal(r.blocking, true);
    });
    test("a new security group is not judged by the catalog at creation (its checks are not onCreate)", () => {
        const sg = created("aws:ec2/securityGroup:SecurityGroup", "open", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
        assert.deepEqual(buildReview(preview(sg), NO_ANALYSIS).weakenings, []);
    });
});
