import { describe, test } from "node:test";
import { disallowBroadServiceaccountBindings as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-broad-serviceaccount-bindings";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { clusterRoleBinding, roleBinding, withProp } from "./k8s-fixtures";

const subject = (kind: string, name: string, namespace?: string) => [{ kind, name, ...(namespace ? { namespace } : {}), ...(kind === "Group" ? { apiGroup: "rbac.authorization.k8s.io" } : {}) }];

describe("disallow-broad-serviceaccount-bindings: no binding hands a role to every pod", () => {
    test("the reference bindings to named groups pass", async () => {
        assertClean(await one(policy, roleBinding()));
        assertClean(await one(policy, clusterRoleBinding()));
    });
    test("a read-only Role bound to a namespace's service accounts passes", async () =>
        assertClean(await one(policy, withProp(roleBinding(), ["subjects"], subject("Group", "system:serviceaccounts:telemetry")))));
    test("a dedicated ServiceAccount bound to edit passes", async () => {
        const b = withProp(withProp(roleBinding(), ["roleRef"], { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" }), ["subjects"], subject("ServiceAccount", "deployer", "telemetry"));
        assertClean(await one(policy, b));
    });

    test("system:serviceaccounts as a subject fails whatever the role", async () => {
        const b = withProp(roleBinding(), ["subjects"], subject("Group", "system:serviceaccounts"));
        assertFails(await one(policy, b), [b], "every pod of the cluster");
    });
    test("a namespace's service accounts bound to admin fail", async () => {
        const b = withProp(withProp(roleBinding(), ["roleRef", "name"], "admin"), ["subjects"], subject("Group", "system:serviceaccounts:telemetry"));
        assertFails(await one(policy, b), [b], "every pod of namespace telemetry");
    });
    test("a namespace's service accounts in a ClusterRoleBinding fail", async () => {
        const b = withProp(clusterRoleBinding(), ["subjects"], subject("Group", "system:serviceaccounts:payments"));
        assertFails(await one(policy, b), [b], "cluster-wide");
    });
    test("edit bound to the default ServiceAccount fails", async () => {
        const b = withProp(withProp(roleBinding(), ["roleRef"], { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" }), ["subjects"], subject("ServiceAccount", "default", "telemetry"));
        assertFails(await one(policy, b), [b], "the default ServiceAccount");
    });
    test("unknown subjects defer, naming them", async () => {
        const b = withProp(roleBinding(), ["subjects"], UNKNOWN);
        assertDeferred(await one(policy, b), b, "subjects");
    });
});
