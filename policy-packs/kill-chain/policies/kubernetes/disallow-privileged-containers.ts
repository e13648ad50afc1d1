import { cisEks } from "../../lib/frameworks";
import { HELM_TYPES, K8sObject, View, WORKLOAD_KINDS, describe, k8sObjects, k8sTypes, strings } from "../../lib/k8s";
import { enabledHelmValues } from "../../lib/k8s-helm";
import { URLS } from "../../lib/k8s-meta";
import { unlessWindows } from "../../lib/k8s-pss-pod";
import { containersOf, podTemplateOf } from "../../lib/k8s-workloads";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/** The one capability the restricted Pod Security Standard lets a container add. */
export const ALLOWED_ADDED_CAPABILITIES: readonly string[] = ["NET_BIND_SERVICE"];

/** `CAP_SYS_ADMIN`, `sys_admin` -> `SYS_ADMIN`. */
export function normalizeCapability(c: string): string {
    return c.trim().toUpperCase().replace(/^CAP_/, "");
}

function containerFindings(obj: K8sObject, pod: View, c: View): string[] {
    const out: string[] = [];
    const sc = c.at("securityContext");
    if (sc.at("privileged").bool() === true) out.push(`${sc.at("privileged").path} is true (every device and capability of the host); remove it`);
    const ape = sc.at("allowPrivilegeEscalation");
    const escalation = ape.bool();
    if (escalation === true) out.push(`${ape.path} is true; set it to false`);
    // Unset means true for a Linux process (setuid binaries gain root); a patch owns only what it sets. Windows has no
    // setuid, and the standard requires the field unset there (pod-security-admission check_allowPrivilegeEscalation.go).
    else if (escalation === undefined && !obj.patch) {
        out.push(...unlessWindows(pod, [`${ape.path} is unset, which lets setuid binaries gain root; set it to false`]));
    }
    const added = strings(sc.at("capabilities", "add"));
    if (added !== UNKNOWN) {
        const extra = added.filter((a): a is string => typeof a === "string" && !ALLOWED_ADDED_CAPABILITIES.includes(normalizeCapability(a)));
        if (extra.length > 0) out.push(`${sc.at("capabilities", "add").path} adds ${extra.join(", ")}; only NET_BIND_SERVICE may be added`);
    }
    const hostProcess = sc.at("windowsOptions", "hostProcess");
    if (hostProcess.bool() === true) out.push(`${hostProcess.path} is true (a Windows host process); remove it`);
    return out;
}

/** No privileged container, privilege escalation, extra capability or Windows host process. */
export const disallowPrivilegedContainers = resourcePolicy({
    name: "disallow-privileged-containers",
    description: "No container (init and ephemeral included) is privileged, allows privilege escalation (unset counts: restricted "
        + "requires false), adds a capability other than NET_BIND_SERVICE, or runs as a Windows host process; Helm values that set "
        + "privileged or allowPrivilegeEscalation true are refused too.",
    step: "mining",
    severity: "critical",
    remediationSteps: "In every container's securityContext set privileged: false (or leave it unset), allowPrivilegeEscalation: false, "
        + "capabilities: { drop: [\"ALL\"] } and add nothing but NET_BIND_SERVICE; remove windowsOptions.hostProcess.",
    url: URLS.pods,
    framework: cisEks("4.2.1", "Minimize the admission of privileged containers (and 4.2.5 allowPrivilegeEscalation)"),
    references: ["CIS EKS 4.2.1", "CIS EKS 4.2.5", "EKS-BP pods: Restrict the containers that can run as privileged", "CKV_K8S_16",
        "CKV_K8S_20", "CKV_K8S_25", "CKV_K8S_37", "kyverno disallow-privileged-containers", "PSS restricted"],
    types: [...k8sTypes(...WORKLOAD_KINDS), ...HELM_TYPES],
    check: ({ args, reads, report }) => {
        if (HELM_TYPES.includes(args.type)) {
            for (const leaf of enabledHelmValues(View.root(reads, args.props), ["privileged", "allowPrivilegeEscalation"])) {
                report(`${leaf.view.path} is true: the chart's containers would run with host-level privileges; set it to false.`);
            }
            return;
        }
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const pod = podTemplateOf(obj);
            if (!pod) continue;
            const findings = containersOf(pod.spec).flatMap((c) => containerFindings(obj, pod.spec, c));
            const hostProcess = pod.spec.at("securityContext", "windowsOptions", "hostProcess");
            if (hostProcess.bool() === true) findings.push(`${hostProcess.path} is true (a Windows host process); remove it`);
            if (findings.length > 0) report(`${describe(obj)}: ${findings.join("; ")}.`);
        }
    },
});
