import { eksBestPractices } from "../../lib/frameworks";
import { describe, k8sObjects, k8sTypes } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { psaFindings, psaLabel } from "../../lib/k8s-psa";
import { resourcePolicy } from "../../lib/policy";

/**
 * Every Namespace audits and warns at the restricted level too. Enforce rejects pods; audit writes an annotation into
 * the API server's audit log (CloudWatch, GuardDuty) for every attempt, and warn tells the person who tried. Without
 * them a rejected or exempted privileged pod leaves no trace anyone reads.
 */
export const requirePodSecurityAuditAndWarn = resourcePolicy({
    name: "require-pod-security-audit-and-warn",
    description: "Every Namespace the program creates or patches sets the Pod Security audit and warn modes to restricted, so "
        + "attempts to run privileged pods are recorded in the control-plane audit log and surfaced to the caller.",
    step: "evasion",
    severity: "medium",
    remediationSteps: `Set metadata.labels["${psaLabel("audit")}"] and metadata.labels["${psaLabel("warn")}"] to "restricted" `
        + "(next to enforce), with their -version labels pinned to the cluster version.",
    url: URLS.psa,
    framework: eksBestPractices("pods", "Use multiple Pod Security Admission modes (enforce, audit, warn)"),
    references: ["EKS-BP pods: Use multiple PSA modes", "EKS-BP detective: Enable audit logs", "CIS EKS 2.1.1"],
    types: k8sTypes("Namespace"),
    check: ({ args, reads, report }) => {
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const findings = psaFindings(obj, ["audit", "warn"]);
            if (findings.length > 0) report(`${describe(obj, false)}: ${findings.join("; ")}; set ${findings.length === 1 ? "it" : "them"} to "restricted".`);
        }
    },
});
