/**
 * Egress as a whole, per subnet that runs pods: where the subnet's routes send public destinations, and whether
 * anything along that path stops what is not on the allowlist. Each layer also has its own policy (a route past the
 * firewall, a firewall rule group that passes everything, a default action that passes); this model joins them into
 * the one question that matters for a miner — does any path from the nodes reach the internet except through the
 * firewall's allowlist — and names the whole path when one does.
 *
 * The path, in the order traffic takes it:
 *   compute (cluster, node group, Fargate profile, Auto Scaling group) -> its subnet -> the subnet's route table,
 *   longest prefix first -> an exit (internet, NAT, transit, egress-only gateway, NAT instance or ENI, peering, ...)
 *   or the Network Firewall endpoint -> the firewall's policy (stateless defaults, rule groups, stateful defaults)
 *   -> the firewall subnet's route table -> an exit.
 * A path escapes when the public destinations it carries add up to more than one /8 (lib/ip-union.ts: the halves of
 * the internet in two routes count as the internet). Security groups are not a layer here: the EKS-managed cluster
 * security group allows all outbound traffic, pods can carry their own groups, and a group changes outside the
 * program; disallow-internet-egress and disallow-internet-wide-egress-union judge them on their own.
 */
import type { PolicyResource } from "@pulumi/policy";
import { parseCidr } from "./cidr";
import { FIREWALL_POLICY, RULE_GROUP, passAllRules, statefulDefaultPasses, statelessDefaultPasses } from "./network-firewall";
import { ComputeSubnet, RouteView, SUBNETS, computeSubnets, isExit, routesOf, tablesOf } from "./egress-routes";
import { internetWideUnionOf, publicAddresses } from "./ip-union";
import type { RangeSet } from "./ip-union";
import { prefixListContents } from "./prefix-lists";
import { label, referrerIndex, sources } from "./stack";
import { Maybe, Reads, UNKNOWN } from "./unknowns";
import { isObject } from "./values";

export interface ExitLegs {
    /** The exit routes that carry public destinations, most public space first. */
    legs: RouteView[];
    /** How much public space they carry together, in words. */
    wide: string;
}

/** A route's destination as text, or undefined when unknown or not a CIDR. */
function destinationOf(r: RouteView): string | undefined {
    return typeof r.destination === "string" && parseCidr(r.destination) ? r.destination : undefined;
}

/**
 * The exit routes of a route table set that together carry more than one /8 of public space, after longest-prefix
 * matching: a more specific route to the firewall (or anywhere inside) takes its range away from a broader exit
 * route. Routes with an unknown destination or target can only add exits, so a union of the known ones that is
 * already wide stays wide. Undefined when the exits stay narrow.
 */
export function exitLegs(routes: readonly RouteView[]): ExitLegs | undefined {
    const known = routes.filter((r) => destinationOf(r) !== undefined && r.target !== UNKNOWN);
    const exits = known.filter((r) => isExit(r.target));
    if (exits.length === 0) return undefined;
    const inside = known.filter((r) => !isExit(r.target));
    const sets = new Map<RouteView, RangeSet>();
    for (const e of exits) {
        const dest = parseCidr(destinationOf(e))!;
        const except = inside.map(destinationOf).filter((d): d is string => {
            const c = parseCidr(d);
            return c !== undefined && c.version === dest.version && c.prefix > dest.prefix;
        });
        sets.set(e, { cidrs: [destinationOf(e)!], except });
    }
    const wide = internetWideUnionOf([...sets.values()]);
    if (!wide) return undefined;
    const size = (e: RouteView) => publicAddresses([sets.get(e)!]);
    const legs = exits.filter((e) => size(e) > 0n).sort((a, b) => (size(b) > size(a) ? 1 : size(b) < size(a) ? -1 : 0));
    return { legs, wide };
}

/** `table -> route destination -> target` for messages (an inline route by its field, a Route resource by its name). */
export function hop(r: RouteView): string {
    const destination = r.opaqueList !== undefined ? `prefix list ${r.opaqueList} (its entries are not in the preview)`
        : `${String(r.destination)}${r.list ? ` (prefix list ${r.list})` : ""}`;
    return `${label(r.table)} -> ${r.on === r.table ? r.field : `route ${r.on.name}`} ${destination} -> ${String(r.target)}`;
}

/**
 * Why a firewall passes traffic that is not on its allowlist: its policy's stateless defaults skip the stateful
 * engine, its stateful defaults pass what no rule matched, or one of its rule groups passes everything. An empty list
 * when it drops by default; UNKNOWN when its policy is unknown in this preview; undefined when the stack does not
 * declare the policy (Firewall Manager, another stack): the pack cannot see its rules.
 */
