import { describe, test } from "node:test";
import { disallowAnonymousRbacBindings as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-anonymous-rbac-bindings";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { clusterRoleBinding, roleBinding, withProp } from "./k8s-fixtures";

describe("disallow-anonymous-rbac-bindings: nothing is granted to anonymous or all-authenticated callers", () => {
    test("a RoleBinding to a named group passes", async () => assertClean(await one(policy, roleBinding())));
    test("a ClusterRoleBinding to a named group passes", async () => assertClean(await one(policy, clusterRoleBinding())));
    for (const [kind, name] of [["User", "system:anonymous"], ["Group", "system:unauthenticated"], ["Group", "system:authenticated"]] as const) {
        test(`a ClusterRoleBinding to ${kind} ${name} fails`, async () => {
            const r = withProp(clusterRoleBinding(), ["subjects", 1], { kind, name, apiGroup: "rbac.authorization.k8s.io" });
            assertFails(await one(policy, r), [r], `subjects[1].name is ${name}`);
        });
    }
    test("a RoleBindingPatch adding system:authenticated fails", async () => {
        const r = { ...withProp(roleBinding(), ["subjects", 0, "name"], "system:authenticated"), type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBindingPatch" };
        assertFails(await one(policy, r), [r], "every authenticated caller");
    });
    test("unknown: a known anonymous subject is reported next to an unknown one", async () => {
        const r = withProp(withProp(clusterRoleBinding(), ["subjects", 0, "name"], UNKNOWN), ["subjects", 1], { kind: "User", name: "system:anonymous" });
        assertFails(await one(policy, r), [r], "subjects[1].name is system:anonymous");
    });
    test("unknown: an unknown subject name alone defers once, naming it", async () => {
        const r = withProp(clusterRoleBinding(), ["subjects", 0, "name"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "subjects[0].name");
    });
});
