import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { requireDefaultServiceAccountTokenDisabled as policy } from "../../policy-packs/kill-chain/policies/kubernetes/require-default-service-account-token-disabled";
import { UNKNOWN, assertClean, assertDeferred, assertFails, stack } from "./aws-helpers";
import { urnOf } from "./harness";
import { defaultServiceAccountPatch, helmChart, namespace, serviceAccount, withProp } from "./k8s-fixtures";

describe("require-default-service-account-token-disabled: pods that name no account get no API token", () => {
    test("a Namespace with a default ServiceAccountPatch (automount false) passes", async () =>
        assertClean(await stack(policy, [namespace(), defaultServiceAccountPatch(), serviceAccount()])));
    test("a full default ServiceAccount with automount false also passes", async () =>
        assertClean(await stack(policy, [namespace(), { ...defaultServiceAccountPatch(), type: "kubernetes:core/v1:ServiceAccount" }])));

    test("a Namespace without a default ServiceAccount declaration fails", async () => {
        const ns = namespace();
        assertFails(await stack(policy, [ns, serviceAccount()]), [ns], 'Namespace telemetry has no default ServiceAccount');
    });
    test("a default ServiceAccountPatch in another namespace does not cover it", async () => {
        const ns = namespace();
        assertFails(await stack(policy, [ns, defaultServiceAccountPatch("other")]), [ns], "Namespace telemetry");
    });
    test("automountServiceAccountToken true on the default account fails (and does not cover the namespace)", async () => {
        const ns = namespace();
        const sa = withProp(defaultServiceAccountPatch(), ["automountServiceAccountToken"], true);
        assertFails(await stack(policy, [ns, sa]), [ns, sa], "automountServiceAccountToken is true");
    });
    test("automountServiceAccountToken undefined on a full default ServiceAccount fails", async () => {
        const sa = { ...withProp(defaultServiceAccountPatch(), ["automountServiceAccountToken"], undefined), type: "kubernetes:core/v1:ServiceAccount" };
        assertFails(await stack(policy, [sa]), [sa], "automountServiceAccountToken is unset");
    });
    test("a Helm Release with createNamespace true fails for the namespace it creates", async () => {
        const h = withProp(helmChart("app", {}, "kubernetes:helm.sh/v3:Release"), ["createNamespace"], true);
        assertFails(await stack(policy, [h]), [h], "Helm createNamespace creates namespace kube-system");
    });
    test("an autonamed Namespace is joined through propertyDependencies", async () => {
        const ns = withProp(namespace(), ["metadata", "name"], UNKNOWN);
        const sa = { ...withProp(defaultServiceAccountPatch(), ["metadata", "namespace"], UNKNOWN), propertyDependencies: { metadata: [urnOf(ns)] } };
        assertClean(await stack(policy, [ns, sa]));
    });
    test("unknown: a known violation is still reported when another namespace is undecided", async () => {
        const undecided = withProp(namespace("a", "ns-a"), ["metadata", "name"], UNKNOWN);
        const bare = namespace("b", "ns-b");
        const v = await stack(policy, [undecided, bare, defaultServiceAccountPatch("x")]);
        assertFails(v, [bare], "Namespace b");
        assert.equal(v.deferred.length, 1);
        assert.match(v.deferred[0]!.message, /metadata\.name of urn:pulumi:dev::test::kubernetes:core\/v1:Namespace::ns-a/);
    });
    test("unknown: an unknown namespace name with no join defers once, naming it", async () => {
        const ns = withProp(namespace(), ["metadata", "name"], UNKNOWN);
        assertDeferred(await stack(policy, [ns, defaultServiceAccountPatch()]), ns, "metadata.name");
    });
});
