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
    /**
     * Set on a part of a control split so that a dedicated policy can own that part (`hostNetwork` of hostNamespaces);
     * the part's key is then `id.part` (see partKey). A control's parts together check what the admission's check does.
     */
    part?: string;
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

/** The key a part is owned by in PSS_OWNERS: `hostNamespaces.hostNetwork`, or the control id for an unsplit one. */
export function partKey(control: PssControl): string {
    return control.part ? `${control.id}.${control.part}` : control.id;
}

/** The controls a level runs: baseline alone, or restricted plus the baseline controls it does not override. */
export function controlsOf(level: PssLevel): PssControl[] {
    if (level === "baseline") return [...BASELINE_CONTROLS];
    const overridden = new Set(RESTRICTED_CONTROLS.flatMap((c) => c.overrides ?? []));
    return [...BASELINE_CONTROLS.filter((c) => !overridden.has(c.id)), ...RESTRICTED_CONTROLS];
}

/**
 * Every control of `level` the pod fails, each with the messages of its parts joined. Parts whose key is in `skip`
 * are not checked at all (so their values are not read either): enforce-pod-security-standard skips the parts a
 * dedicated policy reports.
 */
export function evaluatePodSecurity(pod: PssPod, level: PssLevel, skip: ReadonlySet<string> = new Set()): PssFinding[] {
    const byControl = new Map<string, string[]>();
    for (const control of controlsOf(level)) {
        if (skip.has(partKey(control))) continue;
        const messages = control.check(pod);
        if (messages.length > 0) byControl.set(control.id, [...byControl.get(control.id) ?? [], ...messages]);
    }
    return [...byControl].map(([control, messages]) => ({ control, message: messages.join("; ") }));
}

/** Every part key of both levels, for checking the ownership table against the controls. */
export function allPartKeys(): string[] {
    return [...new Set([...controlsOf("baseline"), ...controlsOf("restricted")].map(partKey))];
}
