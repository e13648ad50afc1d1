import { stackPolicy } from "../../lib/policy";
import { AWS } from "../../lib/aws-types";
import { eksBestPractices } from "../../lib/frameworks";
import { detectorGroups, groupTarget } from "../../lib/guardduty";
import { ofType } from "../../lib/stack";
import { UNKNOWN } from "../../lib/unknowns";

const RUNTIME = ["RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"];
const ADDON = "aws:eks/addon:Addon";
export const GUARDDUTY_AGENT_ADDON = "aws-guardduty-agent";

/**
 * Runtime monitoring on, but no agent on the nodes, reports nothing: GuardDuty sees processes only through its
 * security agent. Either GuardDuty manages the agent (EKS_ADDON_MANAGEMENT) or the stack installs the add-on itself.
 */
export const requireGuardDutyRuntimeAgent = stackPolicy({
    name: "require-guardduty-runtime-agent",
    description: "Where a stack enables GuardDuty runtime monitoring for an EKS cluster, the security agent reaches the nodes: the "
        + "runtime feature has EKS_ADDON_MANAGEMENT ENABLED, or the stack installs the aws-guardduty-agent EKS add-on.",
    step: "evasion",
    severity: "high",
    remediationSteps: "On the RUNTIME_MONITORING aws.guardduty.DetectorFeature set additionalConfigurations [{ name: "
        + "\"EKS_ADDON_MANAGEMENT\", status: \"ENABLED\" }], or add aws.eks.Addon { addonName: \"aws-guardduty-agent\" } for the cluster.",
    url: "https://docs.aws.amazon.com/guardduty/latest/ug/how-runtime-monitoring-works-eks.html",
    framework: eksBestPractices("runtime", "Use Amazon GuardDuty for runtime monitoring and detecting threats"),
    references: ["EKS-BP runtime: Use Amazon GuardDuty for runtime monitoring", "AWS Config guardduty-eks-protection-runtime-enabled"],
    check: ({ args, reads, report }) => {
        if (ofType(args.resources, [AWS.eksCluster]).length === 0) return;
        const { groups, undecided } = detectorGroups(args.resources, reads);
        if (undecided) return;
        let addonInstalled: boolean | typeof UNKNOWN = false;
        for (const a of ofType(args.resources, [ADDON])) {
            const name = reads(a).get("addonName", () => a.props.addonName);
            if (name === GUARDDUTY_AGENT_ADDON) addonInstalled = true;
            else if (name === UNKNOWN && addonInstalled === false) addonInstalled = UNKNOWN;
        }
        if (addonInstalled === true) return;
        for (const g of groups) {
            const runtime = RUNTIME.filter((r) => g.enabled.has(r));
            if (runtime.length === 0 || runtime.some((r) => g.enabledConfigs.has(`${r}/EKS_ADDON_MANAGEMENT`))) continue;
            if (g.unknown || addonInstalled === UNKNOWN) continue;
            const { resource, label } = groupTarget(g);
            report(resource, `${label} enables ${runtime.join(", ")} without EKS_ADDON_MANAGEMENT and the stack installs no `
                + `${GUARDDUTY_AGENT_ADDON} add-on: no agent runs on the nodes, so miners and their processes raise no finding; `
                + "enable EKS_ADDON_MANAGEMENT in additionalConfigurations or add the add-on.");
        }
    },
});
