import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { requireNamespaceDefaultDenyEgress as policy } from "../../policy-packs/kill-chain/policies/kubernetes/require-namespace-default-deny-egress";
import { UNKNOWN, assertClean, assertDeferred, assertFails, stack } from "./aws-helpers";
import { urnOf } from "./harness";
import { allowDns, defaultDeny, helmChart, namespace, readerEgress, withProp } from "./k8s-fixtures";

const SPEC = ["spec"];

describe("require-namespace-default-deny-egress: a miner in any namespace reaches nothing by default", () => {
    test("the reference namespace (default-deny-all, DNS, reader egress) passes", async () =>
        assertClean(await stack(policy, [namespace(), defaultDeny(), allowDns(), readerEgress()])));
    test("an Egress-only default deny passes", async () =>
        assertClean(await stack(policy, [namespace(), withProp(defaultDeny(), [...SPEC, "policyTypes"], ["Egress"])])));
    test("a NetworkPolicyPatch declaring the same default deny passes", async () =>
        assertClean(await stack(policy, [namespace(), { ...defaultDeny(), type: "kubernetes:networking.k8s.io/v1:NetworkPolicyPatch" }])));

    const ns = namespace();
    const cases = [
        ["no NetworkPolicy at all", []],
        ["only allow policies (DNS, reader egress)", [allowDns(), readerEgress()]],
        ["a default deny in another namespace", [defaultDeny("other")]],
        ["policyTypes [\"Ingress\"] only", [withProp(defaultDeny(), [...SPEC, "policyTypes"], ["Ingress"])]],
        ["policyTypes undefined (Ingress only when there are no egress rules)", [withProp(defaultDeny(), [...SPEC, "policyTypes"], undefined)]],
        ["a podSelector with matchLabels (not every pod)", [withProp(defaultDeny(), [...SPEC, "podSelector"], { matchLabels: { app: "x" } })]],
        ["a \"deny\" that allows egress rules [{}]", [withProp(defaultDeny(), [...SPEC, "egress"], [{}])]],
    ] as const;
    for (const [what, policies] of cases) {
        test(`${what} fails the namespace`, async () =>
            assertFails(await stack(policy, [ns, ...policies]), [ns], "Namespace telemetry has no default-deny egress NetworkPolicy"));
    }
    test("a Helm Release with createNamespace true fails for its namespace", async () => {
        const h = withProp(withProp(helmChart("app", {}, "kubernetes:helm.sh/v3:Release"), ["createNamespace"], true), ["namespace"], "apps");
        assertFails(await stack(policy, [h]), [h], "Helm createNamespace creates namespace apps");
        assertClean(await stack(policy, [h, defaultDeny("apps")]));
    });
    test("a NetworkPolicy whose namespace is computed from an autonamed Namespace is joined through propertyDependencies", async () => {
        const auto = withProp(namespace(), ["metadata", "name"], UNKNOWN);
        const deny = { ...withProp(defaultDeny(), ["metadata", "namespace"], UNKNOWN), propertyDependencies: { metadata: [urnOf(auto)] } };
        assertClean(await stack(policy, [auto, deny]));
    });
    test("a policy computed from one autonamed Namespace does not cover another", async () => {
        const auto = withProp(namespace("a", "ns-a"), ["metadata", "name"], UNKNOWN);
        const deny = { ...withProp(defaultDeny(), ["metadata", "namespace"], UNKNOWN), propertyDependencies: { metadata: [urnOf(auto)] } };
        const bare = namespace("bare", "ns-bare");
        assertFails(await stack(policy, [auto, deny, bare]), [bare], "Namespace bare");
    });
    test("unknown: a namespace without any policy still fails while another namespace's policy is undecided", async () => {
        const bare = namespace("bare", "ns-bare");
        const undecided = withProp(defaultDeny(), [...SPEC, "policyTypes"], UNKNOWN);
        const v = await stack(policy, [ns, bare, undecided]);
        assertFails(v, [bare], "Namespace bare");
        assert.equal(v.deferred.length, 1);
        assert.match(v.deferred[0]!.message, /spec\.policyTypes of urn:pulumi:dev::test::kubernetes:networking\.k8s\.io\/v1:NetworkPolicy::deny-telemetry/);
    });
    test("unknown: a candidate policy with unknown policyTypes defers once, naming them", async () => {
        const deny = withProp(defaultDeny(), [...SPEC, "policyTypes"], UNKNOWN);
        assertDeferred(await stack(policy, [ns, deny]), deny, "spec.policyTypes");
    });

    test("a default deny in the same-named namespace of another cluster does not cover this one", async () => {
        const cluster = (name: string) => ({ type: "pulumi:providers:kubernetes", urn: `urn:pulumi:dev::test::pulumi:providers:kubernetes::${name}`, name, props: {} });
        const batchNs = { ...namespace(), provider: cluster("batch") };
        assertFails(await stack(policy, [batchNs, { ...defaultDeny(), provider: cluster("main") }]), [batchNs], "Namespace telemetry has no default-deny egress NetworkPolicy");
        assertClean(await stack(policy, [batchNs, { ...defaultDeny(), provider: cluster("batch") }]));
    });
});

