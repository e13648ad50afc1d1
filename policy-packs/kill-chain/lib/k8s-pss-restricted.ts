/**
 * The restricted Pod Security Standard on top of baseline: current hardening best practice. One control per check
 * of kubernetes/pod-security-admission `policy/check_*.go` (8f84a87, rules of v1.37), with its exemptions.
 */
import { View, strings } from "./k8s";
import type { PssControl, PssPod } from "./k8s-pss";
import { CONFINED_PROFILE_TYPES, addedCapabilities, hostPathVolumes, unmaskedProcMounts } from "./k8s-pss-baseline";
import { containerName, podContainers, unlessUserNamespace, unlessWindows } from "./k8s-pss-pod";
import { UNKNOWN } from "./unknowns";

/** check_restrictedVolumes.go: inline volume sources that stay inside the pod (everything else reaches node or network storage). */
export const RESTRICTED_VOLUME_SOURCES: readonly string[] = [
    "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret",
];

/** The one capability the restricted standard lets a container add. */
export const RESTRICTED_ADDABLE_CAPABILITIES: readonly string[] = ["NET_BIND_SERVICE"];

/**
 * Volumes of a source the restricted level refuses, except hostPath ones: those are the `restrictedVolumes.hostPath`
 * part (the baseline hostPathVolumes check), so a dedicated policy can own them.
 */
function restrictedVolumes({ spec }: PssPod): string[] {
    const volumes = spec.at("volumes").list();
    if (volumes === UNKNOWN) return [];
    const out: string[] = [];
    for (const vol of volumes) {
        const keys = vol.keys();
        if (keys === UNKNOWN) continue;
        // A source set to null is absent (the API decodes it as nil), as in the admission's `!= nil` tests.
        const sources = keys.filter((k) => k !== "name" && vol.at(k).peek() !== null && vol.at(k).peek() !== undefined);
        // A volume naming no source is given emptyDir by the API server's defaulting (SetDefaults_Volume) before admission.
        if (sources.length === 0 || sources.some((k) => RESTRICTED_VOLUME_SOURCES.includes(k)) || sources.includes("hostPath")) continue;
        out.push(`${vol.path} uses ${sources.join(", ")}; only ${RESTRICTED_VOLUME_SOURCES.join(", ")} volumes are allowed`);
    }
    return out;
}

/** Containers that allow privilege escalation, true or (outside a patch) unset; Windows pods are exempt. */
export function allowPrivilegeEscalation({ spec, patch }: PssPod): string[] {
    const out: string[] = [];
    for (const c of podContainers(spec)) {
        const ape = c.at("securityContext", "allowPrivilegeEscalation");
        const v = ape.bool();
        if (v === true) out.push(`${ape.path} is true; set it to false`);
        // Unset means allowed for a Linux process: a setuid binary gains root.
        else if (v === undefined && !patch) out.push(`${ape.path} is unset, which lets setuid binaries gain root; set it to false`);
    }
    return unlessWindows(spec, out);
}

/**
 * Root (uid 0) is refused: pod-level runAsNonRoot false, a container's false, or a container that neither sets it nor
 * inherits true from the pod. A patch is judged only on the values it sets.
 */
function runAsNonRoot({ spec, patch }: PssPod): string[] {
    const podLevel = spec.at("securityContext", "runAsNonRoot");
    const pod = podLevel.bool();
    const out: string[] = [];
    if (pod === false) out.push(`${podLevel.path} is false; set it to true`);
    const unset: string[] = [];
    for (const c of podContainers(spec)) {
        const own = c.at("securityContext", "runAsNonRoot");
        const v = own.bool();
        if (v === false) out.push(`${own.path} is false; set it to true`);
        else if (v === undefined && pod !== true && pod !== UNKNOWN && !patch) unset.push(containerName(c));
    }
    if (unset.length > 0) {
        out.push(`${podLevel.path} is not true and ${unset.join(", ")} ${unset.length === 1 ? "does" : "do"} not set securityContext.runAsNonRoot; `
            + "set it to true on the pod (or every container)");
    }
    return unlessUserNamespace(spec, out);
}

