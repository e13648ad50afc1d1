import { describe, test } from "node:test";
import { requireRestrictedPodSecurity as policy } from "../../policy-packs/kill-chain/policies/kubernetes/require-restricted-pod-security";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { helmChart, namespace, withProp } from "./k8s-fixtures";

const ENFORCE = ["metadata", "labels", "pod-security.kubernetes.io/enforce"];
const nsPatch = (labels: Record<string, string>) =>
    ({ type: "kubernetes:core/v1:NamespacePatch", name: "patch", props: { metadata: { name: "kube-public", labels } } });

describe("require-restricted-pod-security: the API server rejects privileged pods in every namespace", () => {
    test("the reference Namespace (enforce restricted) passes", async () => assertClean(await one(policy, namespace())));
    test("a NamespacePatch that does not touch the enforce label passes", async () => assertClean(await one(policy, nsPatch({ team: "x" }))));
    test("a Helm Release without createNamespace passes", async () => assertClean(await one(policy, helmChart("app", {}, "kubernetes:helm.sh/v3:Release"))));
    const cases = [
        ["enforce undefined", withProp(namespace(), ENFORCE, undefined), 'metadata.labels["pod-security.kubernetes.io/enforce"] is unset'],
        ["labels undefined", withProp(namespace(), ["metadata", "labels"], undefined), "is unset (the EKS default level is privileged)"],
        ["enforce baseline", withProp(namespace(), ENFORCE, "baseline"), 'is "baseline"'],
        ["enforce privileged", withProp(namespace(), ENFORCE, "privileged"), 'is "privileged"'],
        ["a NamespacePatch setting enforce privileged", nsPatch({ "pod-security.kubernetes.io/enforce": "privileged" }), 'is "privileged"'],
        ["a Helm Release with createNamespace true", withProp(helmChart("app", {}, "kubernetes:helm.sh/v3:Release"), ["createNamespace"], true), "createNamespace is true"],
    ] as const;
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    test("unknown: enforce privileged is reported in one List item next to an unknown one", async () => {
        const r = { type: "kubernetes:core/v1:NamespaceList", name: "list", props: { items: [
            withProp(namespace("a"), ENFORCE, UNKNOWN).props, withProp(namespace("b"), ENFORCE, "privileged").props] } };
        assertFails(await one(policy, r), [r], 'items[1].metadata.labels["pod-security.kubernetes.io/enforce"] is "privileged"');
    });
    test("unknown: an unknown enforce label alone defers once, naming it", async () => {
        const r = withProp(namespace(), ENFORCE, UNKNOWN);
        assertDeferred(await one(policy, r), r, 'metadata.labels["pod-security.kubernetes.io/enforce"]');
    });
});
