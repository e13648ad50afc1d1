import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/policy";
import { Maybe, Reads, UNKNOWN } from "../../lib/unknowns";
import { AWS, ROUTE_TABLE_TYPES } from "../../lib/aws-types";
import { isInternetWide } from "../../lib/cidr";
import { eksBestPractices } from "../../lib/frameworks";
import { label, referrers, sources } from "../../lib/stack";
import { hasValue, isObject } from "../../lib/values";

const SUBNETS = [AWS.subnet, AWS.defaultSubnet];

/** Where compute that runs pods takes its subnets from (property whose dependencies are the subnets). */
const NODE_SUBNET_PROPS: Record<string, string> = {
    [AWS.eksNodeGroup]: "subnetIds",
    [AWS.eksFargateProfile]: "subnetIds",
    [AWS.eksCluster]: "vpcConfig",
    [AWS.autoscalingGroup]: "vpcZoneIdentifiers",
};

type Target = "an internet gateway" | "a NAT gateway" | "an egress-only internet gateway" | "a transit gateway" | "a network interface (a NAT instance or appliance)"
    | "an instance (a NAT instance)" | "a VPC peering connection" | "a virtual private gateway" | "a carrier gateway" | "a local gateway"
    | "a Cloud WAN core network" | "other";

interface RouteView {
    /** Resource to report on (the Route, or the RouteTable for inline routes). */
    on: PolicyResource;
    field: string;
    destination: Maybe<unknown>;
    target: Maybe<Target>;
}

/**
 * Route targets that carry traffic out of the VPC past the firewall: each can reach the internet (a transit gateway
 * through an egress VPC, an ENI or instance doing NAT, a peered VPC's gateway). Only the Network Firewall endpoint
 * (vpcEndpointId) and local routes are "other".
 */
const EXIT_TARGETS: [string, Target][] = [
    ["natGatewayId", "a NAT gateway"],
    ["egressOnlyGatewayId", "an egress-only internet gateway"],
    ["transitGatewayId", "a transit gateway"],
    ["networkInterfaceId", "a network interface (a NAT instance or appliance)"],
    ["instanceId", "an instance (a NAT instance)"],
    ["vpcPeeringConnectionId", "a VPC peering connection"],
    ["carrierGatewayId", "a carrier gateway"],
    ["localGatewayId", "a local gateway"],
    ["coreNetworkArn", "a Cloud WAN core network"],
];

function classify(get: (k: string) => Maybe<unknown>, has: (k: string) => boolean, deps: PolicyResource[]): RouteView["target"] {
    for (const [key, target] of EXIT_TARGETS) if (has(key)) return target;
    if (!has("gatewayId")) return "other";
    if (deps.some((d) => d.type === AWS.internetGateway)) return "an internet gateway";
    const gw = get("gatewayId");
    if (gw === UNKNOWN) return UNKNOWN;
    if (typeof gw === "string" && gw.startsWith("igw-")) return "an internet gateway";
    return typeof gw === "string" && gw.startsWith("vgw-") ? "a virtual private gateway" : "other";
}

function routesOf(table: PolicyResource, all: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): RouteView[] {
    const out: RouteView[] = [];
    const rd = reads(table);
    const inline = rd.get("routes", () => table.props.routes);
    if (Array.isArray(inline)) {
        inline.forEach((route, i) => {
            if (!isObject(route)) return;
            const at = `routes[${i}]`;
            const v4 = rd.get(`${at}.cidrBlock`, () => route.cidrBlock);
            const v6 = rd.get(`${at}.ipv6CidrBlock`, () => route.ipv6CidrBlock);
            const destination = v4 === UNKNOWN || v6 === UNKNOWN ? UNKNOWN : (v4 ?? v6);
            out.push({
                on: table, field: at, destination,
                target: classify((k) => rd.get(`${at}.${k}`, () => route[k]), (k) => hasValue(route, k), sources(table, "routes")),
            });
        });
    }
    for (const r of referrers(all, [AWS.route], "routeTableId", table)) {
        const rr = reads(r);
        const v4 = rr.get("destinationCidrBlock", () => r.props.destinationCidrBlock);
        const v6 = rr.get("destinationIpv6CidrBlock", () => r.props.destinationIpv6CidrBlock);
        const destination = v4 === UNKNOWN || v6 === UNKNOWN ? UNKNOWN : (v4 ?? v6);
        out.push({
            on: r, field: "destinationCidrBlock", destination,
            target: classify((k) => rr.get(k, () => r.props[k]), (k) => hasValue(r.props, k), sources(r, "gatewayId")),
        });
    }
    return out;
}

