import { eksBestPractices } from "../../lib/frameworks";
import { isWholeInternet } from "../../lib/cidr";
import { internetWideUnion } from "../../lib/ip-union";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { asList, isObject } from "../../lib/values";

const RULE_GROUP = "aws:networkfirewall/ruleGroup:RuleGroup";
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
 * A Network Firewall rule group that passes everything, evaluated (strict order) ahead of the policy's default drop,
 * turns the egress firewall into a router: a miner's raw Stratum TCP to its pool leaves untouched.
 */
export const disallowFirewallPassAllRules = resourcePolicy({
    name: "disallow-firewall-pass-all-rules",
    description: "No Network Firewall rule group passes all traffic: no Suricata or standard stateful PASS rule to any destination on any "
        + "port, and no stateless aws:pass rule for 0.0.0.0/0, ::/0 or destinations adding up to more than one /8 of public space, which "
        + "would run before the firewall policy's default drop.",
    step: "mining",
    severity: "critical",
    remediationSteps: "Allow egress only through a stateful domain list (rulesSourceList with generatedRulesType ALLOWLIST and TLS_SNI/HTTP_HOST "
        + "targets) and let the policy's aws:drop_established default drop the rest; stateless rules forward to the stateful engine.",
    url: "https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html",
    framework: eksBestPractices("network", "Network policy; egress filtering outside the cluster"),
    references: ["EKS-BP network: Create a default deny policy"],
    types: [RULE_GROUP],
    check: ({ args, reads, report }) => {
        const source = reads.snapshot("ruleGroup.rulesSource", () => (args.props.ruleGroup as { rulesSource?: unknown } | undefined)?.rulesSource);
        if (source === UNKNOWN || !isObject(source)) return;
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
        if (findings.length > 0) report(`${findings.join("; ")}: everything leaves before the default drop; allow named domains only.`);
    },
});
