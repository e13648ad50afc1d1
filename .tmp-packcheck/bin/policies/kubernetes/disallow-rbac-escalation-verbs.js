"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowRbacEscalationVerbs = exports.ESCALATION_VERBS = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_meta_1 = require("../../lib/k8s-meta");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
/** Verbs that let the holder grant itself more than it has: bind roles, edit roles beyond its rights, act as others. */
exports.ESCALATION_VERBS = ["bind", "escalate", "impersonate"];
/** No Role or ClusterRole grants bind, escalate or impersonate. */
exports.disallowRbacEscalationVerbs = (0, policy_1.resourcePolicy)({
    name: "disallow-rbac-escalation-verbs",
    description: "No Role or ClusterRole grants the bind, escalate or impersonate verbs, with which a stolen token can make itself "
        + "cluster-admin or act as another user, group or ServiceAccount.",
    step: "creds",
    severity: "high",
    remediationSteps: "Remove bind, escalate and impersonate from rules[].verbs; an operator that truly manages RBAC runs outside "
        + "the workload namespaces with its own reviewed ClusterRole.",
    url: k8s_meta_1.URLS.rbac,
    framework: (0, frameworks_1.cisEks)("4.1.8", "Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster"),
    references: ["CIS EKS 4.1.8", "CKV_K8S_157", "CKV_K8S_158", "CKV2_K8S_1", "CKV2_K8S_3"],
    types: (0, k8s_1.k8sTypes)(...k8s_1.RBAC_ROLE_KINDS),
    check: ({ args, reads, report }) => {
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const rules = obj.view.at("rules").list();
            if (rules === unknowns_1.UNKNOWN)
                continue;
            for (const rule of rules) {
                const verbs = (0, k8s_1.strings)(rule.at("verbs"));
                if (verbs === unknowns_1.UNKNOWN)
                    continue;
                const bad = verbs.filter((v) => typeof v === "string" && exports.ESCALATION_VERBS.includes(v));
                if (bad.length === 0)
                    continue;
                report(`${(0, k8s_1.describe)(obj, obj.kind === "Role")}: ${rule.at("verbs").path} contains ${bad.join(", ")}, which lets the holder `
                    + "grant itself any permission; remove them.");
            }
        }
    },
});
//# sourceMappingURL=disallow-rbac-escalation-verbs.js.map