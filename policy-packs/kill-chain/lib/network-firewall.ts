/** AWS Network Firewall rules and default actions that decide whether the egress firewall fails closed. Pure. */
import { isWholeInternet } from "./cidr";
import { internetWideUnion } from "./ip-union";
import { asList, isObject } from "./plain";

/** Stateful default actions that drop what no rule allowed. */
export const STATEFUL_DROP_ACTIONS = ["aws:drop_strict", "aws:drop_established", "aws:drop_established_app_layer"];

const ANY = new Set(["any", "$external_net", "0.0.0.0/0", "::/0", "[0.0.0.0/0]", "!$home_net"]);

function isAny(v: unknown): boolean {
    return typeof v === "string" && ANY.has(v.trim().toLowerCase());
}

/** Suricata `pass` rules of a rules string whose destination and destination port are "any" (IP or TCP to everywhere). */
export function passAllSuricata(rules: string): string[] {
    const out: string[] = [];
    for (const line of rules.split("\n").map((l) => l.trim())) {
        const m = /^pass\s+(\S+)\s+(\S+)\s+(\S+)\s+(->|<>)\s+(\S+)\s+(\S+)(\s*\((.*)\))?/i.exec(line);
        if (!m) continue;
        const [, protocol, , , , dest, destPort, , options] = m;
        // A pass rule keyed on a TLS SNI or HTTP host (the allowlist) is not pass-all.
        if (options && /(tls\.sni|http\.host|dns\.query|content\s*:)/i.test(options)) continue;
        if (["ip", "tcp", "udp"].includes(protocol!.toLowerCase()) && isAny(dest) && isAny(destPort)) out.push(line);
    }
    return out;
}

/**
 * The rules of a rule group's `ruleGroup.rulesSource` that pass all traffic (Suricata or standard stateful PASS to any
 * destination and port, stateless aws:pass to destinations adding up to the internet), each named by its field.
 */
export function passAllRules(source: Record<string, unknown>): string[] {
    const findings: string[] = [];
    if (typeof source.rulesString === "string") {
        for (const line of passAllSuricata(source.rulesString)) findings.push(`ruleGroup.rulesSource.rulesString has "${line}"`);
    }
    asList(source.statefulRules).filter(isObject).forEach((r, i) => {
        const h = isObject(r.header) ? r.header : {};
        if (String(r.action).toUpperCase() === "PASS" && ["IP", "TCP", "UDP"].includes(String(h.protocol).toUpperCase())
            && isAny(h.destination) && isAny(h.destinationPort)) findings.push(`ruleGroup.rulesSource.statefulRules[${i}] passes ${String(h.protocol)} to any destination and port`);
    });
    const stateless = isObject(source.statelessRulesAndCustomActions) ? asList(source.statelessRulesAndCustomActions.statelessRules) : [];
    stateless.filter(isObject).forEach((r, i) => {
        const def = isObject(r.ruleDefinition) ? r.ruleDefinition : {};
        const actions = asList(def.actions);
        const match = isObject(def.matchAttributes) ? def.matchAttributes : {};
        const dests = asList(match.destinations).filter(isObject).map((d) => d.addressDefinition).filter((d): d is string => typeof d === "string");
        // No destinations means every destination; several can add up to the internet (0.0.0.0/1 + 128.0.0.0/1).
        const everywhere = dests.length === 0 || dests.some(isWholeInternet) || internetWideUnion(dests) !== undefined;
        if (actions.includes("aws:pass") && everywhere) findings.push(`ruleGroup.rulesSource.statelessRulesAndCustomActions.statelessRules[${i}] passes every destination past the stateful engine`);
    });
    return findings;
}
