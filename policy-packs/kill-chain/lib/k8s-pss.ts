/**
 * The Kubernetes Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/) as the
 * API server's Pod Security Admission evaluates them, judged at preview on any pod spec a program declares.
 *
 * Emulates kubernetes/pod-security-admission `policy/` at 8f84a87 (the checks of the latest version, v1.37): each
 * control has the check's own id, so a finding names the control exactly as a `pulumi up` rejection would; the
 * restricted level runs every baseline control except those a restricted control overrides (registry.go). The
 * standard's own exemptions are kept: Windows pods (`spec.os.name: windows`) are exempt from allowPrivilegeEscalation,
 * seccompProfile_restricted and capabilities_restricted; user-namespaced pods (`spec.hostUsers: false`) from
 * runAsNonRoot, runAsUser and the baseline procMount control.
 */
import { View } from "./k8s";
import { BASELINE_CONTROLS } from "./k8s-pss-baseline";
import { RESTRICTED_CONTROLS } from "./k8s-pss-restricted";

export type PssLevel = "baseline" | "restricted";
export const PSS_LEVELS: readonly PssLevel[] = ["baseline", "restricted"];

/** A pod spec and the metadata of the pods it makes (annotations carry the legacy AppArmor profiles). */
export interface PssPod {
    metadata: View;
    spec: View;
    /**
     * A server-side-apply patch owns only the fields it sets: a requirement that a field be SET (runAsNonRoot,
     * seccompProfile, allowPrivilegeEscalation false, drop ALL) cannot fail on a patch that leaves it out, since the
     * live object may set it. Explicitly forbidden values still fail.
     */
    patch: boolean;
}

export interface PssControl {
    /** The check id of pod-security-admission (`runAsNonRoot`, `capabilities_restricted`...). */
    id: string;
    level: PssLevel;
    /** Baseline controls this one replaces at the restricted level (registry.go OverrideCheckIDs). */
    overrides?: readonly string[];
    /** Messages naming the field and its fix; empty when the pod passes (unknown values are recorded by the views). */
    check(pod: PssPod): string[];
}

export interface PssFinding {
    control: string;
    message: string;
}

/** The controls a level runs: baseline alone, or restricted plus the baseline controls it does not override. */
export function controlsOf(level: PssLevel): PssControl[] {
    if (level === "baseline") return [...BASELINE_CONTROLS];
    const overridden = new Set(RESTRICTED_CONTROLS.flatMap((c) => c.overrides ?? []));
    return [...BASELINE_CONTROLS.filter((c) => !overridden.has(c.id)), ...RESTRICTED_CONTROLS];
}

/** Every control of `level` the pod fails, each with its messages joined. */
export function evaluatePodSecurity(pod: PssPod, level: PssLevel): PssFinding[] {
    const out: PssFinding[] = [];
    for (const control of controlsOf(level)) {
        const messages = control.check(pod);
        if (messages.length > 0) out.push({ control: control.id, message: messages.join("; ") });
    }
    return out;
}
