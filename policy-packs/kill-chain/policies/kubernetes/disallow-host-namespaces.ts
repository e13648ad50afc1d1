import { cisEks } from "../../lib/frameworks";
import { HELM_TYPES, View, WORKLOAD_KINDS, describe, k8sObjects, k8sTypes } from "../../lib/k8s";
import { enabledHelmValues } from "../../lib/k8s-helm";
import { URLS } from "../../lib/k8s-meta";
import { containersOf, podTemplateOf } from "../../lib/k8s-workloads";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/**
 * No pod shares the node's process or IPC namespace, mounts a node path or binds a node port: each one is a way
 * out of the container onto the node (its processes, its files, its kubelet credentials).
 */
export const disallowHostNamespaces = resourcePolicy({
    name: "disallow-host-namespaces",
    description: "No pod uses hostPID, hostIPC, a hostPath volume or a container hostPort (in a manifest, or hostPID/hostIPC in Helm "
        + "values): each reaches outside the container onto the node.",
    step: "mining",
    severity: "critical",
    remediationSteps: "Remove spec.hostPID and spec.hostIPC, replace hostPath volumes with emptyDir, a ConfigMap/Secret or a "
        + "PersistentVolumeClaim, and drop ports[].hostPort (expose the pod through a ClusterIP Service).",
    url: URLS.pods,
    framework: cisEks("4.2.2", "Minimize the admission of containers wishing to share the host process ID namespace (4.2.3 IPC)"),
    references: ["CIS EKS 4.2.2", "CIS EKS 4.2.3", "EKS-BP pods: Do not allow privileged escalation / hostPath", "CKV_K8S_17",
        "CKV_K8S_18", "CKV_K8S_26", "kyverno disallow-host-namespaces", "kyverno disallow-host-path", "kyverno disallow-host-ports"],
    types: [...k8sTypes(...WORKLOAD_KINDS), ...HELM_TYPES],
    check: ({ args, reads, report }) => {
        if (HELM_TYPES.includes(args.type)) {
            for (const leaf of enabledHelmValues(View.root(reads, args.props), ["hostPID", "hostIPC"])) {
                report(`${leaf.view.path} is true: the chart's pods would share the node's namespaces; set it to false.`);
            }
            return;
        }
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const pod = podTemplateOf(obj);
            if (!pod) continue;
            const findings: string[] = [];
            for (const key of ["hostPID", "hostIPC"]) {
                const v = pod.spec.at(key);
                if (v.bool() === true) findings.push(`${v.path} is true`);
            }
            const volumes = pod.spec.at("volumes").list();
            if (volumes !== UNKNOWN) {
                for (const vol of volumes) {
                    const hp = vol.at("hostPath").value();
                    if (hp !== UNKNOWN && hp !== undefined && hp !== null) findings.push(`${vol.at("hostPath").path} mounts a node path`);
                }
            }
            for (const c of containersOf(pod.spec)) {
                const ports = c.at("ports").list();
                if (ports === UNKNOWN) continue;
                for (const p of ports) {
                    const hostPort = p.at("hostPort").value();
                    if (typeof hostPort === "number" && hostPort !== 0) findings.push(`${p.at("hostPort").path} is ${hostPort}`);
                }
            }
            if (findings.length > 0) report(`${describe(obj)}: ${findings.join("; ")}; remove them, pods stay inside their own namespaces and volumes.`);
        }
    },
});
