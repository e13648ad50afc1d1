import { cisEks } from "../../lib/frameworks";
import { describe, k8sObjects, k8sTypes } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { internetWideIpBlocks, openEgress } from "../../lib/k8s-network";
import { resourcePolicy } from "../../lib/policy";

/** No NetworkPolicy re-opens the internet that the namespace's default deny closed. */
export const disallowOpenNetworkPolicyEgress = resourcePolicy({
    name: "disallow-open-network-policy-egress",
    description: "No NetworkPolicy egress rule allows the internet: no ipBlock of 0.0.0.0/0, ::/0 or anything broader than /8 (IPv4) "
        + "or /16 (IPv6), no set of ipBlocks that together open more public space than that (the two halves, a hundred /8s), and no "
        + "rule with an empty or missing `to` (which allows every destination).",
    step: "mining",
    severity: "critical",
    remediationSteps: "In spec.egress[].to name the destinations: podSelector/namespaceSelector for in-cluster peers, ipBlock.cidr "
        + "with the VPC CIDR (VPC endpoints) or the exact ranges needed. Traffic to the internet goes through the egress firewall's "
        + "domain allowlist, never a NetworkPolicy opening 0.0.0.0/0.",
    url: URLS.netpol,
    framework: cisEks("4.3.2", "Ensure that all Namespaces have Network Policies defined (and that they restrict egress)"),
    references: ["CIS EKS 4.3.2", "EKS-BP network: Create a default deny policy", "EKS-BP network: Network policy"],
    types: k8sTypes("NetworkPolicy"),
    check: ({ args, reads, report }) => {
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const spec = obj.view.at("spec");
            const open = openEgress(spec);
            // The union is judged only when no single block already opens the internet (one finding, not two).
            const pieces = open.some((o) => o.path.endsWith(".cidr")) ? undefined : internetWideIpBlocks(spec);
            for (const o of [...open, ...(pieces ? [pieces] : [])]) report(`${describe(obj)}: ${o.path} ${o.what}; name the destinations it needs.`);
        }
    },
});
