import { describe, test } from "node:test";
import { disallowWildcardRbacRules as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-wildcard-rbac-rules";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { clusterRole, role, withProp } from "./k8s-fixtures";

describe("disallow-wildcard-rbac-rules: roles list exact verbs and resources", () => {
    test("the reference read-only Role passes", async () => assertClean(await one(policy, role())));
    test("a narrow ClusterRole passes", async () => assertClean(await one(policy, clusterRole())));
    const cases = [
        ["verbs [\"*\"]", withProp(role(), ["rules", 0, "verbs"], ["*"]), 'rules[0].verbs contains "*"'],
        ["resources [\"*\"]", withProp(clusterRole(), ["rules", 0, "resources"], ["*"]), 'rules[0].resources contains "*"'],
        ["resources [\"pods/*\"] (exec, attach, portforward)", withProp(role(), ["rules", 0, "resources"], ["pods/*"]), '"pods/*"'],
        ["resources [\"*/scale\"]", withProp(role(), ["rules", 1, "resources"], ["*/scale"]), 'rules[1].resources contains "*/scale"'],
        ["a ClusterRolePatch adding \"*\"", { ...withProp(clusterRole(), ["rules", 0, "verbs"], ["get", "*"]), type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRolePatch" }, "verbs contains"],
    ] as const;
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    test("unknown: a known wildcard is reported next to an unknown rule", async () => {
        const r = withProp(withProp(role(), ["rules", 0, "verbs"], UNKNOWN), ["rules", 1, "verbs"], ["*"]);
        assertFails(await one(policy, r), [r], 'rules[1].verbs contains "*"');
    });
    test("unknown: unknown verbs alone defer once, naming them", async () => {
        const r = withProp(role(), ["rules", 0, "verbs"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "rules[0].verbs");
    });
});
