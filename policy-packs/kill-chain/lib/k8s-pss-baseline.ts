/**
 * The baseline Pod Security Standard: known privilege escalations are refused, everything else is allowed.
 * One control per check of kubernetes/pod-security-admission `policy/check_*.go` (8f84a87, rules of v1.37); the ids,
 * fields and allowed values are that package's, the messages are ours (field path and fix).
 */
import { View, strings } from "./k8s";
import type { PssControl, PssPod } from "./k8s-pss";
import { podContainers, unlessUserNamespace } from "./k8s-pss-pod";
import { UNKNOWN } from "./unknowns";

/** check_capabilities_baseline.go: the container runtime's default set; anything beyond (NET_RAW, SYS_ADMIN...) is refused. */
export const BASELINE_CAPABILITIES: readonly string[] = [
    "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID",
    "SETPCAP", "SETUID", "SYS_CHROOT",
];

/** check_sysctls.go v1.37: sysctls namespaced per pod and isolated from other pods on the node. */
export const SAFE_SYSCTLS: readonly string[] = [
    "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
    "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem", "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat",
];

/** check_seLinuxOptions.go v1.31+: the container types of the SELinux policy (empty means the runtime's default). */
export const SELINUX_TYPES: readonly string[] = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

/** Seccomp and AppArmor profile types that keep a profile in force (check_seccompProfile_baseline.go, check_appArmorProfile.go). */
export const CONFINED_PROFILE_TYPES: readonly string[] = ["RuntimeDefault", "Localhost"];

const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

function isTrue(v: View): boolean {
    return v.bool() === true;
}

/** The pod's securityContext and each container's, for controls that read both. */
function securityContexts(spec: View): View[] {
    return [spec.at("securityContext"), ...podContainers(spec).map((c) => c.at("securityContext"))];
}

/** A profile type set to something other than RuntimeDefault/Localhost (unset is allowed at baseline). */
function unconfinedProfile(sc: View, field: "seccompProfile" | "appArmorProfile"): string | undefined {
    const type = sc.at(field, "type");
    const t = type.value();
    if (t === UNKNOWN || t === undefined || t === null) return undefined;
    if (typeof t === "string" && CONFINED_PROFILE_TYPES.includes(t)) return undefined;
    return `${type.path} is ${JSON.stringify(t)}; use "RuntimeDefault" (or "Localhost" with a profile)`;
}

export type HostNamespace = "hostNetwork" | "hostPID" | "hostIPC";

/** The pod sharing one of the node's namespaces (check_hostNamespaces.go, one part per field). */
export function hostNamespace(spec: View, field: HostNamespace): string[] {
    const v = spec.at(field);
    return isTrue(v) ? [`${v.path} is true (the node's own namespace); remove it`] : [];
}

export function privilegedContainers(spec: View): string[] {
    return podContainers(spec).map((c) => c.at("securityContext", "privileged")).filter(isTrue)
        .map((v) => `${v.path} is true (every device and capability of the node); remove it`);
}

/**
 * Containers adding a capability outside `allowed`, compared as written (the admission does not strip `CAP_` nor fold
 * case, so `CAP_NET_BIND_SERVICE` is refused where `NET_BIND_SERVICE` is not).
 */
export function addedCapabilities(spec: View, allowed: readonly string[], why: string): string[] {
    const out: string[] = [];
    for (const c of podContainers(spec)) {
        const add = c.at("securityContext", "capabilities", "add");
        const caps = strings(add);
        if (caps === UNKNOWN) continue;
        const extra = caps.filter((x): x is string => typeof x === "string" && !allowed.includes(x));
        if (extra.length > 0) out.push(`${add.path} adds ${extra.join(", ")}; ${why}`);
    }
    return out;
}

function capabilitiesBaseline({ spec }: PssPod): string[] {
    return addedCapabilities(spec, BASELINE_CAPABILITIES, "only the runtime's default set may be added, remove the rest");
}

export function hostPathVolumes(spec: View): string[] {
    const volumes = spec.at("volumes").list();
    if (volumes === UNKNOWN) return [];
    const out: string[] = [];
    for (const vol of volumes) {
        const hp = vol.at("hostPath").value();
        if (hp !== UNKNOWN && hp !== undefined && hp !== null) {
            out.push(`${vol.at("hostPath").path} mounts a node path; use emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim`);
        }
    }
    return out;
}

export function hostPorts(spec: View): string[] {
    const out: string[] = [];
    for (const c of podContainers(spec)) {
        const ports = c.at("ports").list();
        if (ports === UNKNOWN) continue;
        for (const p of ports) {
            const hostPort = p.at("hostPort").value();
            if (hostPort !== UNKNOWN && hostPort !== undefined && hostPort !== null && hostPort !== 0 && hostPort !== "0") {
                out.push(`${p.at("hostPort").path} is ${String(hostPort)}; remove it and expose the pod through a ClusterIP Service`);
            }
        }
    }
    return out;
}

