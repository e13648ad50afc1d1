import { eksBestPractices } from "../../lib/frameworks";
import { RULE_GROUP, passAllRules } from "../../lib/network-firewall";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { isObject } from "../../lib/values";

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
        const findings = passAllRules(source);
        if (findings.length > 0) report(`${findings.join("; ")}: everything leaves before the default drop; allow named domains only.`);
    },
});
