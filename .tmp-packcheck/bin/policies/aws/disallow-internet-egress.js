"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowInternetEgress = exports.DEFAULT_INTERNET_EGRESS_PORTS = void 0;
exports.onlyAllowedPorts = onlyAllowedPorts;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const cidr_1 = require("../../lib/cidr");
const config_1 = require("../../lib/config");
const frameworks_1 = require("../../lib/frameworks");
const security_groups_1 = require("../../lib/security-groups");
/** TCP ports that may leave for the internet by default: HTTPS only, which the network firewall filters by SNI. */
exports.DEFAULT_INTERNET_EGRESS_PORTS = [443];
const schema = {
    properties: {
        allowedInternetEgressPorts: {
            type: "array",
            items: { type: "integer", minimum: 1, maximum: 65535 },
            default: exports.DEFAULT_INTERNET_EGRESS_PORTS,
            description: "TCP ports security groups may open to 0.0.0.0/0 or ::/0. Traffic on them must still pass the egress firewall (see disallow-node-subnet-internet-route).",
        },
    },
};
/** Whether every port of the rule is an allowed TCP port; `undefined` when the answer needs an unknown value. */
function onlyAllowedPorts(protocol, from, to, allowed) {
    if (protocol === unknowns_1.UNKNOWN)
        return undefined;
    if ((0, security_groups_1.isAllProtocols)(protocol) || !(0, security_groups_1.isTcp)(protocol))
        return false;
    if (from === unknowns_1.UNKNOWN || to === unknowns_1.UNKNOWN)
        return undefined;
    if (typeof from !== "number" || typeof to !== "number" || from > to)
        return false;
    for (let port = from; port <= to; port++)
        if (!allowed.includes(port))
            return false;
    return true;
}
/**
 * No security group lets traffic out to the internet on arbitrary ports: a miner's stratum connection (3333, 4444,
 * 14444, ...) is refused before it reaches any route. HTTPS may leave (config: allowedInternetEgressPorts), because
 * the subnet's route sends it through the domain-allowlisting firewall; a security group cannot express "via".
 */
exports.disallowInternetEgress = (0, policy_1.resourcePolicy)({
    name: "disallow-internet-egress",
    description: "Security groups allow egress to 0.0.0.0/0, ::/0 or ranges broader than /8 (IPv4) or /16 (IPv6) only on allowed TCP ports (default 443), never all ports or protocols.",
    step: "mining",
    severity: "high",
    remediationSteps: "Limit egress rules to the VPC CIDR, the S3 prefix list and referenced security groups. For internet egress use ipProtocol/protocol \"tcp\" with fromPort = toPort = 443 (or a port in allowedInternetEgressPorts) and route it through the network firewall; never protocol \"-1\" to 0.0.0.0/0 or ::/0.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    framework: (0, frameworks_1.checkov)("CKV_AWS_382", "Ensure no security groups allow egress from 0.0.0.0:0 to port -1"),
    references: ["EKS-BP network: Security groups", "CKV_AWS_382"],
    configSchema: schema,
    types: security_groups_1.RULE_TYPES,
    check: ({ args, reads, report }) => {
        const raw = (0, config_1.configWithDefaults)(args.getConfig(), { allowedInternetEgressPorts: exports.DEFAULT_INTERNET_EGRESS_PORTS }).allowedInternetEgressPorts;
        const allowed = Array.isArray(raw) ? raw.filter((x) => Number.isInteger(x)) : exports.DEFAULT_INTERNET_EGRESS_PORTS;
        const rules = (0, security_groups_1.rulesOf)(args, reads, "egress");
        if (rules === unknowns_1.UNKNOWN)
            return;
        for (const rule of rules) {
            const open = rule.cidrs().filter((c) => c !== unknowns_1.UNKNOWN && (0, cidr_1.isInternetWide)(c));
            if (open.length === 0)
                continue;
            const { protocol, from, to } = rule.ports();
            const ok = onlyAllowedPorts(protocol, from, to, allowed);
            if (ok === false) {
                const prefix = rule.at ? `${rule.at}.` : "";
                const what = (0, security_groups_1.isAllProtocols)(protocol) ? "all protocols and ports" : `${String(protocol)} ports ${String(from)}-${String(to)}`;
                report(`${rule.cidrField} allows egress to ${open.join(", ")} on ${what}; limit ${prefix}protocol/ports to TCP ${allowed.join(", ")} (through the egress firewall) or the destination to the VPC CIDR or a prefix list`);
            }
        }
    },
});
//# sourceMappingURL=disallow-internet-egress.js.map