/**
 * Catalog entries of the ways out (issue 15): where images come from (ECR pull-through caches, repository policies)
 * and where traffic may go (prefix lists, routes, Network Firewall rule groups and default actions, DNS Firewall
 * rules, the VPC CNI's NetworkPolicy enforcement, NetworkPolicy egress). Each check asks the question the egress and
 * image policies ask, through the same lib function, of the old and the new inputs.
 */
import { cidrContains, parseCidr } from "../lib/cidr";
import { isPublicUpstream } from "../lib/ecr";
import { publicCoverage } from "../lib/ip-union";
import { STATEFUL_DROP_ACTIONS, passAllRules } from "../lib/network-firewall";
import { enforcesNetworkPolicy } from "../lib/vpc-cni";
import { changedTo, cidrsWidened, containsUnknown, isRecord, list, rankLowered, readPath, short } from "./compare";
import { policyWidened } from "./documents";
import type { CatalogEntry, PropertyCheck } from "./model";

// ---------- images ----------

/** A pull-through cache rule now mirroring a public registry (anyone can publish there) it did not mirror before. */
export function publicUpstreamGained(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after) || typeof after !== "string" || !isPublicUpstream(after)) return undefined;
        if (typeof before === "string" && isPublicUpstream(before) && before.trim().toLowerCase() === after.trim().toLowerCase()) return undefined;
        return `the cache now mirrors ${after}: any image published there pulls as if it were the account's own private image`;
    };
}

// ---------- addresses ----------

/** Cidrs of a prefix list's `entries`. */
function entryCidrs(inputs: Record<string, unknown>): unknown[] {
    return list(inputs.entries).filter(isRecord).map((e) => e.cidr);
}

/** Public addresses a list of CIDRs covers (IPv4 and IPv6 apart), the pack's measure of "how much internet". */
function coverage(cidrs: unknown[]): [bigint, bigint] {
    const strings = cidrs.filter((c): c is string => typeof c === "string");
    return [publicCoverage(strings, [], 4), publicCoverage(strings, [], 6)];
}

/**
 * A prefix list that now covers more public space than before (`0.0.0.0/1` + `128.0.0.0/1` is the internet), or any
 * new range: whatever references the list (a security group rule, a route) now admits it.
 */
export function prefixListWidened(): PropertyCheck["weakens"] {
    const widened = cidrsWidened([]);
    return (before, after, ctx) => {
        const why = widened(before, after, ctx);
        if (why === undefined) return undefined;
        const [b4, b6] = coverage(list(before));
        const [a4, a6] = coverage(list(after).filter((c) => !ctx.isUnknown(c)));
        const more = a4 > b4 || a6 > b6 ? "; every rule and route that references the list now reaches that much more of the internet" : "";
        return `${why}${more}`;
    };
}

// ---------- routes ----------

/** Route fields whose target carries traffic out of the VPC (or to another network that may): an exit. */
export const EXIT_TARGETS: readonly string[] = [
    "gatewayId", "natGatewayId", "transitGatewayId", "networkInterfaceId", "egressOnlyGatewayId", "vpcPeeringConnectionId", "carrierGatewayId",
    "coreNetworkArn", "localGatewayId",
];

/** Private, shared and link-local space: a route there does not reach the internet. */
const NOT_PUBLIC = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "fc00::/7", "fe80::/10"].map(parseCidr);

function reachesPublic(destination: unknown): boolean {
    const c = parseCidr(destination);
    // A prefix-list destination is whatever the list holds: judged as public unless shown otherwise.
    return c === undefined || !NOT_PUBLIC.some((p) => p !== undefined && cidrContains(p, c));
}

/** `destination -> target` of each route of `routes` that sends public destinations to an exit. */
function exitsOf(routes: unknown[], ctx: { isUnknown(v: unknown): boolean }): string[] {
    const out: string[] = [];
    for (const r of routes.filter(isRecord)) {
        const destination = r.destinationCidrBlock ?? r.cidrBlock ?? r.destinationIpv6CidrBlock ?? r.ipv6CidrBlock ?? r.destinationPrefixListId;
        if (destination === undefined || ctx.isUnknown(destination) || !reachesPublic(destination)) continue;
        for (const field of EXIT_TARGETS) {
            const target = r[field];
            // The VPC's own `local` route is not an exit.
            if (target === undefined || target === null || target === "" || target === "local" || ctx.isUnknown(target)) continue;
            out.push(`${String(destination)} -> ${field} ${String(target)}`);
        }
    }
    return out;
}

