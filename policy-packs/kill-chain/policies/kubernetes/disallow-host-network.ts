import { cisEks } from "../../lib/frameworks";
import { HELM_TYPES, View, describe } from "../../lib/k8s";
import { enabledHelmValues } from "../../lib/k8s-helm";
import { URLS } from "../../lib/k8s-meta";
import { hostNamespace } from "../../lib/k8s-pss-baseline";
import { declaredPods, podSecurityOwnerTypes } from "../../lib/k8s-pss-pod";
import { resourcePolicy } from "../../lib/policy";

/**
 * No pod shares the node's network namespace. A hostNetwork pod is on the node's own interface, zero hops from the
 * instance metadata service, so the IMDSv2 hop limit of 1 no longer keeps it from the node role's credentials.
 * Owns the hostNetwork part of Pod Security's hostNamespaces control (lib/k8s-pss-owners.ts).
 */
export const disallowHostNetwork = resourcePolicy({
    name: "disallow-host-network",
    description: "No pod of any object holding a pod spec (workloads, CronJobs, Patch and List forms, custom resources with pod "
        + "templates) runs with hostNetwork: true (nor Helm values setting it): on the node's network the IMDS hop limit does not "
        + "apply and the pod can take the node role's AWS credentials; NetworkPolicies do not apply to it either.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Remove spec.hostNetwork (or set it to false) in the pod template (spec.template.spec.hostNetwork for "
        + "Deployments, spec.jobTemplate.spec.template.spec.hostNetwork for CronJobs), or the chart's hostNetwork value.",
    url: URLS.iam,
    framework: cisEks("4.2.4", "Minimize the admission of containers wishing to share the host network namespace"),
    references: ["CIS EKS 4.2.4", "EKS-BP iam: Restrict access to the instance profile assigned to the worker node", "CKV_K8S_19",
        "kyverno disallow-host-namespaces"],
    types: podSecurityOwnerTypes,
    check: ({ args, reads, report }) => {
        if (HELM_TYPES.includes(args.type)) {
            for (const leaf of enabledHelmValues(View.root(reads, args.props), ["hostNetwork"])) {
                report(`${leaf.view.path} is true: the chart's pods would share the node's network and reach its instance metadata; set it to false.`);
            }
            return;
        }
        for (const { obj, pod } of declaredPods(args.type, reads, args.props)) {
            const findings = hostNamespace(pod.spec, "hostNetwork");
            if (findings.length === 0) continue;
            report(`${describe(obj)}: ${findings.join("; ")}; on the node's network the pod reaches its instance metadata (hop limit 1 no longer `
                + "applies) and its AWS credentials; give the pod its own IAM role through IRSA instead.");
        }
    },
});
