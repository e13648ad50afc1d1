import { stackPolicy } from "../../lib/policy";
import { BUCKET_TYPES } from "../../lib/aws-types";
import { eksBestPractices } from "../../lib/frameworks";
import { detectorGroups, groupTarget } from "../../lib/guardduty";
import { ofType } from "../../lib/stack";

const S3 = "S3_DATA_EVENTS";

/**
 * GuardDuty S3 protection analyses the data events of the stack's buckets: reads with stolen node or pod credentials,
 * from unusual places, at unusual volume (Exfiltration:S3/*, UnauthorizedAccess:S3/*). Off, the telemetry read of the
 * Tesla breach raises nothing.
 */
export const requireGuardDutyS3Protection = stackPolicy({
    name: "require-guardduty-s3-protection",
    description: "Stacks with S3 buckets and a GuardDuty detector (or detector features) enable S3 protection (the S3_DATA_EVENTS "
        + "feature, or the legacy datasources.s3Logs): reads of the telemetry buckets with stolen credentials raise findings.",
    step: "evasion",
    severity: "high",
    remediationSteps: "Add aws.guardduty.DetectorFeature { detectorId: detector.id, name: \"S3_DATA_EVENTS\", status: \"ENABLED\" }.",
    url: "https://docs.aws.amazon.com/guardduty/latest/ug/s3-protection.html",
    framework: eksBestPractices("detective", "Use Amazon GuardDuty to detect threats"),
    references: ["AWS Config guardduty-s3-protection-enabled", "CKV2_AWS_3", "EKS-BP detective"],
    check: ({ args, reads, report }) => {
        if (ofType(args.resources, BUCKET_TYPES).length === 0) return;
        const { groups, undecided } = detectorGroups(args.resources, reads);
        if (undecided) return;
        for (const g of groups) {
            if (g.enabled.has(S3) || g.unknown) continue;
            const { resource, label } = groupTarget(g);
            report(resource, `${label} has no ENABLED ${S3} feature while the stack keeps S3 buckets, so reads of them with stolen `
                + `credentials raise no finding; add aws.guardduty.DetectorFeature with name "${S3}" and status "ENABLED".`);
        }
    },
});
