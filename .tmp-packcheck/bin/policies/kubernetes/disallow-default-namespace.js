"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowDefaultNamespace = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_helm_1 = require("../../lib/k8s-helm");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_namespaces_1 = require("../../lib/k8s-namespaces");
const policy_1 = require("../../lib/policy");
/**
 * No workload runs in the `default` namespace, which no program locks down (no default-deny, no restricted Pod
 * Security, token-mounting default ServiceAccount). An unset namespace is `default` unless the provider sets one.
 */
exports.disallowDefaultNamespace = (0, policy_1.resourcePolicy)({
    name: "disallow-default-namespace",
    description: "No workload or Helm chart is deployed into the default namespace (an unset namespace counts, unless the Kubernetes "
        + "provider sets another): workloads go to locked namespaces with default-deny egress and restricted Pod Security.",
    step: "mining",
    severity: "medium",
    remediationSteps: "Set metadata.namespace (or the Helm `namespace`) to a namespace the program creates with a default-deny "
        + "NetworkPolicy and the restricted Pod Security labels.",
    url: k8s_meta_1.URLS.pods,
    framework: (0, frameworks_1.cisEks)("4.5.2", "The default namespace should not be used"),
    references: ["CIS EKS 4.5.2", "EKS-BP multitenancy: Namespaces", "CKV_K8S_21", "kyverno disallow-default-namespace"],
    types: [...(0, k8s_1.k8sTypes)(...k8s_1.WORKLOAD_KINDS), ...k8s_1.HELM_TYPES],
    check: ({ args, reads, report }) => {
        const provider = (0, k8s_namespaces_1.providerView)(args, reads);
        if (k8s_1.HELM_TYPES.includes(args.type)) {
            const root = k8s_1.View.root(reads, args.props);
            if ((0, k8s_helm_1.helmNamespace)(root, provider) === "default") {
                report("namespace is default (or unset, which installs into default); set namespace to a locked workload namespace.");
            }
            return;
        }
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            if (obj.patch)
                continue;
            if ((0, k8s_1.namespaceOf)(obj.view, provider) !== "default")
                continue;
            report(`${(0, k8s_1.describe)(obj, false)}: metadata.namespace is default (or unset, which means default); set it to a locked workload namespace.`);
        }
    },
});
//# sourceMappingURL=disallow-default-namespace.js.map