import { describe, test } from "node:test";
import { requireGuardDutyRuntimeAgent as policy } from "../../policy-packs/kill-chain/policies/aws/require-guardduty-runtime-agent";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const cluster = res("aws:eks/cluster:Cluster", "cluster", { vpcConfig: { subnetIds: ["s"] } });
const detector = res("aws:guardduty/detector:Detector", "detector", { enable: true });
const runtime = res(FEATURE, "runtime", { detectorId: UNKNOWN, name: "RUNTIME_MONITORING", status: "ENABLED", additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }] }, { detectorId: [detector] });
const addon = res("aws:eks/addon:Addon", "guardduty-agent", { addonName: "aws-guardduty-agent", clusterName: "c" });
const unmanaged = edit(runtime, { additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }] });

describe("require-guardduty-runtime-agent: runtime monitoring has an agent on the nodes", () => {
    test("the reference (runtime monitoring with EKS_ADDON_MANAGEMENT) passes", async () => assertClean(await stack(policy, [cluster, detector, runtime])));
    test("agent management off with the aws-guardduty-agent add-on installed by the stack passes", async () =>
        assertClean(await stack(policy, [cluster, detector, unmanaged, addon])));
    test("runtime monitoring off is not this policy's concern", async () => assertClean(await stack(policy, [cluster, detector, edit(unmanaged, { status: "DISABLED" })])));
    test("EKS_ADDON_MANAGEMENT DISABLED and no add-on fails on the detector", async () =>
        assertFails(await stack(policy, [cluster, detector, unmanaged]), [detector], "detector detector enables RUNTIME_MONITORING without EKS_ADDON_MANAGEMENT"));
    test("no additionalConfigurations and no add-on fails", async () =>
        assertFails(await stack(policy, [cluster, detector, edit(runtime, { additionalConfigurations: undefined })]), [detector], "no agent runs on the nodes"));
    test("another add-on (vpc-cni) does not count", async () =>
        assertFails(await stack(policy, [cluster, detector, unmanaged, edit(addon, { addonName: "vpc-cni" })]), [detector], "aws-guardduty-agent"));
    test("unknown: an unknown configuration status defers, naming it", async () =>
        assertDeferred(await stack(policy, [cluster, detector, edit(runtime, { additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: UNKNOWN }] })]), runtime, "additionalConfigurations"));
});
