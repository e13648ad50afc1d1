"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowNodeGroupOpenSsh = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/**
 * A managed node group with an SSH key but no source security groups gets port 22 opened to 0.0.0.0/0 by EKS
 * itself, with no security group rule in the program to catch.
 */
exports.disallowNodeGroupOpenSsh = (0, policy_1.resourcePolicy)({
    name: "disallow-node-group-open-ssh",
    description: "EKS managed node groups never open SSH to the internet (remoteAccess with an ec2SshKey but no sourceSecurityGroupIds).",
    step: "console",
    severity: "high",
    remediationSteps: "Remove remoteAccess from the aws.eks.NodeGroup and reach nodes through SSM Session Manager; if SSH is unavoidable, set remoteAccess.sourceSecurityGroupIds to a bastion's security group.",
    url: "https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html",
    framework: (0, frameworks_1.checkov)("CKV_AWS_100", "Ensure AWS EKS node group does not have implicit SSH access from 0.0.0.0/0"),
    references: ["EKS-BP hosts: Minimize access to worker nodes", "CKV_AWS_100"],
    types: [aws_types_1.AWS.eksNodeGroup],
    check: ({ args, reads, report }) => {
        const remote = reads.get("remoteAccess", () => args.props.remoteAccess);
        if (remote === unknowns_1.UNKNOWN || !(0, values_1.isObject)(remote) || !(0, values_1.hasValue)(remote, "ec2SshKey"))
            return;
        const sgs = reads.snapshot("remoteAccess.sourceSecurityGroupIds", () => remote.sourceSecurityGroupIds);
        if (sgs === unknowns_1.UNKNOWN)
            return;
        if (!Array.isArray(sgs) || sgs.length === 0) {
            report("remoteAccess.ec2SshKey is set without remoteAccess.sourceSecurityGroupIds, so EKS opens SSH (port 22) to 0.0.0.0/0; remove remoteAccess and use SSM, or set sourceSecurityGroupIds");
        }
    },
});
//# sourceMappingURL=disallow-node-group-open-ssh.js.map