import { describe, test } from "node:test";
import { requireVpcCniNetworkPolicyEnforcement as policy } from "../../policy-packs/kill-chain/policies/aws/require-vpc-cni-network-policy-enforcement";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";
import { defaultDeny, helmChart } from "./k8s-fixtures";

const cluster = res("aws:eks/cluster:Cluster", "cluster", { name: "dev" });
const cni = res("aws:eks/addon:Addon", "vpc-cni", { addonName: "vpc-cni", clusterName: "dev", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) });

describe("require-vpc-cni-network-policy-enforcement: declared NetworkPolicies are enforced", () => {
    test("the reference (vpc-cni with enableNetworkPolicy \"true\") passes", async () => assertClean(await stack(policy, [cluster, cni, defaultDeny()])));
    test("a boolean true passes", async () => assertClean(await stack(policy, [cluster, edit(cni, { configurationValues: "{\"enableNetworkPolicy\":true}" }), defaultDeny()])));
    test("a stack without NetworkPolicies is not judged", async () => assertClean(await stack(policy, [cluster, edit(cni, { configurationValues: undefined })])));
    test("Cilium installed by the stack enforces them instead", async () =>
        assertClean(await stack(policy, [cluster, helmChart("cilium"), defaultDeny()])));
    test("enableNetworkPolicy \"false\" fails on the add-on", async () =>
        assertFails(await stack(policy, [cluster, edit(cni, { configurationValues: "{\"enableNetworkPolicy\":\"false\"}" }), defaultDeny()]), [cni],
            "enableNetworkPolicy is not \"true\", so 1 NetworkPolicy is declared (deny-telemetry) and none is enforced"));
    test("configurationValues unset fails", async () =>
        assertFails(await stack(policy, [cluster, edit(cni, { configurationValues: undefined }), defaultDeny()]), [cni], "configurationValues is unset"));
    test("no vpc-cni add-on at all fails on the cluster", async () =>
        assertFails(await stack(policy, [cluster, defaultDeny()]), [cluster], "the stack manages no vpc-cni add-on"));
    test("unknown: unknown configurationValues defer", async () =>
        assertDeferred(await stack(policy, [cluster, edit(cni, { configurationValues: UNKNOWN }), defaultDeny()]), cni, "configurationValues"));
});
