/**
 * Reading a pod spec the way pod-security-admission visits it (policy/visitor.go: init containers, containers,
 * ephemeral containers), and the two exemptions the standard grants by pod: Windows and user namespaces.
 */
import { View } from "./k8s";
import { containersOf } from "./k8s-workloads";
import { UNKNOWN } from "./unknowns";

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