/** Route tables a subnet uses: its explicit association, else its VPC's main route table if the stack sets one. */
function tablesOf(subnet: PolicyResource, all: readonly PolicyResource[]): PolicyResource[] {
    const explicit = referrers(all, [AWS.routeTableAssociation], "subnetId", subnet).flatMap((a) => sources(a, "routeTableId", ROUTE_TABLE_TYPES));
    if (explicit.length > 0) return explicit;
    const vpcs = sources(subnet, "vpcId", [AWS.vpc]);
    return vpcs.flatMap((vpc) => [
        ...referrers(all, [AWS.mainRouteTableAssociation], "vpcId", vpc).flatMap((a) => sources(a, "routeTableId", ROUTE_TABLE_TYPES)),
        ...referrers(all, [AWS.defaultRouteTable], "defaultRouteTableId", vpc),
    ]);
}

/**
 * Subnets that run pods (EKS node groups, Fargate profiles, the cluster's own subnets, Auto Scaling groups) have
 * no default route straight to an internet gateway, NAT gateway or egress-only gateway: internet-bound traffic must
 * go to the Network Firewall endpoint (vpcEndpointId), which allows only listed domains and drops the rest, or
 * nowhere at all. Security groups cannot say "via the firewall"; routes can.
 */
export const disallowNodeSubnetInternetRoute = stackPolicy({
    name: "disallow-node-subnet-internet-route",
    description: "Subnets used by EKS clusters, node groups, Fargate profiles and Auto Scaling groups have no default route (0.0.0.0/0, ::/0 "
        + "or any range broader than /8) to an exit that skips the firewall: an internet, NAT, egress-only, transit, virtual private, carrier or "
        + "local gateway, a network interface or instance (NAT instance), a peering connection or a core network.",
    step: "mining",
    severity: "critical",
    remediationSteps: "In the node subnets' route table, point 0.0.0.0/0 at the Network Firewall endpoint (vpcEndpointId) and put the NAT gateway behind the firewall subnet, or remove the default route entirely and use VPC endpoints (egress mode \"sealed\"). Never route node subnets' 0.0.0.0/0 or ::/0 to gatewayId (igw-...), natGatewayId or egressOnlyGatewayId.",
    url: "https://docs.aws.amazon.com/network-firewall/latest/developerguide/arch-igw-ngw.html",
    framework: eksBestPractices("network", "Network policy; restrict egress from worker nodes"),
    references: ["EKS-BP hosts: Deploy workers onto private subnets", "anchors A6 rows 44-45 (no NAT path that skips the firewall)"],
    check: ({ args, reads, report }) => {
        const users = new Map<string, { subnet: PolicyResource; by: PolicyResource[] }>();
        for (const r of args.resources) {
            const prop = NODE_SUBNET_PROPS[r.type];
            if (!prop) continue;
            for (const s of sources(r, prop, SUBNETS)) {
                const entry = users.get(s.urn) ?? { subnet: s, by: [] };
                entry.by.push(r);
                users.set(s.urn, entry);
            }
        }
        const reported = new Set<string>();
        for (const { subnet, by } of users.values()) {
            for (const table of tablesOf(subnet, args.resources)) {
                for (const route of routesOf(table, args.resources, reads)) {
                    if (route.destination === UNKNOWN || route.target === UNKNOWN || route.target === "other") continue;
                    if (!isInternetWide(route.destination)) continue;
                    const key = `${route.on.urn}|${route.field}`;
                    if (reported.has(key)) continue;
                    reported.add(key);
                    report(route.on, `escaping path: ${by.map((b) => b.name).join(", ")} -> subnet ${subnet.name} -> ${label(table)} -> ${route.field} `
                        + `${String(route.destination)} -> ${route.target}, past the firewall; route it to the Network Firewall endpoint (vpcEndpointId) or `
                        + "remove it and use VPC endpoints");
                }
            }
        }
    },
});
