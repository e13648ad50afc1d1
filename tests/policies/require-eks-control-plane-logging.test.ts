import { describe, test } from "node:test";
import { requireEksControlPlaneLogging as policy } from "../../policy-packs/kill-chain/policies/aws/require-eks-control-plane-logging";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const ALL = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
const baseline = res("aws:eks/cluster:Cluster", "cluster", { vpcConfig: { subnetIds: ["s"] }, enabledClusterLogTypes: ALL });

describe("require-eks-control-plane-logging: every API call leaves a record", () => {
    test("all five log types pass", async () => assertClean(await one(policy, baseline)));

    test("enabledClusterLogTypes undefined fails", async () =>
        assertFails(await one(policy, edit(baseline, { enabledClusterLogTypes: undefined })), [baseline], "enabledClusterLogTypes is unset"));
    test("[] fails", async () => assertFails(await one(policy, edit(baseline, { enabledClusterLogTypes: [] })), [baseline], "lacks api, audit, authenticator, controllerManager, scheduler"));
    test("without audit fails", async () =>
        assertFails(await one(policy, edit(baseline, { enabledClusterLogTypes: ALL.filter((t) => t !== "audit") })), [baseline], "enabledClusterLogTypes lacks audit"));
    test("the terraform-aws-eks default (api, audit, authenticator) fails", async () =>
        assertFails(await one(policy, edit(baseline, { enabledClusterLogTypes: ["api", "audit", "authenticator"] })), [baseline], "lacks controllerManager, scheduler"));

    test("an unknown list defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(baseline, { enabledClusterLogTypes: UNKNOWN })), baseline, "enabledClusterLogTypes"));
});
