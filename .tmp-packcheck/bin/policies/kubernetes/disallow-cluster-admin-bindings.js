"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowClusterAdminBindings = void 0;
const config_1 = require("../../lib/config");
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_meta_1 = require("../../lib/k8s-meta");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
/** ClusterRoles that, bound cluster-wide, read every Secret and exec into every pod. */
const BROAD_AGGREGATE_ROLES = ["admin", "edit"];
/**
 * cluster-admin is bound to nobody but reviewed groups (`trustedClusterAdminGroups`, empty by default: EKS access
 * entries with AmazonEKSClusterAdminPolicy are the admin path), never to a ServiceAccount; `admin`/`edit` are not
 * bound cluster-wide.
 */
exports.disallowClusterAdminBindings = (0, policy_1.resourcePolicy)({
    name: "disallow-cluster-admin-bindings",
    description: "No binding grants cluster-admin to a ServiceAccount, User or Group outside trustedClusterAdminGroups, and no "
        + "ClusterRoleBinding grants admin or edit cluster-wide: a stolen pod token must not own the cluster.",
    step: "console",
    severity: "critical",
    remediationSteps: "Point roleRef at a narrow Role in the workload's namespace. Cluster administrators get "
        + "AmazonEKSClusterAdminPolicy through an EKS access entry (audited in CloudTrail), not a cluster-admin binding; a group that "
        + "truly needs one is listed in the policy's trustedClusterAdminGroups config.",
    url: k8s_meta_1.URLS.iam,
    framework: (0, frameworks_1.cisEks)("4.1.1", "Ensure that the cluster-admin role is only used where required"),
    references: ["CIS EKS 4.1.1", "EKS-BP iam: Employ least privileged access when creating RoleBindings and ClusterRoleBindings",
        "kyverno restrict-binding-clusteradmin", "GuardDuty Policy:Kubernetes/AdminAccessToDefaultServiceAccount"],
    configSchema: {
        properties: {
            trustedClusterAdminGroups: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Kubernetes groups that may be bound to cluster-admin (never ServiceAccounts or Users).",
            },
        },
    },
    types: (0, k8s_1.k8sTypes)("RoleBinding", "ClusterRoleBinding"),
    check: ({ args, reads, report }) => {
        const trusted = (0, config_1.stringList)((0, config_1.configWithDefaults)(args.getConfig(), { trustedClusterAdminGroups: [] }).trustedClusterAdminGroups);
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const ref = obj.view.at("roleRef", "name");
            const role = ref.str();
            const refKind = obj.view.at("roleRef", "kind").peek();
            if (typeof role !== "string" || (refKind !== undefined && refKind !== "ClusterRole"))
                continue;
            const what = (0, k8s_1.describe)(obj, obj.kind === "RoleBinding");
            if (obj.kind === "ClusterRoleBinding" && BROAD_AGGREGATE_ROLES.includes(role)) {
                report(`${what}: ${ref.path} is ${role} in a ClusterRoleBinding, which grants it in every namespace (Secrets and pods/exec `
                    + "included); use a RoleBinding in the one namespace that needs it.");
                continue;
            }
            if (role !== "cluster-admin")
                continue;
            const subjects = obj.view.at("subjects").list();
            if (subjects === unknowns_1.UNKNOWN)
                continue;
            for (const s of subjects) {
                const kind = s.at("kind").str();
                const name = s.at("name").str();
                if (kind === unknowns_1.UNKNOWN || name === unknowns_1.UNKNOWN)
                    continue;
                if (kind === "Group" && typeof name === "string" && trusted.includes(name))
                    continue;
                const who = kind === "ServiceAccount" ? `ServiceAccount ${String(s.at("namespace").peek() ?? "?")}/${name}` : `${kind ?? "subject"} ${name ?? "?"}`;
                report(`${what}: ${ref.path} is cluster-admin and ${s.path} is ${who}; `
                    + (kind === "ServiceAccount"
                        ? "anyone who reads that account's token (any pod using it) owns the cluster. Bind a narrow Role instead."
                        : "use an EKS access entry with AmazonEKSClusterAdminPolicy, or list the group in trustedClusterAdminGroups after review."));
            }
        }
    },
});
//# sourceMappingURL=disallow-cluster-admin-bindings.js.map