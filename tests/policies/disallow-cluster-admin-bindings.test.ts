import { describe, test } from "node:test";
import { disallowClusterAdminBindings as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-cluster-admin-bindings";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one, withConfig } from "./aws-helpers";
import { clusterRoleBinding, roleBinding, withProp } from "./k8s-fixtures";

const toAdmin = withProp(clusterRoleBinding(), ["roleRef", "name"], "cluster-admin");

describe("disallow-cluster-admin-bindings: cluster-admin goes to no ServiceAccount and no unreviewed group", () => {
    test("a RoleBinding to a namespaced Role passes", async () => assertClean(await one(policy, roleBinding())));
    test("a ClusterRoleBinding to a narrow ClusterRole passes", async () => assertClean(await one(policy, clusterRoleBinding())));
    test("cluster-admin to a Group outside trustedClusterAdminGroups ([] by default) fails", async () =>
        assertFails(await one(policy, toAdmin), [toAdmin], "roleRef.name is cluster-admin and subjects[0] is Group platform-viewers"));
    test("cluster-admin to a trusted group passes", async () =>
        assertClean(await one(withConfig(policy, { trustedClusterAdminGroups: ["platform-viewers"] }), toAdmin)));
    test("cluster-admin to a ServiceAccount fails even if its name is a trusted group", async () => {
        const r = withProp(toAdmin, ["subjects"], [{ kind: "ServiceAccount", name: "platform-viewers", namespace: "default" }]);
        assertFails(await one(withConfig(policy, { trustedClusterAdminGroups: ["platform-viewers"] }), r), [r], "ServiceAccount default/platform-viewers");
    });
    test("cluster-admin to a User fails", async () => {
        const r = withProp(toAdmin, ["subjects", 0], { kind: "User", name: "alice" });
        assertFails(await one(policy, r), [r], "User alice");
    });
    test("a RoleBinding to ClusterRole cluster-admin fails (admin of the namespace, Secrets included)", async () => {
        const r = withProp(withProp(roleBinding(), ["roleRef"], { kind: "ClusterRole", name: "cluster-admin" }), ["subjects", 0], { kind: "ServiceAccount", name: "app", namespace: "telemetry" });
        assertFails(await one(policy, r), [r], "ServiceAccount telemetry/app");
    });
    test("a ClusterRoleBinding to edit fails; a RoleBinding to edit passes", async () => {
        const r = withProp(clusterRoleBinding(), ["roleRef", "name"], "edit");
        assertFails(await one(policy, r), [r], "roleRef.name is edit in a ClusterRoleBinding");
        assertClean(await one(policy, withProp(roleBinding(), ["roleRef"], { kind: "ClusterRole", name: "edit" })));
    });
    test("unknown: a known ServiceAccount subject is reported next to an unknown one", async () => {
        const r = withProp(withProp(toAdmin, ["subjects", 0, "name"], UNKNOWN), ["subjects", 1], { kind: "ServiceAccount", name: "ci", namespace: "ci" });
        assertFails(await one(policy, r), [r], "subjects[1] is ServiceAccount ci/ci");
    });
    test("unknown: an unknown roleRef name defers once, naming it", async () => {
        const r = withProp(clusterRoleBinding(), ["roleRef", "name"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "roleRef.name");
    });
});
