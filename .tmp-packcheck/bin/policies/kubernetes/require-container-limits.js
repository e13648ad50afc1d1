"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireContainerLimits = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_workloads_1 = require("../../lib/k8s-workloads");
const policy_1 = require("../../lib/policy");
/**
 * Every container (init containers included) sets CPU and memory limits, so a miner that gets in is capped to what
 * the workload was given. Limits do not detect a deliberately slow miner (Tesla's stayed low); they bound it.
 * Patches are not judged: they own only the fields they set.
 */
exports.requireContainerLimits = (0, policy_1.resourcePolicy)({
    name: "require-container-limits",
    description: "Every container and init container of every workload sets resources.limits.cpu and resources.limits.memory, so a "
        + "hijacked pod cannot take the node's CPU for mining.",
    step: "mining",
    severity: "medium",
    remediationSteps: "Set resources: { requests: { cpu, memory }, limits: { cpu, memory } } on each entry of containers[] and "
        + "initContainers[] (a namespace LimitRange default is a backstop, not a substitute).",
    url: k8s_meta_1.URLS.pods,
    framework: (0, frameworks_1.eksBestPractices)("pods", "Set requests and limits for each container to avoid resource contention and DoS attacks"),
    references: ["EKS-BP pods: Set requests and limits for each container", "CKV_K8S_11", "CKV_K8S_13", "kyverno require-pod-requests-limits"],
    types: (0, k8s_1.k8sTypes)(...k8s_1.WORKLOAD_KINDS),
    check: ({ args, reads, report }) => {
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            if (obj.patch)
                continue;
            const pod = (0, k8s_workloads_1.podTemplateOf)(obj);
            if (!pod)
                continue;
            const missing = [];
            for (const c of (0, k8s_workloads_1.containersOf)(pod.spec, ["initContainers", "containers"])) {
                for (const r of ["cpu", "memory"]) {
                    const limit = c.at("resources", "limits", r);
                    const v = limit.value();
                    if (v === undefined || v === null || v === "")
                        missing.push(limit.path);
                }
            }
            if (missing.length > 0)
                report(`${(0, k8s_1.describe)(obj)}: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} unset; set CPU and memory limits on every container.`);
        }
    },
});
//# sourceMappingURL=require-container-limits.js.map