import { describe, test } from "node:test";
import { disallowNodeSubnetInternetRoute as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-node-subnet-internet-route";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const vpc = res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
const igw = res("aws:ec2/internetGateway:InternetGateway", "igw", { vpcId: UNKNOWN }, { vpcId: [vpc] });
const nat = res("aws:ec2/natGateway:NatGateway", "nat", { subnetId: UNKNOWN });
const firewall = res("aws:networkfirewall/firewall:Firewall", "fw", { name: "fw" });
const subnet = res("aws:ec2/subnet:Subnet", "private-a", { vpcId: UNKNOWN, cidrBlock: "10.0.0.0/18" }, { vpcId: [vpc] });
const table = res("aws:ec2/routeTable:RouteTable", "private-a", { vpcId: UNKNOWN }, { vpcId: [vpc] });
const assoc = res("aws:ec2/routeTableAssociation:RouteTableAssociation", "private-a", { subnetId: UNKNOWN, routeTableId: UNKNOWN }, { subnetId: [subnet], routeTableId: [table] });
const viaFirewall = res("aws:ec2/route:Route", "private-a-default", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", vpcEndpointId: UNKNOWN }, { routeTableId: [table], vpcEndpointId: [firewall] });
const nodes = res("aws:eks/nodeGroup:NodeGroup", "nodes", { clusterName: "dev", subnetIds: [UNKNOWN] }, { subnetIds: [subnet] });
const baseline = [vpc, igw, nat, firewall, subnet, table, assoc, viaFirewall, nodes];
// The NAT gateway's own subnet legitimately routes to the internet gateway: no pods run there.
const publicSubnet = res("aws:ec2/subnet:Subnet", "egress-a", { vpcId: UNKNOWN, cidrBlock: "10.0.200.0/28" }, { vpcId: [vpc] });
const publicTable = res("aws:ec2/routeTable:RouteTable", "egress-a", { vpcId: UNKNOWN, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }] }, { vpcId: [vpc], routes: [igw] });
const publicAssoc = res("aws:ec2/routeTableAssociation:RouteTableAssociation", "egress-a", { subnetId: UNKNOWN, routeTableId: UNKNOWN }, { subnetId: [publicSubnet], routeTableId: [publicTable] });

