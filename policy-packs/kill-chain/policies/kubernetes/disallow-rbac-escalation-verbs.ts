import { cisEks } from "../../lib/frameworks";
import { RBAC_ROLE_KINDS, describe, k8sTypes, strings, rbacRules } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/** Verbs that let the holder grant itself more than it has: bind roles, edit roles beyond its rights, act as others. */
export const ESCALATION_VERBS: readonly string[] = ["bind", "escalate", "impersonate"];

/** No Role or ClusterRole grants bind, escalate or impersonate. */
export const disallowRbacEscalationVerbs = resourcePolicy({
    name: "disallow-rbac-escalation-verbs",
    description: "No Role or ClusterRole grants the bind, escalate or impersonate verbs, with which a stolen token can make itself "
        + "cluster-admin or act as another user, group or ServiceAccount.",
    step: "creds",
    severity: "high",
    remediationSteps: "Remove bind, escalate and impersonate from rules[].verbs; an operator that truly manages RBAC runs outside "
        + "the workload namespaces with its own reviewed ClusterRole.",
    url: URLS.rbac,
    framework: cisEks("4.1.8", "Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster"),
    references: ["CIS EKS 4.1.8", "CKV_K8S_157", "CKV_K8S_158", "CKV2_K8S_1", "CKV2_K8S_3"],
    types: k8sTypes(...RBAC_ROLE_KINDS),
    check: ({ args, reads, report }) => {
        for (const { obj, rule } of rbacRules(args.type, reads, args.props)) {
            const verbs = strings(rule.at("verbs"));
            if (verbs === UNKNOWN) continue;
            const bad = verbs.filter((v): v is string => typeof v === "string" && ESCALATION_VERBS.includes(v));
            if (bad.length === 0) continue;
            report(`${describe(obj, obj.kind === "Role")}: ${rule.at("verbs").path} contains ${bad.join(", ")}, which lets the holder `
                + "grant itself any permission; remove them.");
        }
    },
});
