import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Review, Verdict } from "../../cli/review/review";
import { blockingReasons, exitCodeOf } from "../../cli/review/review";
import { gateReview, reviewJUnitCases } from "../../cli/review/gate";
import { parseExemptions } from "../../cli/report/exemptions";
import { parseFailOn } from "../../cli/report/fail-on";
import { renderReview } from "../../cli/commands/review";

const URN = "urn:pulumi:dev::hardened-stack::aws:s3/bucketPolicy:BucketPolicy::public-site-policy";
const verdict = (policy: string, level: "mandatory" | "advisory", severity: string, urn = URN): Verdict => ({
    policyPack: "hardened-kill-chain", policyPackVersion: "0.1.0", policy, enforcementLevel: level, severity, urn, message: `${policy} failed`,
    description: "", phase: "analyze", step: "s3", op: "create", source: "packs",
} as unknown as Verdict);
const base = (): Review => ({
    file: "preview.json", project: "hardened-stack", stack: "dev", packs: [],
    mandatory: [verdict("disallow-public-bucket-policy", "mandatory", "critical")],
    advisory: [verdict("require-bucket-owner-enforced", "advisory", "high", `${URN}2`)],
    deferred: [], secret: [], unchanged: [],
    weakenings: [{ urn: URN, type: "aws:s3/bucketPolicy:BucketPolicy", op: "update", path: "policy", before: "a", after: "b", why: "opens the bucket", control: "private bucket", step: "s3", title: "Bucket policy" }],
    unverified: [], removals: [], others: [], counts: { create: 1 }, errors: [], blocking: true, secretTexts: [],
} as unknown as Review);
const exemptions = parseExemptions({ exemptions: [{ policy: "disallow-public-bucket-policy", resource: "public-site-*", reason: "static website, SEC-123", expires: "2027-03-31" }] }, "ex.yaml", "2026-11-29");
const all = parseFailOn("review", undefined, ["mandatory", "weakening", "deletion"]);

describe("review gate: exemptions and --fail-on", () => {
    test("an exempted mandatory violation no longer blocks on its own, and every format shows it with its reason", () => {
        const r = gateReview(base(), exemptions, parseFailOn("review", "mandatory", ["mandatory", "weakening", "deletion"]));
        assert.deepEqual(r.mandatory, []);
        assert.equal(r.blocking, false);
        assert.equal(exitCodeOf(r), 0);
        for (const format of ["text", "markdown", "json"] as const) assert.match(renderReview(r, format), /static website, SEC-123/, format);
        const sarif = JSON.parse(renderReview(r, "sarif")) as { runs: { results: { ruleId: string; suppressions?: { kind: string; status: string; justification: string }[] }[] }[] };
        const suppressed = sarif.runs[0]!.results.filter((x) => x.suppressions);
        assert.deepEqual(suppressed.map((x) => [x.ruleId, x.suppressions![0]!.status]), [["hardened-kill-chain/disallow-public-bucket-policy", "accepted"]]);
        assert.match(suppressed[0]!.suppressions![0]!.justification, /static website, SEC-123 \(until 2027-03-31; ex\.yaml: exemptions\[0\]\)/);
    });

    test("by default weakenings block too; --fail-on chooses, and a severity threshold reaches advisory violations", () => {
        assert.equal(gateReview(base(), exemptions, all).blocking, true, "the weakening");
        assert.deepEqual(blockingReasons(gateReview(base(), exemptions, all)), ["1 control-weakening change"]);
        const high = gateReview(base(), exemptions, parseFailOn("review", "severity:high", ["mandatory", "weakening", "deletion"]));
        assert.equal(high.blocking, true, "the advisory high-severity violation");
        assert.equal(gateReview(base(), exemptions, parseFailOn("review", "severity:critical", ["mandatory", "weakening", "deletion"])).blocking, false);
    });

    test("JUnit: blocking findings fail, exempted and non-blocking ones are skipped", () => {
        const r = gateReview(base(), exemptions, all);
        const cases = reviewJUnitCases(r).map((c) => [c.classname, c.failure ? "failure" : c.skipped !== undefined ? "skipped" : "pass"]);
        assert.deepEqual(cases, [
            ["require-bucket-owner-enforced", "skipped"], ["disallow-public-bucket-policy", "skipped"], ["control-weakened", "failure"],
        ]);
    });
});
