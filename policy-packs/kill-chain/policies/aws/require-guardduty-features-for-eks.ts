import { stackPolicy } from "../../lib/policy";
import { AWS } from "../../lib/aws-types";
import { eksBestPractices } from "../../lib/frameworks";
import { detectorGroups, groupTarget } from "../../lib/guardduty";
import { ofType } from "../../lib/stack";

const AUDIT = "EKS_AUDIT_LOGS";
const RUNTIME = ["RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"];

/**
 * A stack that runs an EKS cluster and manages GuardDuty (a detector, or features of an existing detector) turns on
 * both EKS protections: EKS audit-log monitoring and runtime monitoring. Features are joined to their detector
 * through propertyDependencies.detectorId, or by a literal detector id when the detector lives elsewhere.
 */
export const requireGuardDutyFeaturesForEks = stackPolicy({
    name: "require-guardduty-features-for-eks",
    description: "Stacks with an EKS cluster and a GuardDuty detector (or detector features) enable the EKS_AUDIT_LOGS and RUNTIME_MONITORING features.",
    step: "evasion",
    severity: "high",
    remediationSteps: "For the detector, add aws.guardduty.DetectorFeature(name, { detectorId: detector.id, name: \"EKS_AUDIT_LOGS\", status: \"ENABLED\" }) and one for \"RUNTIME_MONITORING\" with additionalConfigurations [{ name: \"EKS_ADDON_MANAGEMENT\", status: \"ENABLED\" }].",
    url: "https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html",
    framework: eksBestPractices("runtime", "Use Amazon GuardDuty for runtime monitoring and detecting threats"),
    references: ["EKS-BP runtime: Use Amazon GuardDuty for runtime monitoring and detecting threats", "EKS-BP detective: Enable audit logs", "CKV2_AWS_3"],
    check: ({ args, reads, report }) => {
        if (ofType(args.resources, [AWS.eksCluster]).length === 0) return;
        const { groups, undecided } = detectorGroups(args.resources, reads);
        if (undecided) return;
        for (const g of groups) {
            if (g.unknown) continue;
            const missing: string[] = [];
            if (!g.enabled.has(AUDIT)) missing.push(AUDIT);
            if (!RUNTIME.some((r) => g.enabled.has(r))) missing.push("RUNTIME_MONITORING");
            if (missing.length === 0) continue;
            const { resource, label } = groupTarget(g);
            report(resource, `${label} has no ENABLED ${missing.join(" or ")} feature while the stack runs an EKS cluster; add aws.guardduty.DetectorFeature with name ${missing.map((m) => `"${m}"`).join(" / ")} and status "ENABLED"`);
        }
    },
});
