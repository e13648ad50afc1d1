import { AWS } from "../../lib/aws-types";
import { eksBestPractices } from "../../lib/frameworks";
import { resourcePolicy } from "../../lib/policy";
import { trailOmissions } from "../../lib/trail-selectors";
import { UNKNOWN } from "../../lib/unknowns";

/**
 * A trail whose selectors keep only writes, or leave out KMS, misses exactly what a credential thief does: reads
 * (listing and downloading telemetry objects) and decrypting them with the bucket's key.
 */
export const requireTrailReadAndKmsEvents = resourcePolicy({
    name: "require-trail-read-and-kms-events",
    description: "CloudTrail selectors keep read events (management and data) and KMS events: no readOnly=false or WriteOnly "
        + "selector, no management selector that leaves out kms.amazonaws.com, no trail without management events.",
    step: "evasion",
    severity: "high",
    remediationSteps: "Use advancedEventSelectors with one selector { eventCategory equals [\"Management\"] } (no readOnly, no eventSource "
        + "filter) and data selectors without readOnly; with basic eventSelectors use readWriteType \"All\", includeManagementEvents "
        + "true and no excludeManagementEventSources.",
    url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html",
    framework: eksBestPractices("detective", "Audit your CloudTrail logs"),
    references: ["EKS-BP detective: Audit your CloudTrail logs", "CIS AWS 3.8"],
    types: [AWS.cloudTrail],
    check: ({ reads, args, report }) => {
        const basic = reads.snapshot("eventSelectors", () => args.props.eventSelectors);
        const advanced = reads.snapshot("advancedEventSelectors", () => args.props.advancedEventSelectors);
        if (basic === UNKNOWN || advanced === UNKNOWN) return;
        const omissions = trailOmissions(basic, advanced);
        if (omissions.length > 0) report(`${omissions.join("; ")}; record reads and KMS events (a thief's reads and decrypts are the trace).`);
    },
});
