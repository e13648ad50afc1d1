"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowGuardDutyAgentInterference = exports.GUARDDUTY_AGENT = exports.GUARDDUTY_NAMESPACE = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_helm_1 = require("../../lib/k8s-helm");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_namespaces_1 = require("../../lib/k8s-namespaces");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
/** Where the GuardDuty EKS Runtime Monitoring add-on runs its agent DaemonSet. */
exports.GUARDDUTY_NAMESPACE = "amazon-guardduty";
exports.GUARDDUTY_AGENT = "aws-guardduty-agent";
/**
 * The program leaves the GuardDuty runtime agent alone: the add-on owns its namespace and DaemonSet. Anything the
 * program puts there (a NetworkPolicy cutting the agent's egress, a DaemonSetPatch changing its image or node
 * selector, a ResourceQuota starving it, a look-alike) blinds the detection that would spot a miner.
 */
exports.disallowGuardDutyAgentInterference = (0, policy_1.resourcePolicy)({
    name: "disallow-guardduty-agent-interference",
    description: `No program creates or patches anything in the ${exports.GUARDDUTY_NAMESPACE} namespace (or the namespace itself), or any object `
        + `named ${exports.GUARDDUTY_AGENT}: the GuardDuty EKS add-on owns them, and tampering silences runtime threat detection.`,
    step: "evasion",
    severity: "high",
    remediationSteps: `Remove the resource. Configure the agent only through the aws.eks.Addon "${exports.GUARDDUTY_AGENT}" (configurationValues) `
        + "or GuardDuty's automated agent management.",
    url: k8s_meta_1.URLS.guardDutyAgent,
    framework: (0, frameworks_1.eksBestPractices)("runtime", "Use Amazon GuardDuty for runtime monitoring and detecting threats"),
    references: ["EKS-BP runtime: Use Amazon GuardDuty for runtime monitoring", "AWS Config guardduty-eks-protection-runtime-enabled"],
    types: [
        ...(0, k8s_1.k8sTypes)(...k8s_1.WORKLOAD_KINDS, "Namespace", "NetworkPolicy", "ConfigMap", "Secret", "Service", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"),
        ...k8s_1.HELM_TYPES,
    ],
    check: ({ args, reads, report }) => {
        const provider = (0, k8s_namespaces_1.providerView)(args, reads);
        if (k8s_1.HELM_TYPES.includes(args.type)) {
            if ((0, k8s_helm_1.helmNamespace)(k8s_1.View.root(reads, args.props), provider) === exports.GUARDDUTY_NAMESPACE) {
                report(`namespace is ${exports.GUARDDUTY_NAMESPACE}, which belongs to the GuardDuty runtime agent; install the chart elsewhere.`);
            }
            return;
        }
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const name = obj.view.at("metadata", "name").str();
            if (typeof name === "string" && name.startsWith(exports.GUARDDUTY_AGENT)) {
                report(`${(0, k8s_1.describe)(obj)}: metadata.name is ${name}, the GuardDuty runtime agent's; remove it (the add-on manages the agent).`);
                continue;
            }
            if (obj.kind === "Namespace") {
                if (name === exports.GUARDDUTY_NAMESPACE)
                    report(`Namespace ${name} belongs to the GuardDuty add-on; remove the resource.`);
                continue;
            }
            // Cluster-scoped kinds ignore metadata.namespace.
            if (obj.kind === "ClusterRole" || obj.kind === "ClusterRoleBinding")
                continue;
            const ns = (0, k8s_1.namespaceOf)(obj.view, provider);
            if (ns === unknowns_1.UNKNOWN || ns !== exports.GUARDDUTY_NAMESPACE)
                continue;
            report(`${(0, k8s_1.describe)(obj)}: metadata.namespace is ${exports.GUARDDUTY_NAMESPACE}, the GuardDuty runtime agent's namespace; remove the resource.`);
        }
    },
});
//# sourceMappingURL=disallow-guardduty-agent-interference.js.map