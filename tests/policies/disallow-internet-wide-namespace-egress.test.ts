import { describe, test } from "node:test";
import { disallowInternetWideNamespaceEgress as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-internet-wide-namespace-egress";
import { UNKNOWN, assertClean, assertDeferred, assertFails, res, stack } from "./aws-helpers";
import { allowDns, defaultDeny, deployment, readerEgress, withProp } from "./k8s-fixtures";
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

    describe("pods the program runs: every policy whose selector matches their labels, whatever the selectors look like", () => {
        const web = withProp(deployment("web"), ["spec", "template", "metadata", "labels"], { app: "web", tier: "front" });
        test("a matchLabels policy and a matchExpressions policy that select the same pods add up", async () => {
            const byExpr = allow("by-tier", halfOf(40), { matchExpressions: [{ key: "tier", operator: "In", values: ["front"] }] });
            const v = await stack(policy, [allow("by-app", halfOf(11), { matchLabels: { app: "web" } }), byExpr, web]);
            assertFails(v, [web], "namespace telemetry, pods of Deployment telemetry/telemetry-reader: NetworkPolicies by-app + by-tier together allow egress to");
        });
        test("policies of another cluster (Kubernetes provider) do not select this cluster's pods", async () => {
            const cluster = (name: string) => ({ type: "pulumi:providers:kubernetes", urn: `urn:pulumi:dev::test::pulumi:providers:kubernetes::${name}`, name, props: {} });
            const byExpr = allow("by-tier", halfOf(40), { matchExpressions: [{ key: "tier", operator: "In", values: ["front"] }] });
            const main = (r: TestResource) => ({ ...r, provider: cluster("main") });
            const other = { ...web, provider: cluster("batch") };
            assertClean(await stack(policy, [main(allow("by-app", halfOf(11), { matchLabels: { app: "web" } })), main(byExpr), other]));
        });
        test("policies whose selectors never select the same running pods are not added up", async () => {
            const byExpr = allow("by-tier", halfOf(40), { matchExpressions: [{ key: "tier", operator: "In", values: ["back"] }] });
            assertClean(await stack(policy, [allow("by-app", halfOf(11), { matchLabels: { app: "web" } }), byExpr, web]));
        });
    });

    describe("the whole path: pods their policies do not hold in, on nodes whose subnets escape", () => {
        const vpc = res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
        const subnet = res("aws:ec2/subnet:Subnet", "private-a", { vpcId: UNKNOWN, cidrBlock: "10.0.0.0/18" }, { vpcId: [vpc] });
        const table = res("aws:ec2/routeTable:RouteTable", "private-a", { vpcId: UNKNOWN }, { vpcId: [vpc] });
        const assoc = res("aws:ec2/routeTableAssociation:RouteTableAssociation", "private-a", { subnetId: UNKNOWN, routeTableId: UNKNOWN }, { subnetId: [subnet], routeTableId: [table] });
        const nodes = res("aws:eks/nodeGroup:NodeGroup", "nodes", { clusterName: "dev", subnetIds: [UNKNOWN] }, { subnetIds: [subnet] });
        const natRoute = res("aws:ec2/route:Route", "private-a-nat", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }, { routeTableId: [table] });
        const escaping = [vpc, subnet, table, assoc, nodes, natRoute];
        const cluster = res("aws:eks/cluster:Cluster", "cluster", { vpcConfig: { subnetIds: [UNKNOWN] } }, { vpcConfig: [subnet] });
        const cni = (values?: string) => res("aws:eks/addon:Addon", "vpc-cni", { addonName: "vpc-cni", clusterName: "dev", configurationValues: values });
        const app = deployment("app");

        test("pods no NetworkPolicy selects, on nodes routed to a NAT gateway, fail with the whole path", async () => {
            assertFails(await stack(policy, [...escaping, app]), [app],
                "escaping path: namespace telemetry, pods of Deployment telemetry/telemetry-reader (no NetworkPolicy isolates their egress) -> nodes -> subnet private-a -> "
                + "private-a (aws:ec2/routeTable:RouteTable) -> route private-a-nat 0.0.0.0/0 -> a NAT gateway");
        });
        test("the same pods held in by a default-deny egress policy do not escape (the route is the subnet policy's finding)", async () =>
            assertClean(await stack(policy, [...escaping, app, defaultDeny(), allowDns()])));
        test("the same pods on nodes that leave through the firewall do not escape", async () =>
            assertClean(await stack(policy, [...escaping.filter((r) => r !== natRoute), app])));
        test("a default deny the VPC CNI does not enforce holds nothing in", async () => {
            const all = [...escaping, cluster, app, defaultDeny(), allowDns()];
            assertClean(await stack(policy, [...all, cni(JSON.stringify({ enableNetworkPolicy: "true" }))]));
            assertFails(await stack(policy, [...all, cni(JSON.stringify({ enableNetworkPolicy: "false" }))]), [app], "(the vpc-cni add-on vpc-cni does not set enableNetworkPolicy \"true\"");
        });
        test("hostNetwork pods are outside every NetworkPolicy", async () => {
            const host = withProp(app, ["spec", "template", "spec", "hostNetwork"], true);
            assertFails(await stack(policy, [...escaping, host, defaultDeny(), allowDns()]), [host], "(hostNetwork: true, which no NetworkPolicy restricts)");
        });
        test("with several clusters, pods are judged against their own cluster's nodes (joined by the provider's kubeconfig)", async () => {
            const clusterA = res("aws:eks/cluster:Cluster", "a", { name: "a" });
            const clusterB = res("aws:eks/cluster:Cluster", "b", { name: "b" });
            const nodesOfB = res("aws:eks/nodeGroup:NodeGroup", "nodes", { clusterName: UNKNOWN, subnetIds: [UNKNOWN] }, { subnetIds: [subnet], clusterName: [clusterB] });
            const providerOf = (c: TestResource, name: string) => res("pulumi:providers:kubernetes", name, { kubeconfig: UNKNOWN }, { kubeconfig: [c] });
            const provA = providerOf(clusterA, "k8s-a");
            const provB = providerOf(clusterB, "k8s-b");
            const on = (r: TestResource, p: TestResource) => ({ ...r, provider: { type: p.type, urn: `urn:pulumi:dev::test::${p.type}::${p.name}`, name: p.name!, props: {} } });
            const network = [vpc, subnet, table, assoc, natRoute, nodesOfB, clusterA, clusterB, provA, provB];
            assertClean(await stack(policy, [...network, on(app, provA)]));
            const inB = on(app, provB);
            assertFails(await stack(policy, [...network, inB]), [inB], "-> nodes -> subnet private-a");
        });
        test("a policy for the pods that allows every destination lets them out", async () => {
            const open = { ...allow("open", []), props: { metadata: { name: "open", namespace: "telemetry" }, spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{}] } } };
            assertFails(await stack(policy, [...escaping, app, open]), [app], "(NetworkPolicy open allows egress to every destination)");
        });
    });
});

