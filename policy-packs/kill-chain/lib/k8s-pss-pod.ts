/**
 * Reading pod specs the way pod-security-admission visits them (policy/visitor.go: init containers, containers,
 * ephemeral containers), from every object that holds one, and the two exemptions the standard grants by pod:
 * Windows and user namespaces.
 */
import { HELM_TYPES, K8sObject, View, k8sObjects } from "./k8s";
import type { PssPod } from "./k8s-pss";
import { containersOf, mayHoldPodSpec, podTemplatesOf } from "./k8s-workloads";
import { Reads, UNKNOWN } from "./unknowns";

/**
 * Every pod spec a resource declares, as Pod Security judges it: Pods, every workload kind and CronJob, their Patch
 * and List forms, and pod templates inside custom resources. enforce-pod-security-standard and the policies that
 * own some of its controls (lib/k8s-pss-owners.ts) all read pods through this one function, so an owner covers
 * exactly the objects the standard does.
 */
export function declaredPods(type: string, reads: Reads, props: unknown): { obj: K8sObject; pod: PssPod }[] {
    return k8sObjects(type, reads, props).flatMap((obj) => podTemplatesOf(obj, type).map((t) => ({ obj, pod: { ...t, patch: obj.patch } })));
}

/** The types of a policy owning Pod Security controls: every type that may hold a pod spec, and Helm releases (their values). */
export function podSecurityOwnerTypes(type: string): boolean {
    return mayHoldPodSpec(type) || HELM_TYPES.includes(type);
}

/** Every container of the pod, in the admission's order. */
export function podContainers(spec: View): View[] {
    return containersOf(spec, ["initContainers", "containers", "ephemeralContainers"]);
}

/**
 * Findings of a control the standard waives for some pods: kept when the pod is known not to be exempt, dropped
 * when it is exempt, and dropped (with the deciding value recorded, so the verdict defers) when that is unknown.
 * The exemption is read only when there are findings, so a passing pod never defers on it.
 */
function unlessExempt(findings: string[], exempt: () => unknown): string[] {
    if (findings.length === 0) return findings;
    const e = exempt();
    return e === false ? findings : [];
}

/** Windows pods (spec.os.name "windows") are exempt from the Linux-only restricted controls (1.25+). */
export function unlessWindows(spec: View, findings: string[]): string[] {
    return unlessExempt(findings, () => {
        const os = spec.at("os", "name").str();
        return os === UNKNOWN ? UNKNOWN : os === "windows";
    });
}

/** Pods in a user namespace (spec.hostUsers false) are exempt from the root-user controls (1.35+). */
export function unlessUserNamespace(spec: View, findings: string[]): string[] {
    return unlessExempt(findings, () => {
        const hostUsers = spec.at("hostUsers").bool();
        return hostUsers === UNKNOWN ? UNKNOWN : hostUsers === false;
    });
}

/** A container's name for messages (`container "app"`), falling back to its path. */
export function containerName(c: View): string {
    const n = c.at("name").peek();
    return typeof n === "string" ? `container "${n}"` : c.path;
}
