import { cisEks } from "../../lib/frameworks";
import { RBAC_ROLE_KINDS, describe, k8sTypes, strings, rbacRules } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

// "*", "*/scale", "pods/*": a resource entry that names more than one resource.
export function isWildcardResource(resource: string): boolean {
    return resource === "*" || resource.startsWith("*/") || resource.endsWith("/*");
}

/** No Role or ClusterRole grants every verb or every resource: wildcards silently include Secrets, exec and escalation. */
export const disallowWildcardRbacRules = resourcePolicy({
    name: "disallow-wildcard-rbac-rules",
    description: "No Role or ClusterRole rule uses \"*\" in verbs or resources (or a \"x/*\" subresource wildcard): wildcards grant "
        + "Secrets, pods/exec, bind and escalate, and whatever future resources appear.",
    step: "creds",
    severity: "high",
    remediationSteps: "List the exact verbs (get, list, watch...) and resources the workload uses in rules[].verbs and rules[].resources.",
    url: URLS.rbac,
    framework: cisEks("4.1.3", "Minimize wildcard use in Roles and ClusterRoles"),
    references: ["CIS EKS 4.1.3", "EKS-BP iam: Employ least privileged access when creating RoleBindings and ClusterRoleBindings",
        "CKV_K8S_49", "kyverno restrict-wildcard-verbs", "kyverno restrict-wildcard-resources"],
    types: k8sTypes(...RBAC_ROLE_KINDS),
    check: ({ args, reads, report }) => {
        for (const { obj, rule } of rbacRules(args.type, reads, args.props)) {
            const verbs = strings(rule.at("verbs"));
            if (verbs !== UNKNOWN && verbs.includes("*")) {
                report(`${describe(obj, obj.kind === "Role")}: ${rule.at("verbs").path} contains "*"; list the verbs the workload needs.`);
            }
            const resources = strings(rule.at("resources"));
            if (resources === UNKNOWN) continue;
            const wild = resources.filter((r): r is string => typeof r === "string" && isWildcardResource(r));
            if (wild.length > 0) {
                report(`${describe(obj, obj.kind === "Role")}: ${rule.at("resources").path} contains ${wild.map((w) => `"${w}"`).join(", ")}; `
                    + "list the resources the workload needs.");
            }
        }
    },
});
