/**
 * NetworkPolicy semantics the mining step depends on (https://kubernetes.io/docs/concepts/services-networking/network-policies/):
 * - `podSelector: {}` selects every pod of the namespace;
 * - egress is isolated only when `policyTypes` lists `Egress` (when `policyTypes` is unset it defaults to `Ingress`,
 *   plus `Egress` only if egress rules exist, so an unset list with no rules isolates nothing outbound);
 * - an egress rule with no `to` (or `to: []`) allows every destination; an `ipBlock` allows its whole CIDR.
 */
import { isInternetWide } from "./cidr";
import { internetWideUnion } from "./ip-union";
import { View } from "./k8s";
import { Maybe, UNKNOWN } from "./unknowns";

/** Whether a label selector view selects everything (`{}`); UNKNOWN when not known. */
export function selectsAll(selector: View): Maybe<boolean> {
    const keys = selector.keys();
    if (keys === UNKNOWN) return UNKNOWN;
    for (const k of ["matchLabels", "matchExpressions"]) {
        if (!keys.includes(k)) continue;
        const inner = k === "matchLabels" ? selector.at(k).keys() : selector.at(k).list();
        if (inner === UNKNOWN) return UNKNOWN;
        if (inner.length > 0) return false;
    }
    return true;
}

/** Whether `policyTypes` lists `Egress`; UNKNOWN when not known. */
export function isolatesEgress(spec: View): Maybe<boolean> {
    const types = spec.at("policyTypes").list();
    if (types === UNKNOWN) return UNKNOWN;
    let unknown = false;
    for (const t of types) {
        const s = t.str();
        if (s === "Egress") return true;
        if (s === UNKNOWN) unknown = true;
    }
    return unknown ? UNKNOWN : false;
}

/**
 * A default-deny for egress: selects every pod, isolates egress, and allows nothing (`egress` absent or empty).
 * Ingress may be denied too (the usual `default-deny-all`).
 */
export function isDefaultDenyEgress(spec: View): Maybe<boolean> {
    const all = selectsAll(spec.at("podSelector"));
    if (all === false) return false;
    const egress = isolatesEgress(spec);
    if (egress === false) return false;
    const rules = spec.at("egress").list();
    if (rules !== UNKNOWN && rules.length > 0) return false;
    if (all === UNKNOWN || egress === UNKNOWN || rules === UNKNOWN) return UNKNOWN;
    return true;
}

export interface OpenEgress {
    /** Field path of the offending part. */
    path: string;
    /** What it opens. */
    what: string;
}

/** Egress rules that open the internet: no `to` (every destination) or an ipBlock broader than /8 (IPv4) or /16 (IPv6). */
export function openEgress(spec: View): OpenEgress[] {
    const out: OpenEgress[] = [];
    const rules = spec.at("egress").list();
    if (rules === UNKNOWN) return out;
    for (const rule of rules) {
        const peers = rule.at("to").list();
        if (peers === UNKNOWN) continue;
        if (peers.length === 0) {
            out.push({ path: rule.at("to").path, what: "is empty or unset, which allows egress to every destination, the internet included" });
            continue;
        }
        for (const peer of peers) {
            const cidr = peer.at("ipBlock", "cidr").str();
            if (typeof cidr === "string" && isInternetWide(cidr)) {
                out.push({ path: peer.at("ipBlock", "cidr").path, what: `is ${cidr}, which allows egress to the internet` });
            }
        }
    }
    return out;
}

/**
 * Egress ipBlocks of a NetworkPolicy that, taken together, open more public space than the broadest single range
 * allowed (lib/ip-union.ts): a hundred public /8s, or the two halves of the internet in two rules. Undefined when
 * they do not, or when a block is unknown (recorded: the union waits for `up`).
 */
export function internetWideIpBlocks(spec: View): OpenEgress | undefined {
    const rules = spec.at("egress").list();
    if (rules === UNKNOWN) return undefined;
    const cidrs: string[] = [];
    const except: string[] = [];
    let unknownExcept = false;
    for (const rule of rules) {
        const peers = rule.at("to").list();
        if (peers === UNKNOWN) continue;
        for (const peer of peers) {
            const cidr = peer.at("ipBlock", "cidr").str();
            if (typeof cidr === "string") cidrs.push(cidr);
            const ex = peer.at("ipBlock", "except").list();
            if (ex === UNKNOWN) unknownExcept = true;
            else for (const e of ex) {
                const x = e.str();
                if (x === UNKNOWN) unknownExcept = true;
                else if (typeof x === "string") except.push(x);
            }
        }
    }
    // Unknown blocks can only add to the union, so a union of the known ones that is wide stays wide; an unknown
    // except could take the public space away again, so then the union is undecided.
    const wide = internetWideUnion(cidrs, except);
    if (!wide || unknownExcept) return undefined;
    return { path: spec.at("egress").path, what: `ipBlocks open ${wide} (${cidrs.length} blocks), the internet in pieces` };
}