function appArmorProfile({ metadata, spec }: PssPod): string[] {
    const out = securityContexts(spec).map((sc) => unconfinedProfile(sc, "appArmorProfile")).filter((m): m is string => m !== undefined);
    const annotations = metadata.at("annotations");
    const keys = annotations.keys();
    if (keys === UNKNOWN) return out;
    for (const key of keys.filter((k) => k.startsWith(APPARMOR_ANNOTATION))) {
        const v = annotations.at(key).str();
        if (v === UNKNOWN || v === undefined || v === "" || v === "runtime/default" || v.startsWith("localhost/")) continue;
        out.push(`${annotations.at(key).path} is "${v}"; use "runtime/default" or "localhost/<profile>" (or securityContext.appArmorProfile)`);
    }
    return out;
}

function seLinuxOptions({ spec }: PssPod): string[] {
    const out: string[] = [];
    for (const sc of securityContexts(spec)) {
        const opts = sc.at("seLinuxOptions");
        const type = opts.at("type").value();
        if (type !== UNKNOWN && type !== undefined && type !== null && !(typeof type === "string" && SELINUX_TYPES.includes(type))) {
            out.push(`${opts.at("type").path} is ${JSON.stringify(type)}; use container_t (or leave it unset)`);
        }
        for (const k of ["user", "role"]) {
            const v = opts.at(k).value();
            if (typeof v === "string" && v !== "") out.push(`${opts.at(k).path} is "${v}"; a custom SELinux ${k} may not be set, remove it`);
        }
    }
    return out;
}

/** Containers setting a procMount other than Default (unset is Default). Shared with the restricted control. */
export function unmaskedProcMounts(spec: View): string[] {
    const out: string[] = [];
    for (const c of podContainers(spec)) {
        const pm = c.at("securityContext", "procMount");
        const v = pm.value();
        if (v !== UNKNOWN && v !== undefined && v !== null && v !== "Default") {
            out.push(`${pm.path} is ${JSON.stringify(v)}, which unmasks the node's /proc; remove it (Default)`);
        }
    }
    return out;
}

function seccompProfileBaseline({ spec }: PssPod): string[] {
    return securityContexts(spec).map((sc) => unconfinedProfile(sc, "seccompProfile")).filter((m): m is string => m !== undefined);
}

function sysctls({ spec }: PssPod): string[] {
    const list = spec.at("securityContext", "sysctls").list();
    if (list === UNKNOWN) return [];
    const out: string[] = [];
    for (const s of list) {
        const name = s.at("name").value();
        if (name === UNKNOWN || (typeof name === "string" && SAFE_SYSCTLS.includes(name))) continue;
        out.push(`${s.at("name").path} is ${JSON.stringify(name)}, not a safe namespaced sysctl; remove it`);
    }
    return out;
}

export function windowsHostProcess(spec: View): string[] {
    return securityContexts(spec).map((sc) => sc.at("windowsOptions", "hostProcess")).filter(isTrue)
        .map((v) => `${v.path} is true (a process on the Windows node itself); remove it`);
}

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;
const HANDLERS = ["httpGet", "tcpSocket"] as const;

/** check_hostProbesAndhostLifecycle.go (1.34+): probes and lifecycle hooks may not name a host (the kubelet would connect there). */
function hostProbesAndHostLifecycle({ spec }: PssPod): string[] {
    const out: string[] = [];
    for (const c of podContainers(spec)) {
        const hooks = [...PROBES.map((p) => c.at(p)), c.at("lifecycle", "postStart"), c.at("lifecycle", "preStop")];
        for (const hook of hooks) {
            for (const h of HANDLERS) {
                const host = hook.at(h, "host");
                const v = host.value();
                if (typeof v === "string" && v !== "") out.push(`${host.path} is "${v}"; remove it (the kubelet probes the pod's own IP)`);
            }
        }
    }
    return out;
}

export const BASELINE_CONTROLS: readonly PssControl[] = [
    ...(["hostNetwork", "hostPID", "hostIPC"] as const).map((field): PssControl =>
        ({ id: "hostNamespaces", part: field, level: "baseline", check: ({ spec }) => hostNamespace(spec, field) })),
    { id: "privileged", level: "baseline", check: ({ spec }) => privilegedContainers(spec) },
    { id: "capabilities_baseline", level: "baseline", check: capabilitiesBaseline },
    { id: "hostPathVolumes", level: "baseline", check: ({ spec }) => hostPathVolumes(spec) },
    { id: "hostPorts", level: "baseline", check: ({ spec }) => hostPorts(spec) },
    { id: "appArmorProfile", level: "baseline", check: appArmorProfile },
    { id: "seLinuxOptions", level: "baseline", check: seLinuxOptions },
    { id: "procMount", level: "baseline", check: ({ spec }) => unlessUserNamespace(spec, unmaskedProcMounts(spec)) },
    { id: "seccompProfile_baseline", level: "baseline", check: seccompProfileBaseline },
    { id: "sysctls", level: "baseline", check: sysctls },
    { id: "windowsHostProcess", level: "baseline", check: ({ spec }) => windowsHostProcess(spec) },
    { id: "hostProbesAndHostLifecycle", level: "baseline", check: hostProbesAndHostLifecycle },
];