const DESTINATIONS = ["destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"];

/** A Route resource's destination and targets only (its route table id, often unknown in a preview, is not the question). */
function routeOf(inputs: Record<string, unknown>): Record<string, unknown>[] {
    return [Object.fromEntries([...DESTINATIONS, ...EXIT_TARGETS].filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]))];
}

/**
 * Routes that now send public destinations to an exit (an internet or NAT gateway, a transit gateway, a NAT instance's
 * ENI, a peering...) instead of the firewall endpoint: traffic leaves without passing the egress allowlist.
 */
export function exitGained(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        const had = exitsOf(list(before), ctx);
        const gained = exitsOf(list(after), ctx).filter((e) => !had.includes(e));
        return gained.length > 0 ? `now routes ${gained.join("; ")}: traffic leaves the VPC without passing the firewall's allowlist` : undefined;
    };
}

// ---------- firewalls ----------

/** A rule group that gains a pass-all rule (lib/network-firewall.ts passAllRules); rule positions are not compared. */
export function passAllGained(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (containsUnknown(after, ctx) || !isRecord(after)) return undefined;
        const key = (f: string) => f.replace(/\[\d+\]/g, "[]");
        const had = new Set((isRecord(before) ? passAllRules(before) : []).map(key));
        const gained = passAllRules(after).filter((f) => !had.has(key(f)));
        return gained.length > 0 ? `${gained.join("; ")}: everything leaves before the policy's default drop` : undefined;
    };
}

/** A firewall policy whose stateful default no longer drops what no rule allowed. */
export function defaultDropLost(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (containsUnknown(after, ctx)) return undefined;
        const drops = (v: unknown) => list(v).some((a) => typeof a === "string" && STATEFUL_DROP_ACTIONS.includes(a));
        return drops(before) && !drops(after) ? `the stateful default is now ${short(after)}: traffic no rule allows (a miner's raw TCP) passes` : undefined;
    };
}

/** A DNS Firewall ALLOW rule moved to a lower priority number: evaluated earlier, it answers before the block lists. */
export function allowMovedAhead(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (!isRecord(after) || !isRecord(before) || containsUnknown(after, ctx) || after.action !== "ALLOW") return undefined;
        const [b, a] = [before.priority, after.priority];
        return typeof a === "number" && typeof b === "number" && a < b
            ? `the ALLOW rule now runs at priority ${a} instead of ${b}, ahead of any block rule between them` : undefined;
    };
}

/** The vpc-cni add-on's NetworkPolicy enforcement switched off (lib/vpc-cni.ts): every NetworkPolicy stays declared and unenforced. */
export function enforcementTurnedOff(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (!isRecord(after) || !isRecord(before) || containsUnknown(after, ctx) || after.addonName !== "vpc-cni") return undefined;
        return enforcesNetworkPolicy(before.configurationValues) && !enforcesNetworkPolicy(after.configurationValues)
            ? "configurationValues no longer sets enableNetworkPolicy \"true\": every NetworkPolicy stays declared and none is enforced" : undefined;
    };
}

// ---------- NetworkPolicy egress ----------

interface EgressTuple {
    /** `any`, `cidr:<cidr>`, or the JSON of a pod/namespace selector peer. */
    peer: string;
    except: string[];
    protocol: string;
    /** Port range, or a named port; undefined means every port. */
    ports?: [number, number] | string;
}

