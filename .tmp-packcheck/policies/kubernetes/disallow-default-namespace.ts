import { cisEks } from "../../lib/frameworks";
import { HELM_TYPES, View, WORKLOAD_KINDS, describe, k8sObjects, k8sTypes, namespaceOf } from "../../lib/k8s";
import { helmNamespace } from "../../lib/k8s-helm";
import { URLS } from "../../lib/k8s-meta";
import { providerView } from "../../lib/k8s-namespaces";
import { resourcePolicy } from "../../lib/policy";

/**
 * No workload runs in the `default` namespace, which no program locks down (no default-deny, no restricted Pod
 * Security, token-mounting default ServiceAccount). An unset namespace is `default` unless the provider sets one.
 */
export const disallowDefaultNamespace = resourcePolicy({
    name: "disallow-default-namespace",
    description: "No workload or Helm chart is deployed into the default namespace (an unset namespace counts, unless the Kubernetes "
        + "provider sets another): workloads go to locked namespaces with default-deny egress and restricted Pod Security.",
    step: "mining",
    severity: "medium",
    remediationSteps: "Set metadata.namespace (or the Helm `namespace`) to a namespace the program creates with a default-deny "
        + "NetworkPolicy and the restricted Pod Security labels.",
    url: URLS.pods,
    framework: cisEks("4.5.2", "The default namespace should not be used"),
    references: ["CIS EKS 4.5.2", "EKS-BP multitenancy: Namespaces", "CKV_K8S_21", "kyverno disallow-default-namespace"],
    types: [...k8sTypes(...WORKLOAD_KINDS), ...HELM_TYPES],
    check: ({ args, reads, report }) => {
        const provider = providerView(args, reads);
        if (HELM_TYPES.includes(args.type)) {
            const root = View.root(reads, args.props);
            if (helmNamespace(root, provider) === "default") {
                report("namespace is default (or unset, which installs into default); set namespace to a locked workload namespace.");
            }
            return;
        }
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            if (obj.patch) continue;
            if (namespaceOf(obj.view, provider) !== "default") continue;
            report(`${describe(obj, false)}: metadata.namespace is default (or unset, which means default); set it to a locked workload namespace.`);
        }
    },
});
