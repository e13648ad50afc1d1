"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireEksApiAuthenticationMode = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/**
 * Cluster access is granted only through EKS access entries (authentication mode API). The aws-auth ConfigMap is
 * editable by anyone who can write to kube-system, so in CONFIG_MAP modes one compromised workload can map its own
 * IAM role to system:masters; access entries live in the EKS API, behind IAM and CloudTrail.
 */
exports.requireEksApiAuthenticationMode = (0, policy_1.resourcePolicy)({
    name: "require-eks-api-authentication-mode",
    description: "EKS clusters authenticate through access entries only (accessConfig.authenticationMode API), never the aws-auth ConfigMap.",
    step: "console",
    severity: "high",
    remediationSteps: "Set accessConfig.authenticationMode to \"API\" and grant access with aws.eks.AccessEntry and aws.eks.AccessPolicyAssociation. Migrating an existing cluster goes CONFIG_MAP -> API_AND_CONFIG_MAP -> API; move every aws-auth mapping to an access entry first.",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/grant-k8s-access.html",
    framework: (0, frameworks_1.cisEks)("4.1.7", "Cluster Access Manager API to streamline and enhance the security of access management"),
    references: ["CIS EKS 4.1.7", "EKS-BP iam: Cluster Access Manager"],
    types: [aws_types_1.AWS.eksCluster],
    check: ({ args, reads, report }) => {
        const mode = reads.get("accessConfig.authenticationMode", () => args.props.accessConfig?.authenticationMode);
        if (mode === unknowns_1.UNKNOWN || mode === "API")
            return;
        const shown = mode === undefined ? "unset (EKS then uses CONFIG_MAP, the aws-auth ConfigMap)" : (0, values_1.show)(mode);
        report(`accessConfig.authenticationMode is ${shown}; set it to "API" so access is granted only through access entries`);
    },
});
//# sourceMappingURL=require-eks-api-authentication-mode.js.map