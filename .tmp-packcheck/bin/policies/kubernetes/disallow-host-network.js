"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowHostNetwork = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_helm_1 = require("../../lib/k8s-helm");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_workloads_1 = require("../../lib/k8s-workloads");
const policy_1 = require("../../lib/policy");
/**
 * No pod shares the node's network namespace. A hostNetwork pod is on the node's own interface, zero hops from the
 * instance metadata service, so the IMDSv2 hop limit of 1 no longer keeps it from the node role's credentials.
 */
exports.disallowHostNetwork = (0, policy_1.resourcePolicy)({
    name: "disallow-host-network",
    description: "No pod runs with hostNetwork: true (in a manifest or Helm values): on the node's network the IMDS hop limit does not "
        + "apply and the pod can take the node role's AWS credentials; NetworkPolicies do not apply to it either.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Remove spec.hostNetwork (or set it to false) in the pod template (spec.template.spec.hostNetwork for "
        + "Deployments, spec.jobTemplate.spec.template.spec.hostNetwork for CronJobs), or the chart's hostNetwork value.",
    url: k8s_meta_1.URLS.iam,
    framework: (0, frameworks_1.cisEks)("4.2.4", "Minimize the admission of containers wishing to share the host network namespace"),
    references: ["CIS EKS 4.2.4", "EKS-BP iam: Restrict access to the instance profile assigned to the worker node", "CKV_K8S_19",
        "kyverno disallow-host-namespaces"],
    types: [...(0, k8s_1.k8sTypes)(...k8s_1.WORKLOAD_KINDS), ...k8s_1.HELM_TYPES],
    check: ({ args, reads, report }) => {
        if (k8s_1.HELM_TYPES.includes(args.type)) {
            for (const leaf of (0, k8s_helm_1.enabledHelmValues)(k8s_1.View.root(reads, args.props), ["hostNetwork"])) {
                report(`${leaf.view.path} is true: the chart's pods would share the node's network and reach its instance metadata; set it to false.`);
            }
            return;
        }
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const pod = (0, k8s_workloads_1.podTemplateOf)(obj);
            if (!pod)
                continue;
            const host = pod.spec.at("hostNetwork");
            if (host.bool() !== true)
                continue;
            report(`${(0, k8s_1.describe)(obj)}: ${host.path} is true, so the pod reaches the node's instance metadata (hop limit 1 no longer applies) `
                + "and its AWS credentials; remove it and give the pod its own IAM role through IRSA.");
        }
    },
});
//# sourceMappingURL=disallow-host-network.js.map