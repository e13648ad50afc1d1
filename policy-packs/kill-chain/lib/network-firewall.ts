/**
 * What an AWS Network Firewall lets through, read from its policy and rule groups: one reading for the layer policies
 * (require-firewall-default-drop, disallow-firewall-pass-all-rules), the egress path model (lib/egress-paths.ts) and
 * the review catalog. Evaluation order followed:
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-rules-engines.html (stateless engine
 * first: its default actions apply to packets no stateless rule matched, `aws:pass` skips the stateful engine) and
 * .../suricata-rule-evaluation-order.html (stateful: with STRICT_ORDER the rule groups in priority order, then the
 * stateful default actions for what no rule matched; a PASS match ends evaluation). Pure, no SDK.
 */
import { isWholeInternet } from "./cidr";
import { internetWideUnion } from "./ip-union";
import { asList, isObject, show } from "./plain";

export const FIREWALL = "aws:networkfirewall/firewall:Firewall";
export const FIREWALL_POLICY = "aws:networkfirewall/firewallPolicy:FirewallPolicy";
export const RULE_GROUP = "aws:networkfirewall/ruleGroup:RuleGroup";

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

/** Why a stateful default-action list passes what no rule matched (no drop action in it); undefined when it drops. */
export function statefulDefaultPasses(actions: unknown): string | undefined {
    const list = Array.isArray(actions) ? actions : [];
    if (list.some((a) => typeof a === "string" && STATEFUL_DROP_ACTIONS.includes(a))) return undefined;
    return `firewallPolicy.statefulDefaultActions is ${show(actions)}, so traffic no rule matches is passed`;
}

/** Why a stateless default-action list lets packets skip the stateful engine (`aws:pass`); undefined otherwise. */
export function statelessDefaultPasses(field: string, actions: unknown): string | undefined {
    return Array.isArray(actions) && actions.includes("aws:pass")
        ? `firewallPolicy.${field} contains "aws:pass", which lets packets bypass the stateful engine and its default drop`
        : undefined;
}
