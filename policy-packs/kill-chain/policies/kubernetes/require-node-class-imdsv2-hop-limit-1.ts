import { eksBestPractices } from "../../lib/frameworks";
import { describe, k8sObjects, parseK8sType } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/** Karpenter's node class kinds, by API group; its nodes are launched from these instead of a launch template. */
export const NODE_CLASS_TYPES = ["v1", "v1beta1"].flatMap((v) => ["", "Patch", "List"].map((s) => `kubernetes:karpenter.k8s.aws/${v}:EC2NodeClass${s}`));

/**
 * Nodes Karpenter launches answer instance metadata under the node class's spec.metadataOptions, not a launch
 * template's: the same rule holds there. Unset options take Karpenter's defaults (httpTokens required, hop limit 1),
 * which are the safe ones; only a class that weakens them is refused.
 */
export const requireNodeClassImdsv2HopLimit1 = resourcePolicy({
    name: "require-node-class-imdsv2-hop-limit-1",
    description: "Karpenter EC2NodeClasses keep IMDSv2 with hop limit 1 (spec.metadataOptions httpTokens \"required\", httpPutResponseHopLimit 1, or the endpoint disabled), as launch templates must.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Remove spec.metadataOptions from the EC2NodeClass (Karpenter's defaults are httpTokens required and hop limit 1) or set { httpTokens: \"required\", httpPutResponseHopLimit: 1 }. Pods that need AWS access use IRSA or Pod Identity, not the node's metadata.",
    url: "https://karpenter.sh/docs/concepts/nodeclasses/#specmetadataoptions",
    framework: eksBestPractices("iam", "Restrict access to the instance profile assigned to the worker node"),
    references: ["EKS-BP iam: Restrict access to the instance profile assigned to the worker node", "CKV_AWS_79", "CKV_AWS_341"],
    types: NODE_CLASS_TYPES,
    check: ({ args, reads, report }) => {
        if (parseK8sType(args.type)?.kind !== "EC2NodeClass") return;
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const md = obj.view.at("spec", "metadataOptions");
            const endpoint = md.at("httpEndpoint").str();
            if (endpoint === "disabled") continue;
            const tokens = md.at("httpTokens").str();
            const hop = md.at("httpPutResponseHopLimit").value();
            if (tokens !== UNKNOWN && tokens !== undefined && tokens !== "required") {
                report(`${describe(obj, false)}: ${md.at("httpTokens").path} is "${tokens}", which lets pods fetch the node role's credentials with IMDSv1; set it to "required".`);
            }
            if (hop !== UNKNOWN && hop !== undefined && Number(hop) !== 1) {
                report(`${describe(obj, false)}: ${md.at("httpPutResponseHopLimit").path} is ${JSON.stringify(hop)}, which lets pods one hop away reach the node role's credentials; set it to 1.`);
            }
        }
    },
});
