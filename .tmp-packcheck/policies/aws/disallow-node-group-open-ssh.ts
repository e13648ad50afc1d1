import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { checkov } from "../../lib/frameworks";
import { hasValue, isObject } from "../../lib/values";

/**
 * A managed node group with an SSH key but no source security groups gets port 22 opened to 0.0.0.0/0 by EKS
 * itself, with no security group rule in the program to catch.
 */
export const disallowNodeGroupOpenSsh = resourcePolicy({
    name: "disallow-node-group-open-ssh",
    description: "EKS managed node groups never open SSH to the internet (remoteAccess with an ec2SshKey but no sourceSecurityGroupIds).",
    step: "console",
    severity: "high",
    remediationSteps: "Remove remoteAccess from the aws.eks.NodeGroup and reach nodes through SSM Session Manager; if SSH is unavoidable, set remoteAccess.sourceSecurityGroupIds to a bastion's security group.",
    url: "https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html",
    framework: checkov("CKV_AWS_100", "Ensure AWS EKS node group does not have implicit SSH access from 0.0.0.0/0"),
    references: ["EKS-BP hosts: Minimize access to worker nodes", "CKV_AWS_100"],
    types: [AWS.eksNodeGroup],
    check: ({ args, reads, report }) => {
        const remote = reads.get("remoteAccess", () => args.props.remoteAccess);
        if (remote === UNKNOWN || !isObject(remote) || !hasValue(remote, "ec2SshKey")) return;
        const sgs = reads.snapshot("remoteAccess.sourceSecurityGroupIds", () => remote.sourceSecurityGroupIds);
        if (sgs === UNKNOWN) return;
        if (!Array.isArray(sgs) || sgs.length === 0) {
            report("remoteAccess.ec2SshKey is set without remoteAccess.sourceSecurityGroupIds, so EKS opens SSH (port 22) to 0.0.0.0/0; remove remoteAccess and use SSM, or set sourceSecurityGroupIds");
        }
    },
});