export function firewallOpenings(firewall: PolicyResource, reads: (r: PolicyResource) => Reads): Maybe<string[]> | undefined {
    const policy = sources(firewall, "firewallPolicyArn", [FIREWALL_POLICY])[0];
    if (!policy) return undefined;
    const rd = reads(policy);
    const fp = rd.get("firewallPolicy", () => policy.props.firewallPolicy);
    if (fp === UNKNOWN) return UNKNOWN;
    if (!isObject(fp)) return ["its policy has no firewallPolicy, so nothing is dropped"];
    const out: string[] = [];
    for (const field of ["statelessDefaultActions", "statelessFragmentDefaultActions"]) {
        const actions = rd.snapshot(`firewallPolicy.${field}`, () => fp[field]);
        if (actions === UNKNOWN) return UNKNOWN;
        const why = statelessDefaultPasses(field, actions);
        if (why) out.push(why);
    }
    const stateful = rd.snapshot("firewallPolicy.statefulDefaultActions", () => fp.statefulDefaultActions);
    if (stateful === UNKNOWN || (Array.isArray(stateful) && stateful.includes(UNKNOWN))) return UNKNOWN;
    const passes = statefulDefaultPasses(stateful);
    if (passes) out.push(passes);
    for (const group of sources(policy, "firewallPolicy", [RULE_GROUP])) {
        const source = reads(group).snapshot("ruleGroup.rulesSource", () => (group.props.ruleGroup as { rulesSource?: unknown } | undefined)?.rulesSource);
        if (source === UNKNOWN) continue;
        if (!isObject(source)) continue;
        for (const why of passAllRules(source)) out.push(`rule group ${group.name}: ${why}`);
    }
    return out;
}

export interface EscapePath {
    subnet: PolicyResource;
    /** What runs in the subnet. */
    by: PolicyResource[];
    /** The node subnet's route that starts the escaping part of the path (reported on). */
    on: RouteView;
    /** The whole path, in words. */
    path: string;
    /** "direct" when a route leaves past the firewall; "firewall" when the firewall on the path passes everything. */
    kind: "direct" | "firewall";
}

/** Every path by which a subnet that runs pods reaches the internet other than through the firewall's allowlist. */
export function subnetEscapes(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): EscapePath[] {
    const referrers = referrerIndex(resources);
    const lists = prefixListContents(resources, reads);
    const tableRoutes = new Map<string, RouteView[]>();
    const routesOfSubnet = (subnet: PolicyResource) => tablesOf(subnet, referrers).flatMap((t) => {
        let list = tableRoutes.get(t.urn);
        if (!list) tableRoutes.set(t.urn, (list = routesOf(t, referrers, reads, lists)));
        return list;
    });
    const out: EscapePath[] = [];
    for (const { subnet, by } of computeSubnets(resources, reads)) out.push(...escapesOf({ subnet, by }, routesOfSubnet(subnet), routesOfSubnet, reads));
    return out;
}

function escapesOf(cs: ComputeSubnet, routes: RouteView[], routesOfSubnet: (s: PolicyResource) => RouteView[],
    reads: (r: PolicyResource) => Reads): EscapePath[] {
    const start = `${cs.by.map((b) => b.name).join(", ")} -> subnet ${cs.subnet.name}`;
    const out: EscapePath[] = [];
    // A prefix list the stack does not declare, routed to an exit: its entries may be the internet, and the preview
    // cannot show them (an AWS-managed or another account's list): refused, as for security groups.
    for (const r of routes) {
        if (r.opaqueList !== undefined && isExit(r.target)) out.push({ ...cs, on: r, kind: "direct", path: `${start} -> ${hop(r)}` });
    }
    const direct = exitLegs(routes);
    if (direct) {
        const [first, ...rest] = direct.legs;
        if (first) {
            const together = rest.length > 0 ? ` (with ${rest.map(hop).join("; ")}: ${direct.wide})` : "";
            out.push({ ...cs, on: first, kind: "direct", path: `${start} -> ${hop(first)}${together}` });
        }
    }
    // Routes to the firewall endpoint that carry public space: the firewall decides, then its own subnets' routes.
    const toFirewall = routes.filter((r) => r.target === "the Network Firewall endpoint" && destinationOf(r) !== undefined);
    const seen = new Set<string>();
    for (const route of toFirewall) {
        if (publicAddresses([{ cidrs: [destinationOf(route)!], except: [] }]) === 0n) continue;
        for (const firewall of route.firewalls) {
            if (seen.has(firewall.urn)) continue;
            seen.add(firewall.urn);
            // The onward leg first: a firewall whose subnets have no exit leads nowhere, whatever it passes.
            const onward = sources(firewall, "subnetMappings", SUBNETS).map((s) => ({ s, legs: exitLegs(routesOfSubnet(s)) })).find((x) => x.legs);
            if (!onward?.legs) continue;
            const openings = firewallOpenings(firewall, reads);
            if (openings === undefined || openings === UNKNOWN || openings.length === 0) continue;
            out.push({
                ...cs, on: route, kind: "firewall",
                path: `${start} -> ${hop(route)} -> firewall ${firewall.name} passes what is not on its allowlist (${openings.join("; ")}) `
                    + `-> firewall subnet ${onward.s.name} -> ${hop(onward.legs.legs[0]!)}`,
            });
        }
    }
    return out;
}
