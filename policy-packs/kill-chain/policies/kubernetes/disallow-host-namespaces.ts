import { cisEks } from "../../lib/frameworks";
import { HELM_TYPES, View, describe } from "../../lib/k8s";
import { enabledHelmValues } from "../../lib/k8s-helm";
import { URLS } from "../../lib/k8s-meta";
import { hostNamespace, hostPathVolumes, hostPorts } from "../../lib/k8s-pss-baseline";
import { declaredPods, podSecurityOwnerTypes } from "../../lib/k8s-pss-pod";
import { resourcePolicy } from "../../lib/policy";

/**
 * No pod shares the node's process or IPC namespace, mounts a node path or binds a node port: each one is a way
 * out of the container onto the node (its processes, its files, its kubelet credentials). Owns those Pod Security
 * controls (lib/k8s-pss-owners.ts): enforce-pod-security-standard leaves them to this policy.
 */
export const disallowHostNamespaces = resourcePolicy({
    name: "disallow-host-namespaces",
    description: "No pod of any object holding a pod spec (workloads, CronJobs, Patch and List forms, custom resources with pod "
        + "templates) uses hostPID, hostIPC, a hostPath volume or a container hostPort (or hostPID/hostIPC in Helm values): each "
        + "reaches outside the container onto the node.",
    step: "mining",
    severity: "critical",
    remediationSteps: "Remove spec.hostPID and spec.hostIPC, replace hostPath volumes with emptyDir, a ConfigMap/Secret or a "
        + "PersistentVolumeClaim, and drop ports[].hostPort (expose the pod through a ClusterIP Service).",
    url: URLS.pods,
    framework: cisEks("4.2.2", "Minimize the admission of containers wishing to share the host process ID namespace (4.2.3 IPC)"),
    references: ["CIS EKS 4.2.2", "CIS EKS 4.2.3", "EKS-BP pods: Do not allow privileged escalation / hostPath", "CKV_K8S_17",
        "CKV_K8S_18", "CKV_K8S_26", "kyverno disallow-host-namespaces", "kyverno disallow-host-path", "kyverno disallow-host-ports"],
    types: podSecurityOwnerTypes,
    check: ({ args, reads, report }) => {
        if (HELM_TYPES.includes(args.type)) {
            for (const leaf of enabledHelmValues(View.root(reads, args.props), ["hostPID", "hostIPC"])) {
                report(`${leaf.view.path} is true: the chart's pods would share the node's namespaces; set it to false.`);
            }
            return;
        }
        for (const { obj, pod } of declaredPods(args.type, reads, args.props)) {
            const findings = [
                ...hostNamespace(pod.spec, "hostPID"), ...hostNamespace(pod.spec, "hostIPC"), ...hostPathVolumes(pod.spec), ...hostPorts(pod.spec),
            ];
            if (findings.length > 0) report(`${describe(obj)}: ${findings.join("; ")}; pods stay inside their own namespaces and volumes.`);
        }
    },
});
