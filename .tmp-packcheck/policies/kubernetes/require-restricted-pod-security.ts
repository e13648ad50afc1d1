import { cisEks } from "../../lib/frameworks";
import { HELM_RELEASE, View, describe, k8sObjects, k8sTypes } from "../../lib/k8s";
import { createsNamespace } from "../../lib/k8s-helm";
import { URLS } from "../../lib/k8s-meta";
import { psaFindings, psaLabel } from "../../lib/k8s-psa";
import { resourcePolicy } from "../../lib/policy";

/** Every Namespace enforces the restricted Pod Security Standard: privileged and host-namespace pods are rejected at admission. */
export const requireRestrictedPodSecurity = resourcePolicy({
    name: "require-restricted-pod-security",
    description: "Every Namespace the program creates or patches enforces the restricted Pod Security Standard "
        + `(${psaLabel("enforce")}: restricted), so the API server itself rejects privileged, host-namespace and root pods, including `
        + "pods created outside Pulumi; a Helm createNamespace (which sets no labels) is refused.",
    step: "mining",
    severity: "high",
    remediationSteps: `Set metadata.labels["${psaLabel("enforce")}"] to "restricted" (and pin `
        + `"${psaLabel("enforce")}-version" to the cluster version). For Helm, create the Namespace in the program with these labels and `
        + "set createNamespace: false.",
    url: URLS.psa,
    framework: cisEks("4.2", "Pod Security Standards: apply restricted to every workload namespace"),
    references: ["CIS EKS 4.2.1-4.2.5", "EKS-BP pods: Pod Security Standards (PSS) and Pod Security Admission (PSA)",
        "kyverno podsecurity-subrule-restricted", "PSS restricted"],
    types: [...k8sTypes("Namespace"), HELM_RELEASE],
    check: ({ args, reads, report }) => {
        if (args.type === HELM_RELEASE) {
            if (createsNamespace(args.type, View.root(reads, args.props)) === true) {
                report(`createNamespace is true: Helm creates the namespace without the ${psaLabel("enforce")}: restricted label; `
                    + "create the Namespace in the program with the label and set createNamespace to false.");
            }
            return;
        }
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const findings = psaFindings(obj, ["enforce"]);
            if (findings.length > 0) report(`${describe(obj, false)}: ${findings.join("; ")}; set it to "restricted".`);
        }
    },
});
