/**
 * Routes as the egress path model reads them: which route tables a subnet uses, and for each route its destination
 * and what kind of target it sends traffic to. Joins go through dependencies (lib/stack.ts), so a preview of a new
 * stack, where every id is unknown, still sees that a route points at a NAT gateway or at the firewall.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS, ROUTE_TABLE_TYPES } from "./aws-types";
import { FIREWALL } from "./network-firewall";
import { PREFIX_LIST } from "./prefix-lists";
import { referrerIndex, sources } from "./stack";
import { Maybe, Reads, UNKNOWN } from "./unknowns";
import { hasValue, isObject } from "./values";

export const SUBNETS: readonly string[] = [AWS.subnet, AWS.defaultSubnet];

/** Where compute that runs pods takes its subnets from (property whose dependencies are the subnets). */
export const NODE_SUBNET_PROPS: Record<string, string> = {
    [AWS.eksNodeGroup]: "subnetIds",
    [AWS.eksFargateProfile]: "subnetIds",
    [AWS.eksCluster]: "vpcConfig",
    [AWS.autoscalingGroup]: "vpcZoneIdentifiers",
};

/** Targets that carry traffic out of the VPC past any firewall. */
export type Exit = "an internet gateway" | "a NAT gateway" | "an egress-only internet gateway" | "a transit gateway"
    | "a network interface (a NAT instance or appliance)" | "an instance (a NAT instance)" | "a VPC peering connection"
    | "a virtual private gateway" | "a carrier gateway" | "a local gateway" | "a Cloud WAN core network";

/**
 * Where a route sends traffic: out of the VPC (an Exit), to the Network Firewall's endpoint, or elsewhere inside
 * (local routes, gateway endpoints, a Gateway Load Balancer endpoint of an appliance the stack does not describe).
 */
export type Target = Exit | "the Network Firewall endpoint" | "other";

export interface RouteView {
    /** The route table it belongs to. */
    table: PolicyResource;
    /** Resource to report on (the Route, or the RouteTable for inline routes). */
    on: PolicyResource;
    field: string;
    destination: Maybe<unknown>;
    target: Maybe<Target>;
    /** For a route to the firewall endpoint: the firewall(s) its vpcEndpointId came from. */
    firewalls: PolicyResource[];
    /** A destination taken from a prefix list the stack declares: that list's name (one view per entry). */
    list?: string;
    /** A destination prefix list the stack does not declare: its id (its entries are not in the preview). */
    opaqueList?: string;
}

/**
 * Route targets that carry traffic out of the VPC past the firewall: each can reach the internet (a transit gateway
 * through an egress VPC, an ENI or instance doing NAT, a peered VPC's gateway).
 */
