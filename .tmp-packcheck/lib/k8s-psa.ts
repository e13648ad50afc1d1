/**
 * Pod Security Admission labels of a Namespace (https://kubernetes.io/docs/concepts/security/pod-security-admission/):
 * `pod-security.kubernetes.io/<mode>: <level>` with mode enforce (reject), audit (audit-log annotation) or warn
 * (client warning). An absent label means the cluster default, which on EKS is `privileged` for every mode.
 */
import { K8sObject } from "./k8s";
import { UNKNOWN } from "./unknowns";

export type PsaMode = "enforce" | "audit" | "warn";

export function psaLabel(mode: PsaMode): string {
    return `pod-security.kubernetes.io/${mode}`;
}

/**
 * Messages for each mode whose level is not `restricted`. A full Namespace without the label fails (the default is
 * privileged); a NamespacePatch fails only when it sets another level, since it does not own labels it leaves out.
 */
export function psaFindings(obj: K8sObject, modes: readonly PsaMode[]): string[] {
    const out: string[] = [];
    for (const mode of modes) {
        const label = obj.view.at("metadata", "labels", psaLabel(mode));
        const level = label.str();
        if (level === UNKNOWN || level === "restricted") continue;
        if (level === undefined && obj.patch) continue;
        out.push(level === undefined ? `${label.path} is unset (the EKS default level is privileged)` : `${label.path} is "${level}"`);
    }
    return out;
}
