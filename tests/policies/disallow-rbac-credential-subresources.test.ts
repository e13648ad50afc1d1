import { describe, test } from "node:test";
import { disallowRbacCredentialSubresources as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-rbac-credential-subresources";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { clusterRole, role, withProp } from "./k8s-fixtures";

describe("disallow-rbac-credential-subresources: no role turns a token into another pod's identity", () => {
    test("the reference read-only Role (pods, pods/log) passes", async () => assertClean(await one(policy, role())));
    test("a read-only ClusterRole without secrets passes", async () => assertClean(await one(policy, clusterRole())));
    test("list and watch on pods/exec hand nothing over and pass", async () =>
        assertClean(await one(policy, withProp(withProp(role(), ["rules", 0, "resources"], ["pods", "pods/exec"]), ["rules", 0, "verbs"], ["list", "watch"]))));
    test("a resource named like an object property (constructor) is not mistaken for a subresource", async () =>
        assertClean(await one(policy, withProp(withProp(role(), ["rules", 0, "resources"], ["constructor"]), ["rules", 0, "verbs"], ["create"]))));
    test("a custom resource named like a subresource in another API group passes", async () =>
        assertClean(await one(policy, withProp(withProp(role(), ["rules", 1, "resources"], ["pods/exec"]), ["rules", 1, "verbs"], ["create"]))));

    for (const [resource, verbs] of [["pods/exec", ["create"]], ["pods/attach", ["create"]], ["pods/ephemeralcontainers", ["patch"]], ["nodes/proxy", ["get"]], ["serviceaccounts/token", ["create"]]] as const) {
        test(`${verbs.join(",")} on ${resource} fails`, async () => {
            const r = withProp(clusterRole(), ["rules", 0], { apiGroups: [""], resources: [resource], verbs });
            assertFails(await one(policy, r), [r], `grants ${verbs.join(", ")} on ${resource}`);
        });
    }
    test("apiGroups \"*\" counts as the core group", async () => {
        const r = withProp(clusterRole(), ["rules", 0], { apiGroups: ["*"], resources: ["nodes/proxy"], verbs: ["get"] });
        assertFails(await one(policy, r), [r], "nodes/proxy");
    });
    test("unknown verbs on pods/exec defer, naming them", async () => {
        const r = withProp(withProp(role(), ["rules", 0, "resources"], ["pods/exec"]), ["rules", 0, "verbs"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "rules[0].verbs");
    });
});