const EXIT_TARGETS: [string, Exit][] = [
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

export function isExit(target: Maybe<Target>): target is Exit {
    return target !== UNKNOWN && target !== "other" && target !== "the Network Firewall endpoint";
}

function classify(get: (k: string) => Maybe<unknown>, has: (k: string) => boolean, deps: PolicyResource[]): Target | typeof UNKNOWN {
    for (const [key, target] of EXIT_TARGETS) if (has(key)) return target;
    // The firewall's endpoint id comes from the firewall's firewallStatuses (unknown until it exists): join by dependency.
    if (has("vpcEndpointId")) return deps.some((d) => d.type === FIREWALL) ? "the Network Firewall endpoint" : "other";
    if (!has("gatewayId")) return "other";
    if (deps.some((d) => d.type === AWS.internetGateway)) return "an internet gateway";
    const gw = get("gatewayId");
    if (gw === UNKNOWN) return UNKNOWN;
    if (typeof gw === "string" && gw.startsWith("igw-")) return "an internet gateway";
    return typeof gw === "string" && gw.startsWith("vgw-") ? "a virtual private gateway" : "other";
}

/** referrers() over one stack, indexed (lib/stack.ts referrerIndex). */
export type Referrers = ReturnType<typeof referrerIndex>;

/**
 * The destinations of a route that names a prefix list (destinationPrefixListId) rather than a CIDR: one view per
 * entry of a list the stack declares, or one opaque view naming a list it does not (UNKNOWN when the id is unknown).
 */
function listDestinations(base: Omit<RouteView, "destination">, declared: PolicyResource[], lists: ReadonlyMap<string, string[]>,
    id: () => unknown): RouteView[] {
    if (declared.length > 0) return declared.flatMap((l) => (lists.get(l.urn) ?? []).map((cidr) => ({ ...base, destination: cidr, list: l.name })));
    const value = id();
    return [typeof value === "string" ? { ...base, destination: undefined, opaqueList: value } : { ...base, destination: UNKNOWN }];
}

/**
 * Every route of a table: its inline `routes` and the aws.ec2.Route resources that name it. `lists` holds the entries
 * of the prefix lists the stack declares (lib/prefix-lists.ts), for routes whose destination is a prefix list.
 */
export function routesOf(table: PolicyResource, referrers: Referrers, reads: (r: PolicyResource) => Reads,
    lists: ReadonlyMap<string, string[]> = new Map()): RouteView[] {
    const out: RouteView[] = [];
    const rd = reads(table);
    const inline = rd.get("routes", () => table.props.routes);
    if (Array.isArray(inline)) {
        const deps = sources(table, "routes");
        inline.forEach((route, i) => {
            if (!isObject(route)) return;
            const at = `routes[${i}]`;
            const v4 = rd.get(`${at}.cidrBlock`, () => route.cidrBlock);
            const v6 = rd.get(`${at}.ipv6CidrBlock`, () => route.ipv6CidrBlock);
            const destination = v4 === UNKNOWN || v6 === UNKNOWN ? UNKNOWN : (v4 ?? v6);
            const target: Maybe<Target> = classify((k) => rd.get(`${at}.${k}`, () => route[k]), (k) => hasValue(route, k), deps);
            const base: Omit<RouteView, "destination"> = { table, on: table, field: at, target, firewalls: target === "the Network Firewall endpoint" ? deps.filter((d) => d.type === FIREWALL) : [] };
            if (destination === undefined && hasValue(route, "destinationPrefixListId")) {
                // Inline routes share one dependency list: every declared list the table's routes name is taken.
                out.push(...listDestinations(base, deps.filter((d) => d.type === PREFIX_LIST), lists, () => rd.get(`${at}.destinationPrefixListId`, () => route.destinationPrefixListId)));
            } else out.push({ ...base, destination });
        });
    }
    for (const r of referrers([AWS.route], "routeTableId", table)) {
        const rr = reads(r);
        const v4 = rr.get("destinationCidrBlock", () => r.props.destinationCidrBlock);
        const v6 = rr.get("destinationIpv6CidrBlock", () => r.props.destinationIpv6CidrBlock);
        const destination = v4 === UNKNOWN || v6 === UNKNOWN ? UNKNOWN : (v4 ?? v6);
        const deps = [...sources(r, "gatewayId"), ...sources(r, "vpcEndpointId")];
        const target: Maybe<Target> = classify((k) => rr.get(k, () => r.props[k]), (k) => hasValue(r.props, k), deps);
        const base: Omit<RouteView, "destination"> = { table, on: r, field: "destinationCidrBlock", target, firewalls: deps.filter((d) => d.type === FIREWALL) };
        if (destination === undefined && hasValue(r.props, "destinationPrefixListId")) {
            out.push(...listDestinations({ ...base, field: "destinationPrefixListId" }, sources(r, "destinationPrefixListId", [PREFIX_LIST]), lists,
                () => rr.get("destinationPrefixListId", () => r.props.destinationPrefixListId)));
        } else out.push({ ...base, destination });
    }
    return out;
}

/** Route tables a subnet uses: its explicit association, else its VPC's main route table if the stack sets one. */
export function tablesOf(subnet: PolicyResource, referrers: Referrers): PolicyResource[] {
    const explicit = referrers([AWS.routeTableAssociation], "subnetId", subnet).flatMap((a) => sources(a, "routeTableId", ROUTE_TABLE_TYPES));
    if (explicit.length > 0) return explicit;
    const vpcs = sources(subnet, "vpcId", [AWS.vpc]);
    return vpcs.flatMap((vpc) => [
        ...referrers([AWS.mainRouteTableAssociation], "vpcId", vpc).flatMap((a) => sources(a, "routeTableId", ROUTE_TABLE_TYPES)),
        ...referrers([AWS.defaultRouteTable], "defaultRouteTableId", vpc),
    ]);
}

export interface ComputeSubnet {
    subnet: PolicyResource;
    /** The clusters, node groups, Fargate profiles and Auto Scaling groups that run in it. */
    by: PolicyResource[];
}

/** Karpenter node classes: their nodes go to the subnets their subnetSelectorTerms select. */
const NODE_CLASSES = ["v1", "v1beta1"].map((v) => `kubernetes:karpenter.k8s.aws/${v}:EC2NodeClass`);

/**
 * Whether a subnet's tags satisfy one Karpenter subnetSelectorTerm's `tags` (every key present; the value equal, or
 * any value for "*"), following karpenter-provider-aws's subnet selector. UNKNOWN when an unknown tag decides it.
 */
export function tagsSelect(selector: Record<string, unknown>, tags: unknown): boolean | typeof UNKNOWN {
    if (tags === UNKNOWN) return UNKNOWN;
    const have = isObject(tags) ? tags : {};
    let unknown = false;
    for (const [k, want] of Object.entries(selector)) {
        const v = have[k];
        if (v === UNKNOWN || want === UNKNOWN) unknown = true;
        else if (v === undefined || (want !== "*" && v !== want)) return false;
    }
    return unknown ? UNKNOWN : true;
}

/** The stack's subnets a Karpenter EC2NodeClass places nodes in: by dependency (an id from the program) or by tags. */
function nodeClassSubnets(nodeClass: PolicyResource, subnets: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): PolicyResource[] {
    const out = new Set(sources(nodeClass, "spec", SUBNETS));
    const terms = reads(nodeClass).snapshot("spec.subnetSelectorTerms", () => (nodeClass.props.spec as { subnetSelectorTerms?: unknown } | undefined)?.subnetSelectorTerms);
    for (const term of Array.isArray(terms) ? terms : []) {
        // Terms are ORed, a term's tags ANDed (karpenter.sh/docs/concepts/nodeclasses); a term with an empty tags map
        // selects nothing (karpenter-provider-aws v1.15.3 ignores it). An `id` term names a subnet the program passed
        // in, which the dependency above already joined.
        if (!isObject(term) || !isObject(term.tags) || Object.keys(term.tags).length === 0) continue;
        for (const s of subnets) {
            if (tagsSelect(term.tags, reads(s).snapshot("tags", () => s.props.tags)) === true) out.add(s);
        }
    }
    return [...out];
}

/** Subnets that run pods, with what runs there (node groups, Fargate, clusters, Auto Scaling groups, Karpenter node classes). */
export function computeSubnets(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): ComputeSubnet[] {
    const users = new Map<string, ComputeSubnet>();
    const add = (s: PolicyResource, by: PolicyResource) => {
        const entry = users.get(s.urn) ?? { subnet: s, by: [] };
        entry.by.push(by);
        users.set(s.urn, entry);
    };
    let subnets: PolicyResource[] | undefined;
    for (const r of resources) {
        const prop = NODE_SUBNET_PROPS[r.type];
        if (prop) for (const s of sources(r, prop, SUBNETS)) add(s, r);
        if (NODE_CLASSES.includes(r.type)) {
            subnets ??= resources.filter((x) => SUBNETS.includes(x.type));
            for (const s of nodeClassSubnets(r, subnets, reads)) add(s, r);
        }
    }
    return [...users.values()];
}
