"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.selectsAll = selectsAll;
exports.isolatesEgress = isolatesEgress;
exports.isDefaultDenyEgress = isDefaultDenyEgress;
exports.openEgress = openEgress;
/**
 * NetworkPolicy semantics the mining step depends on (https://kubernetes.io/docs/concepts/services-networking/network-policies/):
 * - `podSelector: {}` selects every pod of the namespace;
 * - egress is isolated only when `policyTypes` lists `Egress` (when `policyTypes` is unset it defaults to `Ingress`,
 *   plus `Egress` only if egress rules exist, so an unset list with no rules isolates nothing outbound);
 * - an egress rule with no `to` (or `to: []`) allows every destination; an `ipBlock` allows its whole CIDR.
 */
const cidr_1 = require("./cidr");
const unknowns_1 = require("./unknowns");
/** Whether a label selector view selects everything (`{}`); UNKNOWN when not known. */
function selectsAll(selector) {
    const keys = selector.keys();
    if (keys === unknowns_1.UNKNOWN)
        return unknowns_1.UNKNOWN;
    for (const k of ["matchLabels", "matchExpressions"]) {
        if (!keys.includes(k))
            continue;
        const inner = k === "matchLabels" ? selector.at(k).keys() : selector.at(k).list();
        if (inner === unknowns_1.UNKNOWN)
            return unknowns_1.UNKNOWN;
        if (inner.length > 0)
            return false;
    }
    return true;
}
/** Whether `policyTypes` lists `Egress`; UNKNOWN when not known. */
function isolatesEgress(spec) {
    const types = spec.at("policyTypes").list();
    if (types === unknowns_1.UNKNOWN)
        return unknowns_1.UNKNOWN;
    let unknown = false;
    for (const t of types) {
        const s = t.str();
        if (s === "Egress")
            return true;
        if (s === unknowns_1.UNKNOWN)
            unknown = true;
    }
    return unknown ? unknowns_1.UNKNOWN : false;
}
/**
 * A default-deny for egress: selects every pod, isolates egress, and allows nothing (`egress` absent or empty).
 * Ingress may be denied too (the usual `default-deny-all`).
 */
function isDefaultDenyEgress(spec) {
    const all = selectsAll(spec.at("podSelector"));
    if (all === false)
        return false;
    const egress = isolatesEgress(spec);
    if (egress === false)
        return false;
    const rules = spec.at("egress").list();
    if (rules !== unknowns_1.UNKNOWN && rules.length > 0)
        return false;
    if (all === unknowns_1.UNKNOWN || egress === unknowns_1.UNKNOWN || rules === unknowns_1.UNKNOWN)
        return unknowns_1.UNKNOWN;
    return true;
}
/** Egress rules that open the internet: no `to` (every destination) or an ipBlock broader than /8 (IPv4) or /16 (IPv6). */
function openEgress(spec) {
    const out = [];
    const rules = spec.at("egress").list();
    if (rules === unknowns_1.UNKNOWN)
        return out;
    for (const rule of rules) {
        const peers = rule.at("to").list();
        if (peers === unknowns_1.UNKNOWN)
            continue;
        if (peers.length === 0) {
            out.push({ path: rule.at("to").path, what: "is empty or unset, which allows egress to every destination, the internet included" });
            continue;
        }
        for (const peer of peers) {
            const cidr = peer.at("ipBlock", "cidr").str();
            if (typeof cidr === "string" && (0, cidr_1.isInternetWide)(cidr)) {
                out.push({ path: peer.at("ipBlock", "cidr").path, what: `is ${cidr}, which allows egress to the internet` });
            }
        }
    }
    return out;
}
//# sourceMappingURL=k8s-network.js.map