"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowEksClusterCreatorAdmin = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/**
 * The identity that created the cluster (often a CI role whose credentials live in many places) does not keep a
 * hidden, permanent cluster-admin entry. Admins are named access entries instead, visible and revocable.
 */
exports.disallowEksClusterCreatorAdmin = (0, policy_1.resourcePolicy)({
    name: "disallow-eks-cluster-creator-admin",
    description: "EKS clusters do not give their creator a permanent cluster-admin access entry (bootstrapClusterCreatorAdminPermissions false).",
    step: "console",
    severity: "high",
    remediationSteps: "Set accessConfig.bootstrapClusterCreatorAdminPermissions to false and grant admin to named roles with aws.eks.AccessEntry plus aws.eks.AccessPolicyAssociation (AmazonEKSClusterAdminPolicy). The flag can only be set at creation; an existing cluster needs the creator's access entry deleted.",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html",
    framework: (0, frameworks_1.cisEks)("4.1.1", "Ensure that the cluster-admin role is only used where required"),
    references: ["CIS EKS 4.1.1", "EKS-BP iam: Remove the cluster-admin permissions from the cluster creator principal"],
    types: [aws_types_1.AWS.eksCluster],
    check: ({ args, reads, report }) => {
        const v = reads.get("accessConfig.bootstrapClusterCreatorAdminPermissions", () => args.props.accessConfig?.bootstrapClusterCreatorAdminPermissions);
        if (v === unknowns_1.UNKNOWN || (0, values_1.asBool)(v) === false)
            return;
        const shown = v === undefined ? "unset (EKS defaults it to true)" : "true";
        report(`accessConfig.bootstrapClusterCreatorAdminPermissions is ${shown}; set it to false and grant admin through named access entries`);
    },
});
//# sourceMappingURL=disallow-eks-cluster-creator-admin.js.map