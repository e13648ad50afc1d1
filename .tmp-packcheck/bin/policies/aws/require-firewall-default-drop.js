"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireFirewallDefaultDrop = exports.STATEFUL_DROP_ACTIONS = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/** Stateful default actions that drop what no rule allowed. */
exports.STATEFUL_DROP_ACTIONS = ["aws:drop_strict", "aws:drop_established", "aws:drop_established_app_layer"];
/**
 * The egress firewall fails closed: traffic no rule allows is dropped by the stateful engine, and the stateless
 * engine forwards everything to it instead of passing it through. A domain allowlist only covers HTTP/TLS, so
 * without a default drop a miner speaking raw stratum TCP would sail through.
 */
exports.requireFirewallDefaultDrop = (0, policy_1.resourcePolicy)({
    name: "require-firewall-default-drop",
    description: "Network Firewall policies drop by default: statefulDefaultActions include a drop action and stateless defaults forward to the stateful engine (never aws:pass).",
    step: "mining",
    severity: "critical",
    remediationSteps: "In firewallPolicy set statefulEngineOptions.ruleOrder \"STRICT_ORDER\", statefulDefaultActions [\"aws:drop_established\", \"aws:alert_established\"] (or aws:drop_strict), and statelessDefaultActions / statelessFragmentDefaultActions [\"aws:forward_to_sfe\"]; allow egress only through a stateful domain-list rule group.",
    url: "https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html",
    framework: (0, frameworks_1.eksBestPractices)("network", "Network policy; egress filtering outside the cluster"),
    references: ["EKS-BP network: Create a default deny policy", "anchors A6 row 45 (Network Firewall domain allowlist with default drop)"],
    types: [aws_types_1.AWS.firewallPolicy],
    check: ({ args, reads, report }) => {
        const fp = reads.get("firewallPolicy", () => args.props.firewallPolicy);
        if (fp === unknowns_1.UNKNOWN)
            return;
        if (!(0, values_1.isObject)(fp)) {
            report("firewallPolicy is unset; define statefulDefaultActions with a drop action and stateless defaults aws:forward_to_sfe");
            return;
        }
        const stateful = reads.snapshot("firewallPolicy.statefulDefaultActions", () => fp.statefulDefaultActions);
        if (stateful !== unknowns_1.UNKNOWN) {
            const list = Array.isArray(stateful) ? stateful : [];
            if (!list.includes(unknowns_1.UNKNOWN) && !list.some((a) => typeof a === "string" && exports.STATEFUL_DROP_ACTIONS.includes(a))) {
                report(`firewallPolicy.statefulDefaultActions is ${(0, values_1.show)(stateful)}, so traffic no rule matches is passed; include "aws:drop_established" or "aws:drop_strict" (with statefulEngineOptions.ruleOrder "STRICT_ORDER")`);
            }
        }
        for (const field of ["statelessDefaultActions", "statelessFragmentDefaultActions"]) {
            const actions = reads.snapshot(`firewallPolicy.${field}`, () => fp[field]);
            if (actions === unknowns_1.UNKNOWN || !Array.isArray(actions))
                continue;
            if (actions.includes("aws:pass")) {
                report(`firewallPolicy.${field} contains "aws:pass", which lets packets bypass the stateful engine and its default drop; use ["aws:forward_to_sfe"]`);
            }
        }
    },
});
//# sourceMappingURL=require-firewall-default-drop.js.map