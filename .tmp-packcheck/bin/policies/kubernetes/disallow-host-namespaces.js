"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowHostNamespaces = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_helm_1 = require("../../lib/k8s-helm");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_workloads_1 = require("../../lib/k8s-workloads");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
/**
 * No pod shares the node's process or IPC namespace, mounts a node path or binds a node port: each one is a way
 * out of the container onto the node (its processes, its files, its kubelet credentials).
 */
exports.disallowHostNamespaces = (0, policy_1.resourcePolicy)({
    name: "disallow-host-namespaces",
    description: "No pod uses hostPID, hostIPC, a hostPath volume or a container hostPort (in a manifest, or hostPID/hostIPC in Helm "
        + "values): each reaches outside the container onto the node.",
    step: "mining",
    severity: "critical",
    remediationSteps: "Remove spec.hostPID and spec.hostIPC, replace hostPath volumes with emptyDir, a ConfigMap/Secret or a "
        + "PersistentVolumeClaim, and drop ports[].hostPort (expose the pod through a ClusterIP Service).",
    url: k8s_meta_1.URLS.pods,
    framework: (0, frameworks_1.cisEks)("4.2.2", "Minimize the admission of containers wishing to share the host process ID namespace (4.2.3 IPC)"),
    references: ["CIS EKS 4.2.2", "CIS EKS 4.2.3", "EKS-BP pods: Do not allow privileged escalation / hostPath", "CKV_K8S_17",
        "CKV_K8S_18", "CKV_K8S_26", "kyverno disallow-host-namespaces", "kyverno disallow-host-path", "kyverno disallow-host-ports"],
    types: [...(0, k8s_1.k8sTypes)(...k8s_1.WORKLOAD_KINDS), ...k8s_1.HELM_TYPES],
    check: ({ args, reads, report }) => {
        if (k8s_1.HELM_TYPES.includes(args.type)) {
            for (const leaf of (0, k8s_helm_1.enabledHelmValues)(k8s_1.View.root(reads, args.props), ["hostPID", "hostIPC"])) {
                report(`${leaf.view.path} is true: the chart's pods would share the node's namespaces; set it to false.`);
            }
            return;
        }
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const pod = (0, k8s_workloads_1.podTemplateOf)(obj);
            if (!pod)
                continue;
            const findings = [];
            for (const key of ["hostPID", "hostIPC"]) {
                const v = pod.spec.at(key);
                if (v.bool() === true)
                    findings.push(`${v.path} is true`);
            }
            const volumes = pod.spec.at("volumes").list();
            if (volumes !== unknowns_1.UNKNOWN) {
                for (const vol of volumes) {
                    const hp = vol.at("hostPath").value();
                    if (hp !== unknowns_1.UNKNOWN && hp !== undefined && hp !== null)
                        findings.push(`${vol.at("hostPath").path} mounts a node path`);
                }
            }
            for (const c of (0, k8s_workloads_1.containersOf)(pod.spec)) {
                const ports = c.at("ports").list();
                if (ports === unknowns_1.UNKNOWN)
                    continue;
                for (const p of ports) {
                    const hostPort = p.at("hostPort").value();
                    if (typeof hostPort === "number" && hostPort !== 0)
                        findings.push(`${p.at("hostPort").path} is ${hostPort}`);
                }
            }
            if (findings.length > 0)
                report(`${(0, k8s_1.describe)(obj)}: ${findings.join("; ")}; remove them, pods stay inside their own namespaces and volumes.`);
        }
    },
});
//# sourceMappingURL=disallow-host-namespaces.js.map