import { cisEks } from "../../lib/frameworks";
import { describe, k8sTypes, strings, View, rbacRules } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { resourcePolicy } from "../../lib/policy";
import { Maybe, UNKNOWN } from "../../lib/unknowns";

const READ_VERBS = ["get", "list", "watch", "*"];

function anyOf(view: View, wanted: readonly string[]): Maybe<boolean> {
    const values = strings(view);
    if (values === UNKNOWN) return UNKNOWN;
    if (values.some((v) => typeof v === "string" && wanted.includes(v))) return true;
    return values.includes(UNKNOWN) ? UNKNOWN : false;
}

/**
 * No ClusterRole reads Secrets across the cluster (a ClusterRole is cluster-wide as soon as a ClusterRoleBinding
 * binds it). Secrets hold every other workload's credentials; `list`/`watch` return their values, not just names.
 */
export const disallowClusterWideSecretRead = resourcePolicy({
    name: "disallow-cluster-wide-secret-read",
    description: "No ClusterRole grants get, list or watch on Secrets (of the core group) without naming the Secrets: one stolen "
        + "token would read every credential in every namespace.",
    step: "creds",
    severity: "high",
    remediationSteps: "Grant Secret access in a namespaced Role, limited by rules[].resourceNames to the Secrets the workload needs, "
        + "or mount the Secret into the pod instead of reading it through the API.",
    url: URLS.secrets,
    framework: cisEks("4.1.2", "Minimize access to secrets"),
    references: ["CIS EKS 4.1.2", "EKS-BP data: Audit the use of Kubernetes Secrets", "CKV2_K8S_5", "kyverno restrict-secret-role-verbs"],
    types: k8sTypes("ClusterRole"),
    check: ({ args, reads, report }) => {
        for (const { obj, rule } of rbacRules(args.type, reads, args.props)) {
            const names = rule.at("resourceNames").list();
            if (names === UNKNOWN || names.length > 0) continue;
            // In turn, so a rule already ruled out by one field never records the others as unknown.
            const checks = [() => anyOf(rule.at("verbs"), READ_VERBS), () => anyOf(rule.at("apiGroups"), ["", "*"]),
                () => anyOf(rule.at("resources"), ["secrets", "*"])];
            let verdict: Maybe<boolean> = true;
            for (const c of checks) {
                const v = c();
                if (v === false) { verdict = false; break; }
                if (v === UNKNOWN) verdict = UNKNOWN;
            }
            if (verdict !== true) continue;
            report(`${describe(obj, false)}: ${rule.path} grants ${READ_VERBS.slice(0, 3).join("/")} on Secrets in every namespace `
                + "(rules[].resources includes secrets or \"*\", no resourceNames); use a namespaced Role limited by resourceNames.");
        }
    },
});
