/**
 * Where a pod's egress is allowed to go, as the NetworkPolicy API defines it
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/): a pod no egress-isolating policy
 * selects may go anywhere; a selected pod may go where the union of the selecting policies' egress rules allows (an
 * `except` removes space only from its own block); a rule with no `to` allows every destination; namespace and pod
 * selectors name peers inside the cluster, never the internet. hostNetwork pods are not subject to NetworkPolicies
 * at all (they use the node's interface).
 */
import type { PolicyResource } from "@pulumi/policy";
import { View } from "./k8s";
import { isolatesEgress } from "./k8s-network";
import { selects } from "./k8s-selectors";
import { internetWideUnion, internetWideUnionOf } from "./ip-union";
import { UNKNOWN } from "./unknowns";

/** One egress-isolating NetworkPolicy, as much of it as the union needs. */
export interface EgressGrant {
    resource: PolicyResource;
    name: string;
    /** Its podSelector (snapshot; UNKNOWN parts possible). */
    selector: unknown;
    /** ipBlock CIDRs and their excepts. */
    cidrs: string[];
    except: string[];
    /** A rule with no `to` (or `to: []`): every destination. */
    everywhere: boolean;
}

/** The egress part of a NetworkPolicy spec, or undefined when it does not isolate egress (or its rules are unknown). */
export function egressGrant(resource: PolicyResource, name: string, spec: View): EgressGrant | undefined {
    if (isolatesEgress(spec) === false) return undefined;
    const rules = spec.at("egress").list();
    if (rules === UNKNOWN) return undefined;
    const grant: EgressGrant = { resource, name, selector: spec.at("podSelector").snapshot(), cidrs: [], except: [], everywhere: false };
    for (const rule of rules) {
        const peers = rule.at("to").list();
        if (peers === UNKNOWN) continue;
        if (peers.length === 0) grant.everywhere = true;
        for (const peer of peers) {
            const cidr = peer.at("ipBlock", "cidr").str();
            if (typeof cidr !== "string") continue;
            grant.cidrs.push(cidr);
            const ex = peer.at("ipBlock", "except").list();
            if (ex !== UNKNOWN) for (const e of ex) if (typeof e.str() === "string") grant.except.push(e.str() as string);
        }
    }
    return grant;
}

export interface PodEgress {
    /** Why the pods reach public space, in words; undefined when their policies keep them in. */
    open?: string;
    /** The grants that select the pods. */
    selecting: EgressGrant[];
    /** Set when several policies are needed to open the internet (the union finding). */
    union?: string;
}

/**
 * The egress of pods with `labels` in a namespace whose egress-isolating policies are `grants`. UNKNOWN when a
 * selector that could select them is not known yet.
 */
export function podEgress(labels: unknown, grants: readonly EgressGrant[]): PodEgress | typeof UNKNOWN {
    const selecting: EgressGrant[] = [];
    for (const g of grants) {
        const s = selects(g.selector, labels);
        if (s === UNKNOWN) return UNKNOWN;
        if (s) selecting.push(g);
    }
    if (selecting.length === 0) return { open: "no NetworkPolicy isolates their egress", selecting };
    const all = selecting.find((g) => g.everywhere);
    if (all) return { open: `NetworkPolicy ${all.name} allows egress to every destination`, selecting };
    const single = selecting.find((g) => internetWideUnion(g.cidrs, g.except));
    if (single) return { open: `NetworkPolicy ${single.name} allows egress to ${internetWideUnion(single.cidrs, single.except)}`, selecting };
    const withBlocks = selecting.filter((g) => g.cidrs.length > 0);
    const wide = internetWideUnionOf(withBlocks);
    if (!wide) return { selecting };
    const union = `NetworkPolicies ${withBlocks.map((g) => g.name).join(" + ")} together allow egress to ${wide}`;
    return { open: union, union, selecting };
}
