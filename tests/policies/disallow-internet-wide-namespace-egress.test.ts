import { describe, test } from "node:test";
import { disallowInternetWideNamespaceEgress as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-internet-wide-namespace-egress";
import { UNKNOWN, assertClean, assertDeferred, assertFails, stack } from "./aws-helpers";
import { allowDns, defaultDeny, readerEgress, withProp } from "./k8s-fixtures";
import type { TestResource } from "./harness";

const allow = (name: string, cidrs: string[], podSelector: Record<string, unknown> = {}, ns = "telemetry"): TestResource => ({
    type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", name,
    props: { metadata: { name, namespace: ns }, spec: { podSelector, policyTypes: ["Egress"], egress: [{ to: cidrs.map((cidr) => ({ ipBlock: { cidr } })) }] } },
});
// Each policy alone opens one /8 at most (the per-policy limit); two of them open more.
const halfOf = (first: number) => [`${first}.0.0.0/9`, `${first + 1}.0.0.0/9`];

describe("disallow-internet-wide-namespace-egress: NetworkPolicies do not add up to the internet", () => {
    test("the reference namespace (default deny, DNS, VPC endpoints) passes", async () =>
        assertClean(await stack(policy, [defaultDeny(), allowDns(), readerEgress()])));
    test("policies for different pods are not added up", async () =>
        assertClean(await stack(policy, [allow("a", halfOf(11), { matchLabels: { app: "a" } }), allow("b", halfOf(40), { matchLabels: { app: "b" } })])));
    test("the same ranges in different namespaces are not added up", async () =>
        assertClean(await stack(policy, [allow("a", halfOf(11)), allow("b", halfOf(40), {}, "other")])));
    test("two policies for every pod, each within the limit, that together exceed it fail, naming both", async () => {
        const b = allow("b", halfOf(40));
        assertFails(await stack(policy, [allow("a", halfOf(11)), b]), [b], "namespace telemetry, pods all (podSelector {}): NetworkPolicies a + b together allow egress to");
    });
    test("a policy for every pod adds to one for some pods", async () => {
        const some = allow("some", halfOf(40), { matchLabels: { app: "miner" } });
        assertFails(await stack(policy, [allow("all", halfOf(11)), some]), [some], "pods selected by {\"matchLabels\":{\"app\":\"miner\"}}");
    });
    test("excepts remove space only from their own policy", async () => {
        const a = withProp(allow("a", ["11.0.0.0/8"]), ["spec", "egress", 0, "to", 0, "ipBlock", "except"], ["11.0.0.0/9"]);
        assertClean(await stack(policy, [a, allow("b", ["12.0.0.0/9"])]));
        assertFails(await stack(policy, [a, allow("b", ["11.0.0.0/9", "12.0.0.0/9"])]), [allow("b", [])], "a + b together");
    });
    test("unknown: an unknown block next to a narrow union defers", async () => {
        const u = allow("u", [UNKNOWN]);
        assertDeferred(await stack(policy, [allow("a", ["52.0.0.0/9"]), u]), u, "spec.egress[0].to[0].ipBlock.cidr");
    });
});
