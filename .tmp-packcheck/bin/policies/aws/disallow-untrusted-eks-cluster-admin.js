"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowUntrustedEksClusterAdmin = exports.PRIVILEGED_KUBERNETES_GROUPS = exports.EKS_ADMIN_ACCESS_POLICIES = void 0;
exports.adminPrincipalProblem = adminPrincipalProblem;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const config_1 = require("../../lib/config");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/** EKS access policies that amount to administering the cluster (Secrets, workloads, RBAC). */
exports.EKS_ADMIN_ACCESS_POLICIES = ["AmazonEKSClusterAdminPolicy", "AmazonEKSAdminPolicy"];
/** Kubernetes groups that bypass RBAC entirely. */
exports.PRIVILEGED_KUBERNETES_GROUPS = ["system:masters"];
function accessPolicyName(arn) {
    const m = /^arn:[a-z-]+:eks::aws:cluster-access-policy\/([^/]+)$/.exec(arn);
    return m ? m[1] : undefined;
}
/** Why a principal ARN must not be a cluster admin, whatever the trusted list says; undefined when it may be. */
function adminPrincipalProblem(arn) {
    if (/[*?]/.test(arn))
        return "contains a wildcard";
    if (/:root$/.test(arn))
        return "is a whole AWS account";
    if (/^arn:[a-z-]+:iam::\d{12}:user\//.test(arn))
        return "is an IAM user, whose long-lived access keys can leak";
    if (!/^arn:[a-z-]+:iam::\d{12}:role\//.test(arn))
        return "is not an IAM role ARN";
    return undefined;
}
/**
 * Cluster admin goes only to trusted IAM roles: never to IAM users, whole accounts or wildcards, and, when the pack
 * is configured with trustedAdminPrincipals, only to those roles. Access entries never map to system:masters.
 */
exports.disallowUntrustedEksClusterAdmin = (0, policy_1.resourcePolicy)({
    name: "disallow-untrusted-eks-cluster-admin",
    description: "EKS cluster-admin access (AmazonEKSClusterAdminPolicy, AmazonEKSAdminPolicy, system:masters) goes only to trusted IAM roles.",
    step: "console",
    severity: "critical",
    remediationSteps: "Associate AmazonEKSClusterAdminPolicy / AmazonEKSAdminPolicy only with IAM role ARNs listed in this policy's trustedAdminPrincipals (aws.eks.AccessPolicyAssociation.principalArn); give other principals AmazonEKSViewPolicy or a namespace-scoped policy. Remove system:masters from aws.eks.AccessEntry.kubernetesGroups.",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html",
    framework: (0, frameworks_1.cisEks)("4.1.1", "Ensure that the cluster-admin role is only used where required"),
    references: ["CIS EKS 4.1.1", "CIS EKS 4.1.7", "EKS-BP iam: Employ least privileged access when creating RoleBindings and ClusterRoleBindings"],
    configSchema: (0, config_1.stringListSchema)({
        trustedAdminPrincipals: {
            description: "IAM role ARNs that may hold EKS cluster-admin access policies. Empty: any IAM role (users, account roots and wildcards are always refused).",
            default: [],
        },
    }),
    types: [aws_types_1.AWS.eksAccessPolicyAssociation, aws_types_1.AWS.eksAccessEntry],
    check: ({ args, reads, report }) => {
        if (args.type === aws_types_1.AWS.eksAccessEntry) {
            const groups = reads.snapshot("kubernetesGroups", () => args.props.kubernetesGroups);
            if (Array.isArray(groups)) {
                const bad = groups.filter((g) => typeof g === "string" && exports.PRIVILEGED_KUBERNETES_GROUPS.includes(g));
                if (bad.length > 0)
                    report(`kubernetesGroups contains ${bad.join(", ")}, which bypasses RBAC; remove it and associate an access policy instead`);
            }
            return;
        }
        const trusted = (0, config_1.stringList)((0, config_1.configWithDefaults)(args.getConfig(), { trustedAdminPrincipals: [] }).trustedAdminPrincipals);
        const policyArn = reads.get("policyArn", () => args.props.policyArn);
        if (policyArn === unknowns_1.UNKNOWN || typeof policyArn !== "string")
            return;
        const policyName = accessPolicyName(policyArn);
        if (!policyName || !exports.EKS_ADMIN_ACCESS_POLICIES.includes(policyName))
            return;
        const principal = reads.get("principalArn", () => args.props.principalArn);
        if (principal === unknowns_1.UNKNOWN)
            return;
        if (typeof principal !== "string") {
            report(`principalArn is ${(0, values_1.show)(principal)}; ${policyName} must be associated with a trusted IAM role ARN`);
            return;
        }
        const problem = adminPrincipalProblem(principal);
        if (problem) {
            report(`principalArn ${principal} ${problem}; associate ${policyName} only with a trusted IAM role`);
            return;
        }
        if (trusted.length > 0 && !trusted.includes(principal)) {
            report(`principalArn ${principal} is given ${policyName} but is not in trustedAdminPrincipals (${trusted.join(", ")}); use a trusted admin role or a read-only access policy`);
        }
    },
});
//# sourceMappingURL=disallow-untrusted-eks-cluster-admin.js.map