import { cisEks } from "../../lib/frameworks";
import { RBAC_BINDING_KINDS, describe, k8sObjects, k8sTypes } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

const POWERFUL_ROLES = new Set(["cluster-admin", "admin", "edit"]);

/**
 * No binding hands a role to every pod: the group system:serviceaccounts is every service account of the cluster,
 * system:serviceaccounts:<ns> every one of a namespace, and the `default` service account is what every pod without
 * its own runs as. A miner in any such pod holds whatever the binding grants.
 */
export const disallowBroadServiceaccountBindings = resourcePolicy({
    name: "disallow-broad-serviceaccount-bindings",
    description: "No binding has the group system:serviceaccounts (every pod) as a subject; system:serviceaccounts:<namespace> and a namespace's default service account get neither admin, edit nor cluster-admin, nor any ClusterRoleBinding.",
    step: "creds",
    severity: "high",
    remediationSteps: "Bind a dedicated ServiceAccount of the one workload that needs the role (subjects[].kind ServiceAccount with its name), never a service-account group or the default service account, and never admin or edit to a workload.",
    url: URLS.rbac,
    framework: cisEks("4.1.5", "Ensure that default service accounts are not actively used"),
    references: ["CIS EKS 4.1.5", "CIS EKS 4.1.6", "EKS-BP iam: Employ least privileged access when creating RoleBindings and ClusterRoleBindings", "kyverno restrict-binding-system-groups"],
    types: k8sTypes(...RBAC_BINDING_KINDS),
    check: ({ args, reads, report }) => {
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const subjects = obj.view.at("subjects").list();
            if (subjects === UNKNOWN) continue;
            const roleName = obj.view.at("roleRef", "name").peek();
            const clusterWide = obj.kind === "ClusterRoleBinding";
            const powerful = typeof roleName === "string" && POWERFUL_ROLES.has(roleName);
            const role = typeof roleName === "string" ? roleName : "its role";
            for (const s of subjects) {
                const kind = s.at("kind").str();
                const name = s.at("name").str();
                if (typeof name !== "string") continue;
                const where = `${describe(obj, !clusterWide)}: ${s.at("name").path}`;
                if (kind === "Group" && name === "system:serviceaccounts") {
                    report(`${where} is system:serviceaccounts, which gives ${role} to every pod of the cluster; bind a dedicated ServiceAccount instead.`);
                } else if (kind === "Group" && name.startsWith("system:serviceaccounts:") && (powerful || clusterWide)) {
                    report(`${where} is ${name}, which gives ${role}${clusterWide ? " cluster-wide" : ""} to every pod of namespace ${name.slice("system:serviceaccounts:".length)}; bind a dedicated ServiceAccount instead.`);
                } else if (kind === "ServiceAccount" && name === "default" && (powerful || clusterWide)) {
                    report(`${where} is the default ServiceAccount, which every pod without its own runs as: it gets ${role}${clusterWide ? " cluster-wide" : ""}; bind a dedicated ServiceAccount instead.`);
                }
            }
        }
    },
});
