import { describe, test } from "node:test";
import { requireGuardDutyEksProtection as policy } from "../../policy-packs/kill-chain/policies/aws/require-guardduty-eks-protection";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const detector = res("aws:guardduty/detector:Detector", "detector", { enable: true });
const feature = res("aws:guardduty/detectorFeature:DetectorFeature", "runtime", { detectorId: UNKNOWN, name: "RUNTIME_MONITORING", status: "ENABLED" });

describe("require-guardduty-eks-protection: GuardDuty is on and watches EKS", () => {
    test("an enabled detector passes", async () => assertClean(await one(policy, detector)));
    test("a detector with enable undefined (provider default true) passes", async () => assertClean(await one(policy, edit(detector, { enable: undefined }))));
    test("an enabled runtime feature passes", async () => assertClean(await one(policy, feature)));
    test("a disabled non-EKS feature (S3 data events) is not judged", async () =>
        assertClean(await one(policy, edit(feature, { name: "S3_DATA_EVENTS", status: "DISABLED" }))));

    test("enable false fails", async () => assertFails(await one(policy, edit(detector, { enable: false })), [detector], "enable is false"));
    test("datasources.kubernetes.auditLogs.enable false fails", async () =>
        assertFails(await one(policy, edit(detector, { datasources: { kubernetes: { auditLogs: { enable: false } } } })), [detector], "datasources.kubernetes.auditLogs.enable is false"));
    for (const name of ["EKS_AUDIT_LOGS", "RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"]) {
        test(`${name} DISABLED fails`, async () =>
            assertFails(await one(policy, edit(feature, { name, status: "DISABLED" })), [feature], `status of the ${name} detector feature is "DISABLED"`));
    }

    test("an unknown datasource next to enable false still fails", async () =>
        assertFails(await one(policy, edit(detector, { enable: false, datasources: { kubernetes: UNKNOWN } })), [detector], "enable is false"));
    test("an unknown status defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(feature, { status: UNKNOWN })), feature, "status"));
});
