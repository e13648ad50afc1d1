import { describe, test } from "node:test";
import { requireEksApiAuthenticationMode as policy } from "../../policy-packs/kill-chain/policies/aws/require-eks-api-authentication-mode";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const baseline = res("aws:eks/cluster:Cluster", "cluster", {
    vpcConfig: { subnetIds: ["subnet-a"], endpointPublicAccess: false },
    accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
});

describe("require-eks-api-authentication-mode: nobody gets cluster access through the aws-auth ConfigMap", () => {
    test("authenticationMode API passes", async () => assertClean(await one(policy, baseline)));
    test("a resource of another type is not judged", async () => assertClean(await one(policy, res("aws:eks/nodeGroup:NodeGroup", "ng", {}))));

    for (const [name, accessConfig, field] of [
        ["accessConfig undefined (EKS default CONFIG_MAP)", undefined, "accessConfig.authenticationMode is unset"],
        ["authenticationMode undefined", { bootstrapClusterCreatorAdminPermissions: false }, "accessConfig.authenticationMode is unset"],
        ["CONFIG_MAP", { authenticationMode: "CONFIG_MAP" }, "accessConfig.authenticationMode is \"CONFIG_MAP\""],
        ["API_AND_CONFIG_MAP", { authenticationMode: "API_AND_CONFIG_MAP" }, "accessConfig.authenticationMode is \"API_AND_CONFIG_MAP\""],
    ] as const) {
        test(`${name} fails`, async () => assertFails(await one(policy, edit(baseline, { accessConfig })), [baseline], field));
    }

    test("an unknown authenticationMode defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(baseline, { accessConfig: { authenticationMode: UNKNOWN } })), baseline, "accessConfig.authenticationMode"));
    test("an unknown accessConfig object defers", async () =>
        assertDeferred(await one(policy, edit(baseline, { accessConfig: UNKNOWN })), baseline, "accessConfig.authenticationMode"));
});
