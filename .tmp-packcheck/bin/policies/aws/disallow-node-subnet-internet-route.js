"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowNodeSubnetInternetRoute = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const cidr_1 = require("../../lib/cidr");
const frameworks_1 = require("../../lib/frameworks");
const stack_1 = require("../../lib/stack");
const values_1 = require("../../lib/values");
const SUBNETS = [aws_types_1.AWS.subnet, aws_types_1.AWS.defaultSubnet];
/** Where compute that runs pods takes its subnets from (property whose dependencies are the subnets). */
const NODE_SUBNET_PROPS = {
    [aws_types_1.AWS.eksNodeGroup]: "subnetIds",
    [aws_types_1.AWS.eksFargateProfile]: "subnetIds",
    [aws_types_1.AWS.eksCluster]: "vpcConfig",
    [aws_types_1.AWS.autoscalingGroup]: "vpcZoneIdentifiers",
};
function classify(get, has, deps) {
    if (has("natGatewayId"))
        return "a NAT gateway";
    if (has("egressOnlyGatewayId"))
        return "an egress-only internet gateway";
    if (!has("gatewayId"))
        return "other";
    if (deps.some((d) => d.type === aws_types_1.AWS.internetGateway))
        return "an internet gateway";
    const gw = get("gatewayId");
    if (gw === unknowns_1.UNKNOWN)
        return unknowns_1.UNKNOWN;
    return typeof gw === "string" && gw.startsWith("igw-") ? "an internet gateway" : "other";
}
function routesOf(table, all, reads) {
    const out = [];
    const rd = reads(table);
    const inline = rd.get("routes", () => table.props.routes);
    if (Array.isArray(inline)) {
        inline.forEach((route, i) => {
            if (!(0, values_1.isObject)(route))
                return;
            const at = `routes[${i}]`;
            const v4 = rd.get(`${at}.cidrBlock`, () => route.cidrBlock);
            const v6 = rd.get(`${at}.ipv6CidrBlock`, () => route.ipv6CidrBlock);
            const destination = v4 === unknowns_1.UNKNOWN || v6 === unknowns_1.UNKNOWN ? unknowns_1.UNKNOWN : (v4 ?? v6);
            out.push({
                on: table, field: at, destination,
                target: classify((k) => rd.get(`${at}.${k}`, () => route[k]), (k) => (0, values_1.hasValue)(route, k), (0, stack_1.sources)(table, "routes")),
            });
        });
    }
    for (const r of (0, stack_1.referrers)(all, [aws_types_1.AWS.route], "routeTableId", table)) {
        const rr = reads(r);
        const v4 = rr.get("destinationCidrBlock", () => r.props.destinationCidrBlock);
        const v6 = rr.get("destinationIpv6CidrBlock", () => r.props.destinationIpv6CidrBlock);
        const destination = v4 === unknowns_1.UNKNOWN || v6 === unknowns_1.UNKNOWN ? unknowns_1.UNKNOWN : (v4 ?? v6);
        out.push({
            on: r, field: "destinationCidrBlock", destination,
            target: classify((k) => rr.get(k, () => r.props[k]), (k) => (0, values_1.hasValue)(r.props, k), (0, stack_1.sources)(r, "gatewayId")),
        });
    }
    return out;
}
/** Route tables a subnet uses: its explicit association, else its VPC's main route table if the stack sets one. */
function tablesOf(subnet, all) {
    const explicit = (0, stack_1.referrers)(all, [aws_types_1.AWS.routeTableAssociation], "subnetId", subnet).flatMap((a) => (0, stack_1.sources)(a, "routeTableId", aws_types_1.ROUTE_TABLE_TYPES));
    if (explicit.length > 0)
        return explicit;
    const vpcs = (0, stack_1.sources)(subnet, "vpcId", [aws_types_1.AWS.vpc]);
    return vpcs.flatMap((vpc) => [
        ...(0, stack_1.referrers)(all, [aws_types_1.AWS.mainRouteTableAssociation], "vpcId", vpc).flatMap((a) => (0, stack_1.sources)(a, "routeTableId", aws_types_1.ROUTE_TABLE_TYPES)),
        ...(0, stack_1.referrers)(all, [aws_types_1.AWS.defaultRouteTable], "defaultRouteTableId", vpc),
    ]);
}
/**
 * Subnets that run pods (EKS node groups, Fargate profiles, the cluster's own subnets, Auto Scaling groups) have
 * no default route straight to an internet gateway, NAT gateway or egress-only gateway: internet-bound traffic must
 * go to the Network Firewall endpoint (vpcEndpointId), which allows only listed domains and drops the rest, or
 * nowhere at all. Security groups cannot say "via the firewall"; routes can.
 */
exports.disallowNodeSubnetInternetRoute = (0, policy_1.stackPolicy)({
    name: "disallow-node-subnet-internet-route",
    description: "Subnets used by EKS clusters, node groups, Fargate profiles and Auto Scaling groups have no default route directly to an internet, NAT or egress-only gateway (only via a firewall endpoint).",
    step: "mining",
    severity: "critical",
    remediationSteps: "In the node subnets' route table, point 0.0.0.0/0 at the Network Firewall endpoint (vpcEndpointId) and put the NAT gateway behind the firewall subnet, or remove the default route entirely and use VPC endpoints (egress mode \"sealed\"). Never route node subnets' 0.0.0.0/0 or ::/0 to gatewayId (igw-...), natGatewayId or egressOnlyGatewayId.",
    url: "https://docs.aws.amazon.com/network-firewall/latest/developerguide/arch-igw-ngw.html",
    framework: (0, frameworks_1.eksBestPractices)("network", "Network policy; restrict egress from worker nodes"),
    references: ["EKS-BP hosts: Deploy workers onto private subnets", "anchors A6 rows 44-45 (no NAT path that skips the firewall)"],
    check: ({ args, reads, report }) => {
        const users = new Map();
        for (const r of args.resources) {
            const prop = NODE_SUBNET_PROPS[r.type];
            if (!prop)
                continue;
            for (const s of (0, stack_1.sources)(r, prop, SUBNETS)) {
                const entry = users.get(s.urn) ?? { subnet: s, by: [] };
                entry.by.push(r);
                users.set(s.urn, entry);
            }
        }
        const reported = new Set();
        for (const { subnet, by } of users.values()) {
            for (const table of tablesOf(subnet, args.resources)) {
                for (const route of routesOf(table, args.resources, reads)) {
                    if (route.destination === unknowns_1.UNKNOWN || route.target === unknowns_1.UNKNOWN || route.target === "other")
                        continue;
                    if (!(0, cidr_1.isInternetWide)(route.destination))
                        continue;
                    const key = `${route.on.urn}|${route.field}`;
                    if (reported.has(key))
                        continue;
                    reported.add(key);
                    report(route.on, `${route.field} sends ${String(route.destination)} straight to ${route.target} from ${(0, stack_1.label)(table)}, used by subnet ${subnet.name} of ${by.map((b) => b.name).join(", ")}; route it to the Network Firewall endpoint (vpcEndpointId) or remove it and use VPC endpoints`);
                }
            }
        }
    },
});
//# sourceMappingURL=disallow-node-subnet-internet-route.js.map