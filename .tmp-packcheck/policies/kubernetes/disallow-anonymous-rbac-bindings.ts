import { cisEks } from "../../lib/frameworks";
import { RBAC_BINDING_KINDS, describe, k8sObjects, k8sTypes } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/** Identities that mean "anyone": callers without credentials, and every caller with any credential. */
export const ANONYMOUS_SUBJECTS: readonly string[] = ["system:anonymous", "system:unauthenticated", "system:authenticated"];

/** No RoleBinding or ClusterRoleBinding grants anything to anonymous, unauthenticated or all authenticated callers. */
export const disallowAnonymousRbacBindings = resourcePolicy({
    name: "disallow-anonymous-rbac-bindings",
    description: "No RoleBinding or ClusterRoleBinding has system:anonymous, system:unauthenticated or system:authenticated as a "
        + "subject: the Tesla console answered without a password.",
    step: "console",
    severity: "critical",
    remediationSteps: "Remove the subject from subjects[]: bind a named Group (mapped from an IAM role by an EKS access entry) or a "
        + "dedicated ServiceAccount instead. system:authenticated includes every IAM principal the cluster accepts.",
    url: URLS.iam,
    framework: cisEks("4.1", "RBAC and Service Accounts: review and revoke unnecessary anonymous access"),
    references: ["CIS EKS 4.1", "EKS-BP iam: Review and revoke unnecessary anonymous access", "CKV_K8S_68",
        "kyverno restrict-binding-system-groups", "GuardDuty Policy:Kubernetes/AnonymousAccessGranted"],
    types: k8sTypes("RoleBinding", "ClusterRoleBinding"),
    check: ({ args, reads, report }) => {
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            if (!(RBAC_BINDING_KINDS as readonly string[]).includes(obj.kind)) continue;
            const subjects = obj.view.at("subjects").list();
            if (subjects === UNKNOWN) continue;
            for (const s of subjects) {
                const name = s.at("name").str();
                if (typeof name !== "string" || !ANONYMOUS_SUBJECTS.includes(name)) continue;
                report(`${describe(obj)}: ${s.at("name").path} is ${name}, which grants the role to `
                    + `${name === "system:authenticated" ? "every authenticated caller" : "callers without credentials"}; `
                    + "bind a named Group or a dedicated ServiceAccount instead.");
            }
        }
    },
});
