import { eksBestPractices } from "../../lib/frameworks";
import { HELM_TYPES, View, describe, k8sObjects, namespaceOf, parseK8sType } from "../../lib/k8s";
import { helmNamespace } from "../../lib/k8s-helm";
import { URLS } from "../../lib/k8s-meta";
import { providerView } from "../../lib/k8s-namespaces";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/** Where the GuardDuty EKS Runtime Monitoring add-on runs its agent DaemonSet. */
export const GUARDDUTY_NAMESPACE = "amazon-guardduty";
export const GUARDDUTY_AGENT = "aws-guardduty-agent";

const CLUSTER_SCOPED = new Set([
    "ClusterRole", "ClusterRoleBinding", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "PriorityClass", "StorageClass",
    "CustomResourceDefinition", "ClusterPolicy", "PersistentVolume", "Node", "IngressClass", "RuntimeClass",
]);

/**
 * The program leaves the GuardDuty runtime agent alone: the add-on owns its namespace and DaemonSet. Anything the
 * program puts there (a NetworkPolicy cutting the agent's egress, a DaemonSetPatch changing its image or node
 * selector, a ResourceQuota starving it, a look-alike) blinds the detection that would spot a miner.
 */
export const disallowGuardDutyAgentInterference = resourcePolicy({
    name: "disallow-guardduty-agent-interference",
    description: `No program creates or patches anything in the ${GUARDDUTY_NAMESPACE} namespace (or the namespace itself), or any object `
        + `named ${GUARDDUTY_AGENT}: the GuardDuty EKS add-on owns them, and tampering silences runtime threat detection.`,
    step: "evasion",
    severity: "high",
    remediationSteps: `Remove the resource. Configure the agent only through the aws.eks.Addon "${GUARDDUTY_AGENT}" (configurationValues) `
        + "or GuardDuty's automated agent management.",
    url: URLS.guardDutyAgent,
    framework: eksBestPractices("runtime", "Use Amazon GuardDuty for runtime monitoring and detecting threats"),
    references: ["EKS-BP runtime: Use Amazon GuardDuty for runtime monitoring", "AWS Config guardduty-eks-protection-runtime-enabled"],
    // Every Kubernetes kind: a ResourceQuota or LimitRange starves the agent as surely as a NetworkPolicy cuts it off.
    types: (t: string) => parseK8sType(t) !== undefined || HELM_TYPES.includes(t),
    check: ({ args, reads, report }) => {
        const provider = providerView(args, reads);
        if (HELM_TYPES.includes(args.type)) {
            if (helmNamespace(View.root(reads, args.props), provider) === GUARDDUTY_NAMESPACE) {
                report(`namespace is ${GUARDDUTY_NAMESPACE}, which belongs to the GuardDuty runtime agent; install the chart elsewhere.`);
            }
            return;
        }
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const name = obj.view.at("metadata", "name").str();
            if (typeof name === "string" && name.startsWith(GUARDDUTY_AGENT)) {
                report(`${describe(obj)}: metadata.name is ${name}, the GuardDuty runtime agent's; remove it (the add-on manages the agent).`);
                continue;
            }
            if (obj.kind === "Namespace") {
                if (name === GUARDDUTY_NAMESPACE) report(`Namespace ${name} belongs to the GuardDuty add-on; remove the resource.`);
                continue;
            }
            // Cluster-scoped kinds ignore metadata.namespace (admission configurations: disallow-guardduty-agent-admission-blocks).
            if (CLUSTER_SCOPED.has(obj.kind)) continue;
            const ns = namespaceOf(obj.view, provider);
            if (ns === UNKNOWN || ns !== GUARDDUTY_NAMESPACE) continue;
            report(`${describe(obj)}: metadata.namespace is ${GUARDDUTY_NAMESPACE}, the GuardDuty runtime agent's namespace; remove the resource.`);
        }
    },
});
