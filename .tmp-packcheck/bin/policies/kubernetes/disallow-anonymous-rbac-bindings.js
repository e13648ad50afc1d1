"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowAnonymousRbacBindings = exports.ANONYMOUS_SUBJECTS = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_meta_1 = require("../../lib/k8s-meta");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
/** Identities that mean "anyone": callers without credentials, and every caller with any credential. */
exports.ANONYMOUS_SUBJECTS = ["system:anonymous", "system:unauthenticated", "system:authenticated"];
/** No RoleBinding or ClusterRoleBinding grants anything to anonymous, unauthenticated or all authenticated callers. */
exports.disallowAnonymousRbacBindings = (0, policy_1.resourcePolicy)({
    name: "disallow-anonymous-rbac-bindings",
    description: "No RoleBinding or ClusterRoleBinding has system:anonymous, system:unauthenticated or system:authenticated as a "
        + "subject: the Tesla console answered without a password.",
    step: "console",
    severity: "critical",
    remediationSteps: "Remove the subject from subjects[]: bind a named Group (mapped from an IAM role by an EKS access entry) or a "
        + "dedicated ServiceAccount instead. system:authenticated includes every IAM principal the cluster accepts.",
    url: k8s_meta_1.URLS.iam,
    framework: (0, frameworks_1.cisEks)("4.1", "RBAC and Service Accounts: review and revoke unnecessary anonymous access"),
    references: ["CIS EKS 4.1", "EKS-BP iam: Review and revoke unnecessary anonymous access", "CKV_K8S_68",
        "kyverno restrict-binding-system-groups", "GuardDuty Policy:Kubernetes/AnonymousAccessGranted"],
    types: (0, k8s_1.k8sTypes)("RoleBinding", "ClusterRoleBinding"),
    check: ({ args, reads, report }) => {
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            if (!k8s_1.RBAC_BINDING_KINDS.includes(obj.kind))
                continue;
            const subjects = obj.view.at("subjects").list();
            if (subjects === unknowns_1.UNKNOWN)
                continue;
            for (const s of subjects) {
                const name = s.at("name").str();
                if (typeof name !== "string" || !exports.ANONYMOUS_SUBJECTS.includes(name))
                    continue;
                report(`${(0, k8s_1.describe)(obj)}: ${s.at("name").path} is ${name}, which grants the role to `
                    + `${name === "system:authenticated" ? "every authenticated caller" : "callers without credentials"}; `
                    + "bind a named Group or a dedicated ServiceAccount instead.");
            }
        }
    },
});
//# sourceMappingURL=disallow-anonymous-rbac-bindings.js.map