function runAsUser({ spec }: PssPod): string[] {
    const fields = [spec.at("securityContext", "runAsUser"), ...podContainers(spec).map((c) => c.at("securityContext", "runAsUser"))];
    const out = fields.filter((f) => f.value() === 0).map((f) => `${f.path} is 0 (root); use a non-zero uid, e.g. 10001`);
    return unlessUserNamespace(spec, out);
}

/**
 * A seccomp profile's state as the admission sees it: the profile object present decides, so `seccompProfile: {}`
 * (type "") is a bad profile, not an absent one.
 */
function seccompState(sc: View): "confined" | "bad" | "unset" | typeof UNKNOWN {
    const profile = sc.at("seccompProfile").value();
    if (profile === UNKNOWN) return UNKNOWN;
    if (profile === undefined || profile === null) return "unset";
    const t = sc.at("seccompProfile", "type").value();
    if (t === UNKNOWN) return UNKNOWN;
    return typeof t === "string" && CONFINED_PROFILE_TYPES.includes(t) ? "confined" : "bad";
}

function badSeccomp(sc: View): string {
    const type = sc.at("seccompProfile", "type");
    return `${type.path} is ${JSON.stringify(type.peek() ?? "")}; use "RuntimeDefault" (or "Localhost")`;
}

function seccompProfileRestricted({ spec, patch }: PssPod): string[] {
    const podSc = spec.at("securityContext");
    const pod = seccompState(podSc);
    const out: string[] = [];
    if (pod === "bad") out.push(badSeccomp(podSc));
    const unset: string[] = [];
    for (const c of podContainers(spec)) {
        const sc = c.at("securityContext");
        const own = seccompState(sc);
        if (own === "bad") out.push(badSeccomp(sc));
        else if (own === "unset" && (pod === "unset" || pod === "bad") && !patch) unset.push(containerName(c));
    }
    if (unset.length > 0) {
        out.push(`${podSc.at("seccompProfile", "type").path} is not "RuntimeDefault" or "Localhost" and ${unset.join(", ")} `
            + `${unset.length === 1 ? "sets" : "set"} no securityContext.seccompProfile; set the pod's to RuntimeDefault`);
    }
    return unlessWindows(spec, out);
}

function capabilitiesDropAll({ spec, patch }: PssPod): string[] {
    const out: string[] = [];
    for (const c of podContainers(spec)) {
        const caps = c.at("securityContext", "capabilities");
        const drop = strings(caps.at("drop"));
        if (drop !== UNKNOWN && !drop.includes("ALL") && !drop.includes(UNKNOWN) && !(patch && caps.at("drop").peek() === undefined)) {
            out.push(`${caps.at("drop").path} does not include "ALL"; set it to ["ALL"]`);
        }
    }
    return unlessWindows(spec, out);
}

/** Capabilities added beyond NET_BIND_SERVICE (any OS: a dedicated policy refusing these needs no Windows exemption). */
export function addedRestrictedCapabilities(spec: View): string[] {
    return addedCapabilities(spec, RESTRICTED_ADDABLE_CAPABILITIES, "only NET_BIND_SERVICE may be added");
}

export const RESTRICTED_CONTROLS: readonly PssControl[] = [
    { id: "restrictedVolumes", level: "restricted", overrides: ["hostPathVolumes"], check: restrictedVolumes },
    { id: "restrictedVolumes", part: "hostPath", level: "restricted", check: ({ spec }) => hostPathVolumes(spec) },
    { id: "allowPrivilegeEscalation", level: "restricted", check: allowPrivilegeEscalation },
    { id: "runAsNonRoot", level: "restricted", check: runAsNonRoot },
    { id: "runAsUser", level: "restricted", check: runAsUser },
    { id: "seccompProfile_restricted", level: "restricted", overrides: ["seccompProfile_baseline"], check: seccompProfileRestricted },
    { id: "capabilities_restricted", level: "restricted", overrides: ["capabilities_baseline"], check: capabilitiesDropAll },
    { id: "capabilities_restricted", part: "add", level: "restricted", check: ({ spec }) => unlessWindows(spec, addedRestrictedCapabilities(spec)) },
    { id: "procMount_restricted", level: "restricted", overrides: ["procMount"], check: ({ spec }) => unmaskedProcMounts(spec) },
];
