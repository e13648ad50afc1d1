import type { PolicyResource } from "@pulumi/policy";
import { AWS } from "../../lib/aws-types";
import { configWithDefaults } from "../../lib/config";
import { eksBestPractices } from "../../lib/frameworks";
import { shortExpirations } from "../../lib/lifecycle";
import { stackPolicy } from "../../lib/policy";
import { ofType, sources } from "../../lib/stack";
import { UNKNOWN } from "../../lib/unknowns";

const LIFECYCLE_TYPES = [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
];

/** How two resources name the same bucket: the literal name, or the bucket resource both were computed from. */
function bucketKeys(r: PolicyResource, prop: string, value: unknown): string[] {
    const keys = sources(r, prop).map((d) => `urn:${d.urn}`);
    if (typeof value === "string") keys.push(`name:${value}`);
    return keys;
}

/**
 * The trail's log bucket keeps logs at least as long as the configured minimum. A lifecycle rule that expires them
 * in a day lets an intruder wait out the evidence of the reads before anyone looks.
 */
export const requireTrailLogRetention = stackPolicy({
    name: "require-trail-log-retention",
    description: "The S3 bucket a CloudTrail trail delivers to expires current log objects no sooner than minimumRetentionDays "
        + "(default 365): no lifecycle rule deletes the record of a breach before it is investigated.",
    step: "evasion",
    severity: "high",
    remediationSteps: "In the trail bucket's aws.s3.BucketLifecycleConfiguration, set expiration.days to at least the minimum (or "
        + "transition logs to a colder storage class instead of expiring them).",
    url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html",
    framework: eksBestPractices("detective", "Audit your CloudTrail logs"),
    references: ["EKS-BP detective: Audit your CloudTrail logs", "CIS EKS 2.1.2"],
    configSchema: {
        properties: {
            minimumRetentionDays: { type: "integer", minimum: 1, default: 365, description: "Shortest allowed expiration of trail log objects, in days." },
        },
    },
    check: ({ args, reads, report }) => {
        const trails = ofType(args.resources, [AWS.cloudTrail]);
        if (trails.length === 0) return;
        const configured = configWithDefaults(args.getConfig(), { minimumRetentionDays: 365 as number }).minimumRetentionDays;
        const minimum = typeof configured === "number" && configured > 0 ? configured : 365;
        const trailBuckets = new Map<string, PolicyResource>();
        for (const t of trails) {
            const name = reads(t).get("s3BucketName", () => t.props.s3BucketName);
            for (const k of bucketKeys(t, "s3BucketName", name === UNKNOWN ? undefined : name)) trailBuckets.set(k, t);
        }
        for (const lc of ofType(args.resources, LIFECYCLE_TYPES)) {
            const bucket = reads(lc).get("bucket", () => lc.props.bucket);
            const trail = bucketKeys(lc, "bucket", bucket === UNKNOWN ? undefined : bucket).map((k) => trailBuckets.get(k)).find((x) => x);
            if (!trail) continue;
            const rules = reads(lc).snapshot("rules", () => lc.props.rules);
            if (rules === UNKNOWN) continue;
            const short = shortExpirations(rules, minimum);
            if (short.length === 0) continue;
            report(lc, `the bucket of trail ${trail.name} expires log objects after ${short.map(([id, d]) => `${d} day(s) (rule ${id})`).join(", ")}, `
                + `less than the ${minimum}-day minimum; raise expiration.days to at least ${minimum}.`);
        }
    },
});
