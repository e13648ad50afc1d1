import { eksBestPractices } from "../../lib/frameworks";
import { describe, k8sObjects } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { containersOf, mayHoldPodSpec, podTemplatesOf } from "../../lib/k8s-workloads";
import { resourcePolicy } from "../../lib/policy";

/**
 * Every container (init containers included) sets CPU and memory limits, so a miner that gets in is capped to what
 * the workload was given. Limits do not detect a deliberately slow miner (Tesla's stayed low); they bound it.
 * Patches are not judged: they own only the fields they set.
 */
export const requireContainerLimits = resourcePolicy({
    name: "require-container-limits",
    description: "Every container and init container of every workload sets resources.limits.cpu and resources.limits.memory, so a "
        + "hijacked pod cannot take the node's CPU for mining.",
    step: "mining",
    severity: "medium",
    remediationSteps: "Set resources: { requests: { cpu, memory }, limits: { cpu, memory } } on each entry of containers[] and "
        + "initContainers[] (a namespace LimitRange default is a backstop, not a substitute).",
    url: URLS.pods,
    framework: eksBestPractices("pods", "Set requests and limits for each container to avoid resource contention and DoS attacks"),
    references: ["EKS-BP pods: Set requests and limits for each container", "CKV_K8S_11", "CKV_K8S_13", "kyverno require-pod-requests-limits"],
    // Every object holding a pod spec: workload kinds and custom resources with a pod template (Argo Rollouts...).
    types: mayHoldPodSpec,
    check: ({ args, reads, report }) => {
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            if (obj.patch) continue;
            const missing: string[] = [];
            const containers = podTemplatesOf(obj, args.type).flatMap((pod) => containersOf(pod.spec, ["initContainers", "containers"]));
            for (const c of containers) {
                for (const r of ["cpu", "memory"]) {
                    const limit = c.at("resources", "limits", r);
                    const v = limit.value();
                    if (v === undefined || v === null || v === "") missing.push(limit.path);
                }
            }
            if (missing.length > 0) report(`${describe(obj)}: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} unset; set CPU and memory limits on every container.`);
        }
    },
});