function egressTuples(rules: unknown, ctx: { isUnknown(v: unknown): boolean }): EgressTuple[] {
    const out: EgressTuple[] = [];
    for (const rule of list(rules).filter(isRecord)) {
        const peers = list(rule.to).filter(isRecord);
        const ports = list(rule.ports).filter(isRecord);
        const peerKeys: { peer: string; except: string[] }[] = peers.length === 0 ? [{ peer: "any", except: [] }] : peers.map((p) => {
            const block = isRecord(p.ipBlock) ? p.ipBlock : undefined;
            if (block) return { peer: `cidr:${String(block.cidr)}`, except: list(block.except).map(String) };
            return { peer: JSON.stringify(p), except: [] };
        });
        const portKeys: Omit<EgressTuple, "peer" | "except">[] = ports.length === 0 ? [{ protocol: "ANY" }] : ports.map((p) => {
            const protocol = typeof p.protocol === "string" ? p.protocol.toUpperCase() : "TCP";
            if (p.port === undefined) return { protocol };
            if (typeof p.port === "string") return { protocol, ports: p.port };
            const from = Number(p.port);
            return { protocol, ports: [from, typeof p.endPort === "number" ? p.endPort : from] as [number, number] };
        });
        for (const pk of peerKeys) for (const port of portKeys) if (!containsUnknown([pk, port], ctx)) out.push({ ...pk, ...port });
    }
    return out;
}

function tupleCovers(o: EgressTuple, n: EgressTuple): boolean {
    if (o.protocol !== "ANY" && o.protocol !== n.protocol) return false;
    if (o.ports !== undefined) {
        if (n.ports === undefined) return false;
        if (typeof o.ports === "string" || typeof n.ports === "string") { if (o.ports !== n.ports) return false; }
        else if (o.ports[0] > n.ports[0] || o.ports[1] < n.ports[1]) return false;
    }
    if (o.peer === "any" || o.peer === n.peer && o.except.every((e) => n.except.includes(e))) return true;
    if (!o.peer.startsWith("cidr:") || !n.peer.startsWith("cidr:")) return false;
    const [outer, inner] = [parseCidr(o.peer.slice(5)), parseCidr(n.peer.slice(5))];
    if (!outer || !inner || !cidrContains(outer, inner)) return false;
    // An old except inside the new block must still be excepted, or the new rule opens it.
    return o.except.every((e) => {
        const ex = parseCidr(e);
        return !ex || !(cidrContains(inner, ex) || cidrContains(ex, inner)) || n.except.includes(e);
    });
}

function describeTuple(t: EgressTuple): string {
    const to = t.peer === "any" ? "anywhere" : t.peer.startsWith("cidr:") ? `${t.peer.slice(5)}${t.except.length ? ` except ${t.except.join(", ")}` : ""}` : t.peer;
    const ports = t.ports === undefined ? (t.protocol === "ANY" ? "all ports" : `${t.protocol} all ports`) : typeof t.ports === "string" ? `${t.protocol} ${t.ports}`
        : `${t.protocol} ${t.ports[0] === t.ports[1] ? t.ports[0] : `${t.ports[0]}-${t.ports[1]}`}`;
    return `${to} on ${ports}`;
}

/** NetworkPolicy egress that now allows a peer and port the old rules did not (rule by rule: a new rule, a wider block, more ports). */
export function egressWidened(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        const had = egressTuples(before, ctx);
        const gained = egressTuples(after, ctx).filter((t) => !had.some((o) => tupleCovers(o, t)));
        return gained.length > 0 ? `now allows egress to ${gained.slice(0, 4).map(describeTuple).join("; ")}${gained.length > 4 ? `; and ${gained.length - 4} more` : ""}` : undefined;
    };
}

// ---------- the entries ----------

const ROUTE_TYPES = ["aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable"];

