import { describe, test } from "node:test";
import { requireGuardDutyFeaturesForEks as policy } from "../../policy-packs/kill-chain/policies/aws/require-guardduty-features-for-eks";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const cluster = res("aws:eks/cluster:Cluster", "cluster", { vpcConfig: { subnetIds: ["s"] } });
const detector = res("aws:guardduty/detector:Detector", "detector", { enable: true });
const audit = res(FEATURE, "audit", { detectorId: UNKNOWN, name: "EKS_AUDIT_LOGS", status: "ENABLED" }, { detectorId: [detector] });
const runtime = res(FEATURE, "runtime", { detectorId: UNKNOWN, name: "RUNTIME_MONITORING", status: "ENABLED", additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }] }, { detectorId: [detector] });
const baseline = [cluster, detector, audit, runtime];

describe("require-guardduty-features-for-eks: a cluster's audit log and runtime are watched", () => {
    test("both features on the stack's detector pass", async () => assertClean(await stack(policy, baseline)));
    test("features of an existing detector (literal id) pass", async () =>
        assertClean(await stack(policy, [cluster, edit(audit, { detectorId: "12abc34d567e8fa901bc2d34e56789f0" }), edit(runtime, { detectorId: "12abc34d567e8fa901bc2d34e56789f0" })])));
    test("a stack without a cluster is not judged", async () => assertClean(await stack(policy, [detector])));
    test("a stack with a cluster but no GuardDuty resources (managed elsewhere) is not judged", async () => assertClean(await stack(policy, [cluster])));
    test("the legacy datasources audit flag counts for EKS_AUDIT_LOGS", async () =>
        assertClean(await stack(policy, [cluster, edit(detector, { datasources: { kubernetes: { auditLogs: { enable: true } } } }), runtime])));

    test("a detector without features fails on the detector", async () =>
        assertFails(await stack(policy, [cluster, detector]), [detector], "has no ENABLED EKS_AUDIT_LOGS or RUNTIME_MONITORING feature"));
    test("runtime monitoring absent fails", async () =>
        assertFails(await stack(policy, [cluster, detector, audit]), [detector], "has no ENABLED RUNTIME_MONITORING"));
    test("EKS_AUDIT_LOGS DISABLED fails", async () =>
        assertFails(await stack(policy, [cluster, detector, edit(audit, { status: "DISABLED" }), runtime]), [detector], "EKS_AUDIT_LOGS"));
    test("an existing detector's features without runtime fail on the feature", async () => {
        const lone = edit(audit, { detectorId: "12abc34d567e8fa901bc2d34e56789f0" });
        assertFails(await stack(policy, [cluster, lone]), [audit], "detector 12abc34d567e8fa901bc2d34e56789f0");
    });

    test("an unknown status on one detector does not hide another detector's missing features", async () => {
        const second = res("aws:guardduty/detector:Detector", "second", { enable: true });
        assertFails(await stack(policy, [...baseline.slice(0, 2), edit(audit, { status: UNKNOWN }), runtime, second]), [second], "second");
    });
    test("an unknown status alone defers, naming the path", async () =>
        assertDeferred(await stack(policy, [cluster, detector, edit(audit, { status: UNKNOWN }), runtime]), audit, "status"));
});
