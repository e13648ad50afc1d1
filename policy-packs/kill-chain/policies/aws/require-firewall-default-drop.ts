import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { eksBestPractices } from "../../lib/frameworks";
import { statefulDefaultPasses, statelessDefaultPasses } from "../../lib/network-firewall";
import { isObject } from "../../lib/values";

/**
 * The egress firewall fails closed: traffic no rule allows is dropped by the stateful engine, and the stateless
 * engine forwards everything to it instead of passing it through. A domain allowlist only covers HTTP/TLS, so
 * without a default drop a miner speaking raw stratum TCP would sail through.
 */
export const requireFirewallDefaultDrop = resourcePolicy({
    name: "require-firewall-default-drop",
    description: "Network Firewall policies drop by default: statefulDefaultActions include a drop action and stateless defaults forward to the stateful engine (never aws:pass).",
    step: "mining",
    severity: "critical",
    remediationSteps: "In firewallPolicy set statefulEngineOptions.ruleOrder \"STRICT_ORDER\", statefulDefaultActions [\"aws:drop_established\", \"aws:alert_established\"] (or aws:drop_strict), and statelessDefaultActions / statelessFragmentDefaultActions [\"aws:forward_to_sfe\"]; allow egress only through a stateful domain-list rule group.",
    url: "https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html",
    framework: eksBestPractices("network", "Network policy; egress filtering outside the cluster"),
    references: ["EKS-BP network: Create a default deny policy", "anchors A6 row 45 (Network Firewall domain allowlist with default drop)"],
    types: [AWS.firewallPolicy],
    check: ({ args, reads, report }) => {
        const fp = reads.get("firewallPolicy", () => args.props.firewallPolicy);
        if (fp === UNKNOWN) return;
        if (!isObject(fp)) {
            report("firewallPolicy is unset; define statefulDefaultActions with a drop action and stateless defaults aws:forward_to_sfe");
            return;
        }
        const stateful = reads.snapshot("firewallPolicy.statefulDefaultActions", () => fp.statefulDefaultActions);
        if (stateful !== UNKNOWN) {
            const passes = Array.isArray(stateful) && stateful.includes(UNKNOWN) ? undefined : statefulDefaultPasses(stateful);
            if (passes) report(`${passes}; include "aws:drop_established" or "aws:drop_strict" (with statefulEngineOptions.ruleOrder "STRICT_ORDER")`);
        }
        for (const field of ["statelessDefaultActions", "statelessFragmentDefaultActions"]) {
            const actions = reads.snapshot(`firewallPolicy.${field}`, () => fp[field]);
            if (actions === UNKNOWN) continue;
            const passes = statelessDefaultPasses(field, actions);
            if (passes) report(`${passes}; use ["aws:forward_to_sfe"]`);
        }
    },
});
