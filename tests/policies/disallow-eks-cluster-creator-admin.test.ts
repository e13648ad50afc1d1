import { describe, test } from "node:test";
import { disallowEksClusterCreatorAdmin as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-eks-cluster-creator-admin";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const baseline = res("aws:eks/cluster:Cluster", "cluster", {
    vpcConfig: { subnetIds: ["subnet-a"] },
    accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
});

describe("disallow-eks-cluster-creator-admin: the cluster creator keeps no hidden admin entry", () => {
    test("bootstrapClusterCreatorAdminPermissions false passes", async () => assertClean(await one(policy, baseline)));
    test("\"false\" (string) passes", async () =>
        assertClean(await one(policy, edit(baseline, { accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: "false" } }))));

    for (const [name, accessConfig, field] of [
        ["accessConfig undefined", undefined, "bootstrapClusterCreatorAdminPermissions is unset (EKS defaults it to true)"],
        ["the flag undefined", { authenticationMode: "API" }, "bootstrapClusterCreatorAdminPermissions is unset"],
        ["true", { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true }, "bootstrapClusterCreatorAdminPermissions is true"],
    ] as const) {
        test(`${name} fails`, async () => assertFails(await one(policy, edit(baseline, { accessConfig })), [baseline], field));
    }

    test("an unknown flag defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(baseline, { accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: UNKNOWN } })),
            baseline, "accessConfig.bootstrapClusterCreatorAdminPermissions"));
});
