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
        assertFails(await stack(policy, [...baseline.filter((r) => r !== viaFirewall), direct]), [direct], "escaping path: nodes -> subnet private-a -> private-a (aws:ec2/routeTable:RouteTable) -> destinationCidrBlock 0.0.0.0/0 -> an internet gateway");
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
});
