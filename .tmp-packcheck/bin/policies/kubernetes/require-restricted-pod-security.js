"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireRestrictedPodSecurity = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_helm_1 = require("../../lib/k8s-helm");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_psa_1 = require("../../lib/k8s-psa");
const policy_1 = require("../../lib/policy");
/** Every Namespace enforces the restricted Pod Security Standard: privileged and host-namespace pods are rejected at admission. */
exports.requireRestrictedPodSecurity = (0, policy_1.resourcePolicy)({
    name: "require-restricted-pod-security",
    description: "Every Namespace the program creates or patches enforces the restricted Pod Security Standard "
        + `(${(0, k8s_psa_1.psaLabel)("enforce")}: restricted), so the API server itself rejects privileged, host-namespace and root pods, including `
        + "pods created outside Pulumi; a Helm createNamespace (which sets no labels) is refused.",
    step: "mining",
    severity: "high",
    remediationSteps: `Set metadata.labels["${(0, k8s_psa_1.psaLabel)("enforce")}"] to "restricted" (and pin `
        + `"${(0, k8s_psa_1.psaLabel)("enforce")}-version" to the cluster version). For Helm, create the Namespace in the program with these labels and `
        + "set createNamespace: false.",
    url: k8s_meta_1.URLS.psa,
    framework: (0, frameworks_1.cisEks)("4.2", "Pod Security Standards: apply restricted to every workload namespace"),
    references: ["CIS EKS 4.2.1-4.2.5", "EKS-BP pods: Pod Security Standards (PSS) and Pod Security Admission (PSA)",
        "kyverno podsecurity-subrule-restricted", "PSS restricted"],
    types: [...(0, k8s_1.k8sTypes)("Namespace"), k8s_1.HELM_RELEASE],
    check: ({ args, reads, report }) => {
        if (args.type === k8s_1.HELM_RELEASE) {
            if ((0, k8s_helm_1.createsNamespace)(args.type, k8s_1.View.root(reads, args.props)) === true) {
                report(`createNamespace is true: Helm creates the namespace without the ${(0, k8s_psa_1.psaLabel)("enforce")}: restricted label; `
                    + "create the Namespace in the program with the label and set createNamespace to false.");
            }
            return;
        }
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const findings = (0, k8s_psa_1.psaFindings)(obj, ["enforce"]);
            if (findings.length > 0)
                report(`${(0, k8s_1.describe)(obj, false)}: ${findings.join("; ")}; set it to "restricted".`);
        }
    },
});
//# sourceMappingURL=require-restricted-pod-security.js.map