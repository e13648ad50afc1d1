"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowWildcardRbacRules = void 0;
exports.isWildcardResource = isWildcardResource;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_meta_1 = require("../../lib/k8s-meta");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
// "*", "*/scale", "pods/*": a resource entry that names more than one resource.
function isWildcardResource(resource) {
    return resource === "*" || resource.startsWith("*/") || resource.endsWith("/*");
}
/** No Role or ClusterRole grants every verb or every resource: wildcards silently include Secrets, exec and escalation. */
exports.disallowWildcardRbacRules = (0, policy_1.resourcePolicy)({
    name: "disallow-wildcard-rbac-rules",
    description: "No Role or ClusterRole rule uses \"*\" in verbs or resources (or a \"x/*\" subresource wildcard): wildcards grant "
        + "Secrets, pods/exec, bind and escalate, and whatever future resources appear.",
    step: "creds",
    severity: "high",
    remediationSteps: "List the exact verbs (get, list, watch...) and resources the workload uses in rules[].verbs and rules[].resources.",
    url: k8s_meta_1.URLS.rbac,
    framework: (0, frameworks_1.cisEks)("4.1.3", "Minimize wildcard use in Roles and ClusterRoles"),
    references: ["CIS EKS 4.1.3", "EKS-BP iam: Employ least privileged access when creating RoleBindings and ClusterRoleBindings",
        "CKV_K8S_49", "kyverno restrict-wildcard-verbs", "kyverno restrict-wildcard-resources"],
    types: (0, k8s_1.k8sTypes)(...k8s_1.RBAC_ROLE_KINDS),
    check: ({ args, reads, report }) => {
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const rules = obj.view.at("rules").list();
            if (rules === unknowns_1.UNKNOWN)
                continue;
            for (const rule of rules) {
                const verbs = (0, k8s_1.strings)(rule.at("verbs"));
                if (verbs !== unknowns_1.UNKNOWN && verbs.includes("*")) {
                    report(`${(0, k8s_1.describe)(obj, obj.kind === "Role")}: ${rule.at("verbs").path} contains "*"; list the verbs the workload needs.`);
                }
                const resources = (0, k8s_1.strings)(rule.at("resources"));
                if (resources === unknowns_1.UNKNOWN)
                    continue;
                const wild = resources.filter((r) => typeof r === "string" && isWildcardResource(r));
                if (wild.length > 0) {
                    report(`${(0, k8s_1.describe)(obj, obj.kind === "Role")}: ${rule.at("resources").path} contains ${wild.map((w) => `"${w}"`).join(", ")}; `
                        + "list the resources the workload needs.");
                }
            }
        }
    },
});
//# sourceMappingURL=disallow-wildcard-rbac-rules.js.map