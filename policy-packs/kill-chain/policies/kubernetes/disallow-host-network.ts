import { cisEks } from "../../lib/frameworks";
import { HELM_TYPES, View, WORKLOAD_KINDS, describe, k8sObjects, k8sTypes } from "../../lib/k8s";
import { enabledHelmValues } from "../../lib/k8s-helm";
import { URLS } from "../../lib/k8s-meta";
import { podTemplateOf } from "../../lib/k8s-workloads";
import { resourcePolicy } from "../../lib/policy";

/**
 * No pod shares the node's network namespace. A hostNetwork pod is on the node's own interface, zero hops from the
 * instance metadata service, so the IMDSv2 hop limit of 1 no longer keeps it from the node role's credentials.
 */
export const disallowHostNetwork = resourcePolicy({
    name: "disallow-host-network",
    description: "No pod runs with hostNetwork: true (in a manifest or Helm values): on the node's network the IMDS hop limit does not "
        + "apply and the pod can take the node role's AWS credentials; NetworkPolicies do not apply to it either.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Remove spec.hostNetwork (or set it to false) in the pod template (spec.template.spec.hostNetwork for "
        + "Deployments, spec.jobTemplate.spec.template.spec.hostNetwork for CronJobs), or the chart's hostNetwork value.",
    url: URLS.iam,
    framework: cisEks("4.2.4", "Minimize the admission of containers wishing to share the host network namespace"),
    references: ["CIS EKS 4.2.4", "EKS-BP iam: Restrict access to the instance profile assigned to the worker node", "CKV_K8S_19",
        "kyverno disallow-host-namespaces"],
    types: [...k8sTypes(...WORKLOAD_KINDS), ...HELM_TYPES],
    check: ({ args, reads, report }) => {
        if (HELM_TYPES.includes(args.type)) {
            for (const leaf of enabledHelmValues(View.root(reads, args.props), ["hostNetwork"])) {
                report(`${leaf.view.path} is true: the chart's pods would share the node's network and reach its instance metadata; set it to false.`);
            }
            return;
        }
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const pod = podTemplateOf(obj);
            if (!pod) continue;
            const host = pod.spec.at("hostNetwork");
            if (host.bool() !== true) continue;
            report(`${describe(obj)}: ${host.path} is true, so the pod reaches the node's instance metadata (hop limit 1 no longer applies) `
                + "and its AWS credentials; remove it and give the pod its own IAM role through IRSA.");
        }
    },
});
