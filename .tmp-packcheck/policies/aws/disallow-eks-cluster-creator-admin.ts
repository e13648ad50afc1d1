import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { cisEks } from "../../lib/frameworks";
import { asBool } from "../../lib/values";

/**
 * The identity that created the cluster (often a CI role whose credentials live in many places) does not keep a
 * hidden, permanent cluster-admin entry. Admins are named access entries instead, visible and revocable.
 */
export const disallowEksClusterCreatorAdmin = resourcePolicy({
    name: "disallow-eks-cluster-creator-admin",
    description: "EKS clusters do not give their creator a permanent cluster-admin access entry (bootstrapClusterCreatorAdminPermissions false).",
    step: "console",
    severity: "high",
    remediationSteps: "Set accessConfig.bootstrapClusterCreatorAdminPermissions to false and grant admin to named roles with aws.eks.AccessEntry plus aws.eks.AccessPolicyAssociation (AmazonEKSClusterAdminPolicy). The flag can only be set at creation; an existing cluster needs the creator's access entry deleted.",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html",
    framework: cisEks("4.1.1", "Ensure that the cluster-admin role is only used where required"),
    references: ["CIS EKS 4.1.1", "EKS-BP iam: Remove the cluster-admin permissions from the cluster creator principal"],
    types: [AWS.eksCluster],
    check: ({ args, reads, report }) => {
        const v = reads.get("accessConfig.bootstrapClusterCreatorAdminPermissions", () => args.props.accessConfig?.bootstrapClusterCreatorAdminPermissions);
        if (v === UNKNOWN || asBool(v) === false) return;
        const shown = v === undefined ? "unset (EKS defaults it to true)" : "true";
        report(`accessConfig.bootstrapClusterCreatorAdminPermissions is ${shown}; set it to false and grant admin through named access entries`);
    },
});
