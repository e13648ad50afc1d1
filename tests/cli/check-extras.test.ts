import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AnalysisResult, Diagnostic } from "../../engine/analyzer";
import { checkJUnitCases, exemptionLines, exemptViolations } from "../../cli/report/check-extras";
import { parseExemptions } from "../../cli/report/exemptions";
import { main } from "../../cli/main";
import { checkExitCode } from "../../cli/commands/check";
import type { ProgramRun } from "../../engine";

const URN = "urn:pulumi:dev::hardened-stack::aws:s3/bucketPolicy:BucketPolicy::public-site-policy";
const violation = (policy: string, urn = URN): Diagnostic => ({
    policyPack: "hardened-kill-chain", policyPackVersion: "0.1.0", policy, enforcementLevel: "mandatory", urn, message: `${policy} failed`,
    description: "", severity: "critical", phase: "analyze",
});
const analysis: AnalysisResult = {
    packs: [{ dir: "/p", name: "hardened-kill-chain", version: "0.1.0", policies: ["disallow-public-bucket-policy", "require-vpc-flow-logs", "require-cloudtrail-integrity"]
        .map((name) => ({ name, description: "", enforcementLevel: "mandatory", severity: "high", policyType: "resource", tags: [], remediationSteps: "", url: "" })) }],
    violations: [violation("disallow-public-bucket-policy"), violation("require-vpc-flow-logs", "urn:pulumi:dev::hardened-stack::aws:ec2/vpc:Vpc::network-vpc")],
    deferred: [{ ...violation("require-cloudtrail-integrity"), enforcementLevel: "mandatory" }],
    logs: [], calls: {},
};
const exemptions = parseExemptions({ exemptions: [{ policy: "disallow-public-bucket-policy", resource: "public-site-*", reason: "static website, SEC-123", expires: "2027-03-31" }] }, "ex.yaml", "2026-11-29");

describe("check with exemptions", () => {
    test("an exempted violation leaves the verdicts, is listed with its reason and expiry, and is a skipped JUnit case", () => {
        const { analysis: judged, applied } = exemptViolations(analysis, exemptions);
        assert.deepEqual(judged.violations.map((v) => v.policy), ["require-vpc-flow-logs"]);
        assert.match(exemptionLines(applied, false).join("\n"), /disallow-public-bucket-policy on urn:.*public-site-policy: until 2027-03-31, static website, SEC-123 \(ex\.yaml: exemptions\[0\]\)/);
        const cases = checkJUnitCases(judged, applied);
        assert.deepEqual(cases.map((c) => [c.classname, c.failure ? "failure" : c.skipped !== undefined ? "skipped" : "pass"]), [
            ["disallow-public-bucket-policy", "skipped"], ["require-vpc-flow-logs", "failure"], ["require-cloudtrail-integrity", "skipped"],
        ]);
    });
});

describe("check fails fast on bad report options, before any program runs", () => {
    const run = async (argv: string[]) => {
        const err: string[] = [];
        const code = await main(argv, { out: () => undefined, err: (s) => err.push(s) });
        return { code, err: err.join("") };
    };

    test("an expired exemption is exit 2 naming it", async () => {
        const file = join(mkdtempSync(join(tmpdir(), "ex-")), "ex.yaml");
        writeFileSync(file, "exemptions:\n  - policy: p\n    resource: r\n    reason: decided long ago\n    expires: 2020-01-01\n");
        const r = await run(["check", "--exemptions", file]);
        assert.equal(r.code, 2);
        assert.match(r.err, /^hardened-stack: exemption expired: .*ex\.yaml: exemptions\[0\] \(p on r\) ended 2020-01-01/);
    });

    test("several formats without --output-dir, and an unknown --fail-on, are usage errors", async () => {
        assert.match((await run(["check", "--format", "markdown,junit"])).err, /several formats \(markdown, junit\) need --output-dir DIR/);
        assert.match((await run(["check", "--fail-on", "weakening"])).err, /--fail-on takes mandatory, severity/);
    });
});

describe("an exemption never makes check pass what the real preview fails", () => {
    test("an exempted mandatory violation still exits 1 and says why; an exempted advisory one does not", async () => {
        const run = { differences: [] } as unknown as ProgramRun;
        const mandatoryOnly: AnalysisResult = { ...analysis, violations: [violation("disallow-public-bucket-policy")] };
        const { analysis: judged, applied } = exemptViolations(mandatoryOnly, exemptions);
        assert.equal(judged.violations.length, 0);
        assert.equal(checkExitCode({ run, analysis: judged, exempted: applied, secrets: [] }, false), 1);
        assert.match(exemptionLines(applied, false).join("\n"), /1 of them mandatory: `pulumi preview --policy-pack` does not read exemptions and would still fail on it/);
        const advisory = exemptViolations({ ...analysis, violations: [{ ...violation("disallow-public-bucket-policy"), enforcementLevel: "advisory" }] }, exemptions);
        assert.equal(checkExitCode({ run, analysis: advisory.analysis, exempted: advisory.applied, secrets: [] }, false, { mandatory: true, weakening: false, deletion: false, severity: "low" }), 0);
    });
});
