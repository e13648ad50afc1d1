"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowOpenNetworkPolicyEgress = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_network_1 = require("../../lib/k8s-network");
const policy_1 = require("../../lib/policy");
/** No NetworkPolicy re-opens the internet that the namespace's default deny closed. */
exports.disallowOpenNetworkPolicyEgress = (0, policy_1.resourcePolicy)({
    name: "disallow-open-network-policy-egress",
    description: "No NetworkPolicy egress rule allows the internet: no ipBlock of 0.0.0.0/0, ::/0 or anything broader than /8 (IPv4) "
        + "or /16 (IPv6), and no rule with an empty or missing `to` (which allows every destination).",
    step: "mining",
    severity: "critical",
    remediationSteps: "In spec.egress[].to name the destinations: podSelector/namespaceSelector for in-cluster peers, ipBlock.cidr "
        + "with the VPC CIDR (VPC endpoints) or the exact ranges needed. Traffic to the internet goes through the egress firewall's "
        + "domain allowlist, never a NetworkPolicy opening 0.0.0.0/0.",
    url: k8s_meta_1.URLS.netpol,
    framework: (0, frameworks_1.cisEks)("4.3.2", "Ensure that all Namespaces have Network Policies defined (and that they restrict egress)"),
    references: ["CIS EKS 4.3.2", "EKS-BP network: Create a default deny policy", "EKS-BP network: Network policy"],
    types: (0, k8s_1.k8sTypes)("NetworkPolicy"),
    check: ({ args, reads, report }) => {
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            for (const o of (0, k8s_network_1.openEgress)(obj.view.at("spec")))
                report(`${(0, k8s_1.describe)(obj)}: ${o.path} ${o.what}; name the destinations it needs.`);
        }
    },
});
//# sourceMappingURL=disallow-open-network-policy-egress.js.map