import { configWithDefaults } from "../../lib/config";
import { cisEks } from "../../lib/frameworks";
import { describe } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { PSS_LEVELS, PssLevel, evaluatePodSecurity } from "../../lib/k8s-pss";
import { OWNED_PARTS, ownershipSummary } from "../../lib/k8s-pss-owners";
import { declaredPods } from "../../lib/k8s-pss-pod";
import { mayHoldPodSpec } from "../../lib/k8s-workloads";
import { resourcePolicy } from "../../lib/policy";

/**
 * The Pod Security Standard judged at preview, on every object that holds a pod spec, so a pod the API server's
 * admission would reject half-way through `pulumi up` (or, in a namespace without the enforce label, would admit)
 * is refused before anything is deployed. Same controls, exemptions and ids as Pod Security Admission. The parts a
 * dedicated policy reports (PSS_OWNERS) are left to it, so a privileged container is one finding, not two.
 */
export const enforcePodSecurityStandard = resourcePolicy({
    name: "enforce-pod-security-standard",
    description: "Every pod spec the program declares (Pods, every workload kind and CronJob, their Patch and List forms, and pod "
        + "templates inside custom resources such as an OpenShift DeploymentConfig, an Argo Rollout or a Knative Service) meets the "
        + "restricted Pod Security Standard (or the configured level), control by control as Pod Security Admission v1.37 checks it, "
        + "with the standard's exemptions (Windows pods, user-namespaced pods); each failure names the control. Controls a dedicated "
        + `policy reports on the same objects are left to it, so each fact is reported once: ${ownershipSummary()}.`,
    step: "mining",
    severity: "critical",
    remediationSteps: "Fix each named field: in the pod securityContext set runAsNonRoot: true and seccompProfile.type: RuntimeDefault; in "
        + "every container set capabilities.drop: [\"ALL\"]; no uid 0, probe or lifecycle hosts, unmasked procMount, unsafe sysctls, "
        + "custom SELinux or unconfined AppArmor/seccomp; volumes only configMap, csi, downwardAPI, emptyDir, ephemeral, image, "
        + "persistentVolumeClaim, projected or secret. Host namespaces, paths and ports, privileged mode, privilege escalation and "
        + "added capabilities are fixed as their own policies say.",
    url: URLS.pss,
    framework: cisEks("4.2", "Pod Security Standards: apply restricted to every workload"),
    references: ["CIS EKS 4.2.1-4.2.5", "EKS-BP pods: Pod Security Standards (PSS) and Pod Security Admission (PSA)", "PSS restricted",
        "PSS baseline", "kyverno podsecurity-subrule-restricted", "pod-security-admission policy v1.37"],
    configSchema: {
        properties: {
            level: {
                type: "string",
                enum: [...PSS_LEVELS],
                default: "restricted",
                description: "The Pod Security Standard level every pod spec must meet: restricted (default) or baseline.",
            },
        },
    },
    types: mayHoldPodSpec,
    check: ({ args, reads, report }) => {
        const configured = configWithDefaults(args.getConfig(), { level: "restricted" as string }).level;
        // Fail closed: a level the schema should have refused means the strictest one.
        const level: PssLevel = (PSS_LEVELS as readonly string[]).includes(configured) ? configured as PssLevel : "restricted";
        for (const { obj, pod } of declaredPods(args.type, reads, args.props)) {
            const findings = evaluatePodSecurity(pod, level, OWNED_PARTS);
            if (findings.length === 0) continue;
            report(`${describe(obj)} violates the ${level} Pod Security Standard: `
                + `${findings.map((f) => `[${f.control}] ${f.message}`).join("; ")}.`);
        }
    },
});
