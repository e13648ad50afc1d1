import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { isInternetWide } from "../../lib/cidr";
import { checkov } from "../../lib/frameworks";
import { RULE_TYPES, rulesOf } from "../../lib/security-groups";

/**
 * No security group accepts traffic from the internet: not 0.0.0.0/0, not ::/0, and not ranges so broad they
 * amount to it (0.0.0.0/1 + 128.0.0.0/1). Nodes and the API are reached from inside the VPC only.
 */
export const disallowInternetIngress = resourcePolicy({
    name: "disallow-internet-ingress",
    description: "Security groups allow no ingress from 0.0.0.0/0, ::/0 or any range broader than /8 (IPv4) or /16 (IPv6).",
    step: "console",
    severity: "critical",
    remediationSteps: "Replace internet-wide sources in ingress rules (cidrBlocks/ipv6CidrBlocks on aws.ec2.SecurityGroup and SecurityGroupRule, cidrIpv4/cidrIpv6 on aws.vpc.SecurityGroupIngressRule) with the VPC CIDR, a prefix list or a referenced security group; reach nodes through SSM instead of SSH.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    framework: checkov("CKV_AWS_277", "Ensure no security groups allow ingress from 0.0.0.0:0 to port -1"),
    references: ["EKS-BP network: Security groups", "CKV_AWS_24", "CKV_AWS_260", "CKV_AWS_277"],
    types: RULE_TYPES,
    check: ({ args, reads, report }) => {
        const rules = rulesOf(args, reads, "ingress");
        if (rules === UNKNOWN) return;
        for (const rule of rules) {
            const open = rule.cidrs().filter((c) => c !== UNKNOWN && isInternetWide(c));
            if (open.length > 0) {
                report(`${rule.cidrField} allows ingress from ${open.join(", ")}; restrict the source to the VPC CIDR, a prefix list or a security group`);
            }
        }
    },
});