describe("disallow-node-subnet-internet-route: node traffic to the internet passes the firewall", () => {
    test("a default route to the firewall endpoint passes", async () => assertClean(await stack(policy, baseline)));
    test("an internet route from a subnet without nodes passes", async () => assertClean(await stack(policy, [...baseline, publicSubnet, publicTable, publicAssoc])));
    test("no default route at all (sealed) passes", async () => assertClean(await stack(policy, baseline.filter((r) => r !== viaFirewall))));

    test("0.0.0.0/0 to an internet gateway (unknown id, joined by dependency) fails on the route", async () => {
        const direct = res("aws:ec2/route:Route", "private-a-default", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }, { routeTableId: [table], gatewayId: [igw] });
        assertFails(await stack(policy, [...baseline.filter((r) => r !== viaFirewall), direct]), [direct], "escaping path: nodes -> subnet private-a -> private-a (aws:ec2/routeTable:RouteTable) -> route private-a-default 0.0.0.0/0 -> an internet gateway");
    });
    test("0.0.0.0/0 to a literal igw- id fails", async () => {
        const direct = edit(viaFirewall, { vpcEndpointId: undefined, gatewayId: "igw-0123" });
        assertFails(await stack(policy, [...baseline.filter((r) => r !== viaFirewall), direct]), [viaFirewall], "internet gateway");
    });
    test("0.0.0.0/0 to a NAT gateway (skipping the firewall) fails", async () => {
        const direct = res("aws:ec2/route:Route", "private-a-nat", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", natGatewayId: UNKNOWN }, { routeTableId: [table], natGatewayId: [nat] });
        assertFails(await stack(policy, [...baseline, direct]), [direct], "NAT gateway");
    });
    test("::/0 to an egress-only gateway fails", async () => {
        const v6 = res("aws:ec2/route:Route", "private-a-v6", { routeTableId: UNKNOWN, destinationIpv6CidrBlock: "::/0", egressOnlyGatewayId: UNKNOWN }, { routeTableId: [table] });
        assertFails(await stack(policy, [...baseline, v6]), [v6], "egress-only internet gateway");
    });
    test("an inline 0.0.0.0/0 route to a NAT gateway on the node table fails on the table", async () => {
        const inline = edit(table, { routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: UNKNOWN }] });
        assertFails(await stack(policy, [vpc, nat, subnet, inline, assoc, nodes]), [table], "-> routes[0] 0.0.0.0/0 -> a NAT gateway");
    });
    test("a cluster's own subnets count (vpcConfig)", async () => {
        const cluster = res("aws:eks/cluster:Cluster", "cluster", { vpcConfig: { subnetIds: [UNKNOWN] } }, { vpcConfig: [subnet] });
        const direct = edit(viaFirewall, { vpcEndpointId: undefined, natGatewayId: "nat-1" });
        assertFails(await stack(policy, [vpc, subnet, table, assoc, direct, cluster]), [viaFirewall], "escaping path: cluster -> subnet private-a");
    });
    const exits = [
        ["a transit gateway", { transitGatewayId: "tgw-0123" }],
        ["a network interface (a NAT instance or appliance)", { networkInterfaceId: "eni-0123" }],
        ["an instance (a NAT instance)", { instanceId: "i-0123" }],
        ["a VPC peering connection", { vpcPeeringConnectionId: "pcx-0123" }],
        ["a virtual private gateway", { gatewayId: "vgw-0123" }],
    ] as const;
    for (const [target, props] of exits) {
        test(`0.0.0.0/0 to ${target} fails, naming the escaping path`, async () => {
            const direct = edit(viaFirewall, { vpcEndpointId: undefined, ...props });
            assertFails(await stack(policy, [...baseline.filter((r) => r !== viaFirewall), direct]), [viaFirewall], `0.0.0.0/0 -> ${target}, past the firewall`);
        });
    }
    test("the VPC's main route table counts for a subnet without an association", async () => {
        const main = res("aws:ec2/defaultRouteTable:DefaultRouteTable", "main", { defaultRouteTableId: UNKNOWN, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] }, { defaultRouteTableId: [vpc] });
        assertFails(await stack(policy, [vpc, subnet, main, nodes]), [main], "routes[0]");
    });

    test("an unknown gateway on one route does not hide a NAT route", async () => {
        const unknownGw = res("aws:ec2/route:Route", "unknown-gw", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }, { routeTableId: [table] });
        const natRoute = res("aws:ec2/route:Route", "nat-route", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/1", natGatewayId: "nat-1" }, { routeTableId: [table] });
        assertFails(await stack(policy, [...baseline, unknownGw, natRoute]), [natRoute], "NAT gateway");
    });
    test("an unknown gateway id alone defers, naming gatewayId", async () => {
        const unknownGw = res("aws:ec2/route:Route", "unknown-gw", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }, { routeTableId: [table] });
        assertDeferred(await stack(policy, [...baseline, unknownGw]), unknownGw, "gatewayId");
    });

    describe("the subnet's routes as a whole (longest prefix first, taken together)", () => {
        const half = (name: string, cidr: string, props: Record<string, unknown>) =>
            res("aws:ec2/route:Route", name, { routeTableId: UNKNOWN, destinationCidrBlock: cidr, ...props }, { routeTableId: [table] });
        test("0.0.0.0/1 and 128.0.0.0/1 to a NAT gateway are the internet: one finding naming both routes", async () => {
            const a = half("half-a", "0.0.0.0/1", { natGatewayId: "nat-1" });
            const b = half("half-b", "128.0.0.0/1", { natGatewayId: "nat-1" });
            const v = await stack(policy, [...baseline.filter((r) => r !== viaFirewall), a, b]);
            assertFails(v, [a], /half-a .*0\.0\.0\.0\/1 -> a NAT gateway \(with .*128\.0\.0\.0\/1 -> a NAT gateway: .*\/8s of public IPv4 together\)/);
        });
        test("a hundred narrow routes past the firewall add up to an escape", async () => {
            const many = Array.from({ length: 100 }, (_, i) => half(`slice-${i}`, `${i + 11}.0.0.0/8`, { transitGatewayId: "tgw-1" }));
            const v = await stack(policy, [...baseline, ...many]);
            assertFails(v, [many[0]!], /a transit gateway \(with .*\/8s of public IPv4 together\)/);
        });
        test("one narrow exit (a partner's /24 over peering) is not the internet", async () => {
            assertClean(await stack(policy, [...baseline, half("partner", "203.0.113.0/24", { vpcPeeringConnectionId: "pcx-1" })]));
        });
        test("a route whose destination is a declared prefix list holding the two halves of the internet escapes, naming the list", async () => {
            const halves = res("aws:ec2/managedPrefixList:ManagedPrefixList", "partners", { name: "partners", addressFamily: "IPv4", maxEntries: 2,
                entries: [{ cidr: "0.0.0.0/1" }, { cidr: "128.0.0.0/1" }] });
            const viaList = res("aws:ec2/route:Route", "to-partners", { routeTableId: UNKNOWN, destinationPrefixListId: UNKNOWN, natGatewayId: "nat-1" },
                { routeTableId: [table], destinationPrefixListId: [halves] });
            assertFails(await stack(policy, [...baseline, halves, viaList]), [viaList], /route to-partners 0\.0\.0\.0\/1 \(prefix list partners\) -> a NAT gateway \(with .*128\.0\.0\.0\/1 \(prefix list partners\)/);
            const narrow = edit(halves, { entries: [{ cidr: "203.0.113.0/24" }] });
            assertClean(await stack(policy, [...baseline, narrow, viaList]));
        });
        test("a route to an exit whose destination is a prefix list the stack does not declare is refused: its entries are not in the preview", async () => {
            const opaque = half("to-vendor", "", { destinationCidrBlock: undefined, destinationPrefixListId: "pl-0a1b2c3d4e5f60718", transitGatewayId: "tgw-1" });
            assertFails(await stack(policy, [...baseline, opaque]), [opaque], "route to-vendor prefix list pl-0a1b2c3d4e5f60718 (its entries are not in the preview) -> a transit gateway");
        });
        test("more specific routes to the firewall take the public space away from a broader NAT route", async () => {
            const nat0 = half("nat-default", "0.0.0.0/0", { natGatewayId: "nat-1" });
            const toFirewall = (name: string, cidr: string) => res("aws:ec2/route:Route", name, { routeTableId: UNKNOWN, destinationCidrBlock: cidr, vpcEndpointId: UNKNOWN },
                { routeTableId: [table], vpcEndpointId: [firewall] });
            const v = [...baseline.filter((r) => r !== viaFirewall), nat0];
            assertFails(await stack(policy, v), [nat0], "route nat-default 0.0.0.0/0 -> a NAT gateway");
            assertClean(await stack(policy, [...v, toFirewall("fw-a", "0.0.0.0/1"), toFirewall("fw-b", "128.0.0.0/1")]));
        });
    });

    describe("through the firewall: the firewall's policy and its subnets' onward routes", () => {
        const fwSubnet = res("aws:ec2/subnet:Subnet", "firewall-a", { vpcId: UNKNOWN, cidrBlock: "10.0.250.0/28" }, { vpcId: [vpc] });
        const fwTable = res("aws:ec2/routeTable:RouteTable", "firewall-a", { vpcId: UNKNOWN }, { vpcId: [vpc] });
        const fwAssoc = res("aws:ec2/routeTableAssociation:RouteTableAssociation", "firewall-a", { subnetId: UNKNOWN, routeTableId: UNKNOWN }, { subnetId: [fwSubnet], routeTableId: [fwTable] });
        const onward = res("aws:ec2/route:Route", "firewall-a-default", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", natGatewayId: UNKNOWN }, { routeTableId: [fwTable], natGatewayId: [nat] });
        const allowlist = res("aws:networkfirewall/ruleGroup:RuleGroup", "domains", {
            type: "STATEFUL", ruleGroup: { rulesSource: { rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["TLS_SNI"], targets: [".amazonaws.com"] } } },
        });
        const passAll = res("aws:networkfirewall/ruleGroup:RuleGroup", "pass-all", { type: "STATEFUL", ruleGroup: { rulesSource: { rulesString: "pass tcp any any -> any any (sid:1;)" } } });
        const fwPolicy = (groups: typeof allowlist[], doc: Record<string, unknown> = {}) => res("aws:networkfirewall/firewallPolicy:FirewallPolicy", "policy", {
            firewallPolicy: {
                statelessDefaultActions: ["aws:forward_to_sfe"], statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
                statefulDefaultActions: ["aws:drop_established"], statefulRuleGroupReferences: groups.map(() => ({ resourceArn: UNKNOWN })), ...doc,
            },
        }, { firewallPolicy: groups });
        const fw = (p: ReturnType<typeof fwPolicy>) => res("aws:networkfirewall/firewall:Firewall", "fw", { name: "fw", firewallPolicyArn: UNKNOWN, subnetMappings: [{ subnetId: UNKNOWN }] },
            { firewallPolicyArn: [p], subnetMappings: [fwSubnet] });
        const nodeRoute = (f: ReturnType<typeof fw>) => res("aws:ec2/route:Route", "private-a-default", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", vpcEndpointId: UNKNOWN },
            { routeTableId: [table], vpcEndpointId: [f] });
        const network = (p: ReturnType<typeof fwPolicy>) => {
            const f = fw(p);
            return { f, route: nodeRoute(f), all: [vpc, nat, subnet, table, assoc, nodes, fwSubnet, fwTable, fwAssoc, onward, p, f, nodeRoute(f)] };
        };
        test("a default-drop firewall with a domain allowlist is the allowed path", async () => {
            const p = fwPolicy([allowlist]);
            assertClean(await stack(policy, [...network(p).all, allowlist]));
        });
        test("a rule group that passes everything makes the firewall a router: the path names it and the onward NAT route", async () => {
            const p = fwPolicy([allowlist, passAll]);
            const n = network(p);
            assertFails(await stack(policy, [...n.all, allowlist, passAll]), [n.route],
                /nodes -> subnet private-a -> .*0\.0\.0\.0\/0 -> the Network Firewall endpoint -> firewall fw passes .*rule group pass-all.*-> firewall subnet firewall-a -> .*-> a NAT gateway/);
        });
        test("a stateful default that passes (no drop action) escapes the same way", async () => {
            const p = fwPolicy([allowlist], { statefulDefaultActions: ["aws:alert_established"] });
            const n = network(p);
            assertFails(await stack(policy, [...n.all, allowlist]), [n.route], /statefulDefaultActions .*alert_established.*passed/);
        });
        test("a stateless default of aws:pass skips the stateful engine and escapes", async () => {
            const p = fwPolicy([allowlist], { statelessDefaultActions: ["aws:pass"] });
            const n = network(p);
            assertFails(await stack(policy, [...n.all, allowlist]), [n.route], /statelessDefaultActions contains "aws:pass"/);
        });
        test("a firewall that passes everything but whose subnets have no exit leads nowhere", async () => {
            const p = fwPolicy([passAll]);
            assertClean(await stack(policy, [...network(p).all.filter((r) => r !== onward), passAll]));
        });
    });

    test("two node subnets sharing a route table with a NAT default route: one finding on the route naming both", async () => {
        const subnetB = res("aws:ec2/subnet:Subnet", "private-b", { vpcId: UNKNOWN, cidrBlock: "10.0.64.0/18" }, { vpcId: [vpc] });
        const assocB = res("aws:ec2/routeTableAssociation:RouteTableAssociation", "private-b", { subnetId: UNKNOWN, routeTableId: UNKNOWN }, { subnetId: [subnetB], routeTableId: [table] });
        const both = res("aws:eks/nodeGroup:NodeGroup", "nodes", { clusterName: "dev", subnetIds: [UNKNOWN, UNKNOWN] }, { subnetIds: [subnet, subnetB] });
        const direct = edit(viaFirewall, { vpcEndpointId: undefined, natGatewayId: "nat-1" });
        const v = await stack(policy, [vpc, subnet, subnetB, table, assoc, assocB, direct, both]);
        assertFails(v, [viaFirewall], /subnet private-a .*\(also from subnet private-b\)/);
    });

    describe("Karpenter node classes: their nodes land in the subnets their subnetSelectorTerms select", () => {
        const tagged = edit(subnet, { tags: { "karpenter.sh/discovery": "dev", tier: "private" } });
        const nodeClass = (terms: unknown[]) => res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "default", {
            apiVersion: "karpenter.k8s.aws/v1", kind: "EC2NodeClass", metadata: { name: "default" }, spec: { amiSelectorTerms: [{ alias: "al2023@latest" }], subnetSelectorTerms: terms },
        });
        const natRoute = edit(viaFirewall, { vpcEndpointId: undefined, natGatewayId: "nat-1" });
        const others = [vpc, tagged, table, assoc, natRoute];
        test("a subnet selected by tags (every tag of a term, \"*\" for any value) is a node subnet", async () => {
            for (const tags of [{ "karpenter.sh/discovery": "dev" }, { "karpenter.sh/discovery": "*", tier: "private" }]) {
                const nc = nodeClass([{ tags }]);
                assertFails(await stack(policy, [...others, nc]), [viaFirewall], "escaping path: default -> subnet private-a");
            }
        });
        test("a term whose tags the subnet does not all carry, or an empty one, selects nothing", async () => {
            assertClean(await stack(policy, [...others, nodeClass([{ tags: { "karpenter.sh/discovery": "dev", tier: "public" } }, { tags: {} }])]));
        });
    });
});

