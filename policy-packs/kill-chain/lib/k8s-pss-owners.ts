/**
 * Which Pod Security control parts a dedicated policy of this pack reports, so that each fact (a privileged
 * container, a hostNetwork pod) is reported once: enforce-pod-security-standard skips these parts, the owner reports
 * them. An owner reads pods through the same reader (declaredPods) and enforces its part at the restricted rule
 * whatever level the standard is configured to, which refuses at least what the baseline control refuses; the Pod
 * Security Admission fixture tests prove, fixture by fixture, that no failing pod loses its refusal.
 */

/** Part key (see partKey in lib/k8s-pss.ts) -> the policy that reports it. */
export const PSS_OWNERS: Readonly<Record<string, string>> = {
    "hostNamespaces.hostNetwork": "disallow-host-network",
    "hostNamespaces.hostPID": "disallow-host-namespaces",
    "hostNamespaces.hostIPC": "disallow-host-namespaces",
    hostPathVolumes: "disallow-host-namespaces",
    "restrictedVolumes.hostPath": "disallow-host-namespaces",
    hostPorts: "disallow-host-namespaces",
    privileged: "disallow-privileged-containers",
    allowPrivilegeEscalation: "disallow-privileged-containers",
    // The owner refuses any added capability but NET_BIND_SERVICE, on every OS: more than either capabilities control.
    capabilities_baseline: "disallow-privileged-containers",
    "capabilities_restricted.add": "disallow-privileged-containers",
    windowsHostProcess: "disallow-privileged-containers",
};

/** The part keys enforce-pod-security-standard leaves to their owners. */
export const OWNED_PARTS: ReadonlySet<string> = new Set(Object.keys(PSS_OWNERS));

/** The parts `policy` owns. */
export function partsOwnedBy(policy: string): string[] {
    return Object.entries(PSS_OWNERS).filter(([, owner]) => owner === policy).map(([part]) => part);
}

/** The policies owning any part of `control` (a control id such as `hostNamespaces`). */
export function ownersOfControl(control: string): string[] {
    return [...new Set(Object.entries(PSS_OWNERS).filter(([part]) => part.split(".")[0] === control).map(([, owner]) => owner))];
}

/** The table in words, for enforce-pod-security-standard's description (and so docs/policies.md). */
export function ownershipSummary(): string {
    const owners = [...new Set(Object.values(PSS_OWNERS))];
    return owners.map((o) => `${partsOwnedBy(o).join(", ")} by ${o}`).join("; ");
}
