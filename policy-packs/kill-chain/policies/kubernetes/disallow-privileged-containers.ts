import { cisEks } from "../../lib/frameworks";
import { HELM_TYPES, View, describe } from "../../lib/k8s";
import { enabledHelmValues } from "../../lib/k8s-helm";
import { URLS } from "../../lib/k8s-meta";
import { privilegedContainers, windowsHostProcess } from "../../lib/k8s-pss-baseline";
import { declaredPods, podSecurityOwnerTypes } from "../../lib/k8s-pss-pod";
import { addedRestrictedCapabilities, allowPrivilegeEscalation } from "../../lib/k8s-pss-restricted";
import { resourcePolicy } from "../../lib/policy";

/**
 * No privileged container, privilege escalation, extra capability or Windows host process. Owns those Pod Security
 * controls (lib/k8s-pss-owners.ts): enforce-pod-security-standard leaves them to this policy.
 */
export const disallowPrivilegedContainers = resourcePolicy({
    name: "disallow-privileged-containers",
    description: "No container (init and ephemeral included) of any object holding a pod spec (workloads, CronJobs, Patch and List "
        + "forms, custom resources with pod templates) is privileged, allows privilege escalation (unset counts: restricted requires "
        + "false, except on Windows pods), adds a capability other than NET_BIND_SERVICE, or runs as a Windows host process; Helm "
        + "values that set privileged or allowPrivilegeEscalation true are refused too.",
    step: "mining",
    severity: "critical",
    remediationSteps: "In every container's securityContext set privileged: false (or leave it unset), allowPrivilegeEscalation: false, "
        + "capabilities: { drop: [\"ALL\"] } and add nothing but NET_BIND_SERVICE; remove windowsOptions.hostProcess.",
    url: URLS.pods,
    framework: cisEks("4.2.1", "Minimize the admission of privileged containers (and 4.2.5 allowPrivilegeEscalation)"),
    references: ["CIS EKS 4.2.1", "CIS EKS 4.2.5", "EKS-BP pods: Restrict the containers that can run as privileged", "CKV_K8S_16",
        "CKV_K8S_20", "CKV_K8S_25", "CKV_K8S_37", "kyverno disallow-privileged-containers", "PSS restricted"],
    types: podSecurityOwnerTypes,
    check: ({ args, reads, report }) => {
        if (HELM_TYPES.includes(args.type)) {
            for (const leaf of enabledHelmValues(View.root(reads, args.props), ["privileged", "allowPrivilegeEscalation"])) {
                report(`${leaf.view.path} is true: the chart's containers would run with host-level privileges; set it to false.`);
            }
            return;
        }
        for (const { obj, pod } of declaredPods(args.type, reads, args.props)) {
            const findings = [
                ...privilegedContainers(pod.spec), ...allowPrivilegeEscalation(pod), ...addedRestrictedCapabilities(pod.spec),
                ...windowsHostProcess(pod.spec),
            ];
            if (findings.length > 0) report(`${describe(obj)}: ${findings.join("; ")}.`);
        }
    },
});
