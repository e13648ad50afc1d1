"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requirePodSecurityAuditAndWarn = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_psa_1 = require("../../lib/k8s-psa");
const policy_1 = require("../../lib/policy");
/**
 * Every Namespace audits and warns at the restricted level too. Enforce rejects pods; audit writes an annotation into
 * the API server's audit log (CloudWatch, GuardDuty) for every attempt, and warn tells the person who tried. Without
 * them a rejected or exempted privileged pod leaves no trace anyone reads.
 */
exports.requirePodSecurityAuditAndWarn = (0, policy_1.resourcePolicy)({
    name: "require-pod-security-audit-and-warn",
    description: "Every Namespace the program creates or patches sets the Pod Security audit and warn modes to restricted, so "
        + "attempts to run privileged pods are recorded in the control-plane audit log and surfaced to the caller.",
    step: "evasion",
    severity: "medium",
    remediationSteps: `Set metadata.labels["${(0, k8s_psa_1.psaLabel)("audit")}"] and metadata.labels["${(0, k8s_psa_1.psaLabel)("warn")}"] to "restricted" `
        + "(next to enforce), with their -version labels pinned to the cluster version.",
    url: k8s_meta_1.URLS.psa,
    framework: (0, frameworks_1.eksBestPractices)("pods", "Use multiple Pod Security Admission modes (enforce, audit, warn)"),
    references: ["EKS-BP pods: Use multiple PSA modes", "EKS-BP detective: Enable audit logs", "CIS EKS 2.1.1"],
    types: (0, k8s_1.k8sTypes)("Namespace"),
    check: ({ args, reads, report }) => {
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const findings = (0, k8s_psa_1.psaFindings)(obj, ["audit", "warn"]);
            if (findings.length > 0)
                report(`${(0, k8s_1.describe)(obj, false)}: ${findings.join("; ")}; set ${findings.length === 1 ? "it" : "them"} to "restricted".`);
        }
    },
});
//# sourceMappingURL=require-pod-security-audit-and-warn.js.map