export const EXIT_PROPERTIES: readonly CatalogEntry[] = [
    {
        types: ["aws:ecr/pullThroughCacheRule:PullThroughCacheRule"], title: "ECR pull-through cache rule",
        checks: [
            { path: "upstreamRegistryUrl", control: "images only from registries the stack owns", step: "mining", weakens: publicUpstreamGained(), onCreate: true },
            { path: "ecrRepositoryPrefix", control: "images only from registries the stack owns", step: "mining", weakens: changedTo("the cached repository prefix") },
        ],
    },
    {
        types: ["aws:ecr/repositoryPolicy:RepositoryPolicy", "aws:ecr/registryPolicy:RegistryPolicy"], title: "ECR repository policy",
        checks: [{ path: "policy", control: "only the platform pushes images (no public write)", step: "mining", weakens: policyWidened() }],
    },
    {
        types: ["aws:ec2/managedPrefixList:ManagedPrefixList"], title: "managed prefix list",
        checks: [{ path: "entries", control: "prefix lists hold only the ranges the platform reaches", step: "mining", read: entryCidrs, weakens: prefixListWidened() }],
    },
    {
        types: ["aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry"], title: "managed prefix list entry",
        checks: [{ path: "cidr", control: "prefix lists hold only the ranges the platform reaches", step: "mining", weakens: prefixListWidened(), onCreate: true }],
    },
    {
        types: ["aws:ec2/route:Route"], title: "route",
        checks: [{ path: "(destination and target)", control: "egress leaves only through the firewall", step: "mining", read: routeOf, weakens: exitGained() }],
    },
    {
        types: ROUTE_TYPES, title: "route table",
        checks: [{ path: "routes", control: "egress leaves only through the firewall", step: "mining", weakens: exitGained() }],
    },
    {
        types: ["aws:networkfirewall/ruleGroup:RuleGroup"], title: "Network Firewall rule group",
        checks: [{ path: "ruleGroup.rulesSource", control: "the firewall passes only the allowlist", step: "mining", weakens: passAllGained() }],
        removal: { step: "mining", why: "egress to a mining pool is no longer filtered by its rules" },
    },
    {
        types: ["aws:networkfirewall/firewallPolicy:FirewallPolicy"], title: "Network Firewall policy",
        checks: [
            { path: "firewallPolicy.statefulDefaultActions", control: "the firewall drops what no rule allows", step: "mining", weakens: defaultDropLost() },
            { path: "firewallPolicy.statelessDefaultActions", control: "stateless traffic goes to the stateful engine", step: "mining",
                read: (i) => list(readPath(i, "firewallPolicy.statelessDefaultActions")).find((a) => a === "aws:pass" || a === "aws:forward_to_sfe" || a === "aws:drop"),
                weakens: rankLowered(["aws:drop", "aws:forward_to_sfe", "aws:pass"], undefined) },
        ],
        removal: { step: "mining", why: "egress to a mining pool is no longer filtered" },
    },
    {
        types: ["aws:route53/resolverFirewallRule:ResolverFirewallRule"], title: "DNS Firewall rule",
        checks: [
            { path: "action", control: "DNS Firewall blocks the pools' names", step: "mining", weakens: rankLowered(["BLOCK", "ALERT", "ALLOW"], undefined) },
            { path: "priority", control: "DNS Firewall block lists run before any ALLOW", step: "mining", read: (i) => ({ action: i.action, priority: i.priority }),
                weakens: allowMovedAhead() },
        ],
    },
    {
        types: ["aws:route53/resolverFirewallConfig:ResolverFirewallConfig"], title: "DNS Firewall configuration",
        checks: [{ path: "firewallFailOpen", control: "DNS Firewall fails closed", step: "mining", weakens: rankLowered(["DISABLED", "ENABLED"], "DISABLED") }],
    },
    {
        types: ["aws:eks/addon:Addon"], title: "EKS add-on",
        checks: [{ path: "configurationValues", control: "the VPC CNI enforces NetworkPolicies", step: "mining",
            read: (i) => ({ addonName: i.addonName, configurationValues: i.configurationValues }), weakens: enforcementTurnedOff() }],
        removal: { step: "evasion", why: "GuardDuty's runtime agent (aws-guardduty-agent) is uninstalled: runtime monitoring sees no process on the nodes",
            applies: (i) => i.addonName === "aws-guardduty-agent" },
    },
];

/** NetworkPolicy egress, for the NetworkPolicy entry (kept with the other Kubernetes entries). */
export const NETWORK_POLICY_EGRESS: PropertyCheck = {
    path: "spec.egress", control: "egress allowlist", step: "mining", weakens: egressWidened(),
};
