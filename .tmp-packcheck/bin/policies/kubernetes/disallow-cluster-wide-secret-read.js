"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowClusterWideSecretRead = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_meta_1 = require("../../lib/k8s-meta");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const READ_VERBS = ["get", "list", "watch", "*"];
function anyOf(view, wanted) {
    const values = (0, k8s_1.strings)(view);
    if (values === unknowns_1.UNKNOWN)
        return unknowns_1.UNKNOWN;
    if (values.some((v) => typeof v === "string" && wanted.includes(v)))
        return true;
    return values.includes(unknowns_1.UNKNOWN) ? unknowns_1.UNKNOWN : false;
}
/**
 * No ClusterRole reads Secrets across the cluster (a ClusterRole is cluster-wide as soon as a ClusterRoleBinding
 * binds it). Secrets hold every other workload's credentials; `list`/`watch` return their values, not just names.
 */
exports.disallowClusterWideSecretRead = (0, policy_1.resourcePolicy)({
    name: "disallow-cluster-wide-secret-read",
    description: "No ClusterRole grants get, list or watch on Secrets (of the core group) without naming the Secrets: one stolen "
        + "token would read every credential in every namespace.",
    step: "creds",
    severity: "high",
    remediationSteps: "Grant Secret access in a namespaced Role, limited by rules[].resourceNames to the Secrets the workload needs, "
        + "or mount the Secret into the pod instead of reading it through the API.",
    url: k8s_meta_1.URLS.secrets,
    framework: (0, frameworks_1.cisEks)("4.1.2", "Minimize access to secrets"),
    references: ["CIS EKS 4.1.2", "EKS-BP data: Audit the use of Kubernetes Secrets", "CKV2_K8S_5", "kyverno restrict-secret-role-verbs"],
    types: (0, k8s_1.k8sTypes)("ClusterRole"),
    check: ({ args, reads, report }) => {
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const rules = obj.view.at("rules").list();
            if (rules === unknowns_1.UNKNOWN)
                continue;
            for (const rule of rules) {
                const names = rule.at("resourceNames").list();
                if (names === unknowns_1.UNKNOWN || names.length > 0)
                    continue;
                // In turn, so a rule already ruled out by one field never records the others as unknown.
                const checks = [() => anyOf(rule.at("verbs"), READ_VERBS), () => anyOf(rule.at("apiGroups"), ["", "*"]),
                    () => anyOf(rule.at("resources"), ["secrets", "*"])];
                let verdict = true;
                for (const c of checks) {
                    const v = c();
                    if (v === false) {
                        verdict = false;
                        break;
                    }
                    if (v === unknowns_1.UNKNOWN)
                        verdict = unknowns_1.UNKNOWN;
                }
                if (verdict !== true)
                    continue;
                report(`${(0, k8s_1.describe)(obj, false)}: ${rule.path} grants ${READ_VERBS.slice(0, 3).join("/")} on Secrets in every namespace `
                    + "(rules[].resources includes secrets or \"*\", no resourceNames); use a namespaced Role limited by resourceNames.");
            }
        }
    },
});
//# sourceMappingURL=disallow-cluster-wide-secret-read.js.map