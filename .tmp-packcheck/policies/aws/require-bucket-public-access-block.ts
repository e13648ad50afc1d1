import { stackPolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS, BUCKET_TYPES } from "../../lib/aws-types";
import { PUBLIC_ACCESS_BLOCK_FLAGS, attachedTo } from "../../lib/buckets";
import { checkov } from "../../lib/frameworks";
import { ofType } from "../../lib/stack";

/**
 * Every bucket has its own S3 Block Public Access with all four settings on, so no later ACL or bucket policy can
 * make telemetry public, even if the account-level block is changed or the bucket moves to another account.
 */
export const requireBucketPublicAccessBlock = stackPolicy({
    name: "require-bucket-public-access-block",
    description: "Every S3 bucket has an aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
    step: "s3",
    severity: "critical",
    remediationSteps: "Add new aws.s3.BucketPublicAccessBlock(name, { bucket: bucket.bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }) for every bucket (PrivateBucket does this).",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    framework: checkov("CKV2_AWS_6", "Ensure that S3 bucket has a Public Access block"),
    references: ["CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
    check: ({ args, reads, report }) => {
        for (const bucket of ofType(args.resources, BUCKET_TYPES)) {
            const blocks = attachedTo(bucket, args.resources, [AWS.s3BucketPublicAccessBlock], reads);
            if (blocks.resources.length === 0) {
                if (!blocks.undecided) report(bucket, "has no aws.s3.BucketPublicAccessBlock; add one with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true");
                continue;
            }
            let complete = false;
            const gaps: string[] = [];
            for (const b of blocks.resources) {
                const off = PUBLIC_ACCESS_BLOCK_FLAGS.filter((f) => {
                    const v = reads(b).get(f, () => b.props[f]);
                    return v !== UNKNOWN && v !== true;
                });
                const unknown = PUBLIC_ACCESS_BLOCK_FLAGS.some((f) => reads(b).unknownPaths.includes(f));
                if (off.length === 0 && !unknown) complete = true;
                if (off.length > 0) gaps.push(`${b.name} leaves ${off.join(", ")} off`);
            }
            if (!complete && gaps.length > 0) {
                report(bucket, `its public access block ${gaps.join("; ")}; set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true`);
            }
        }
    },
});
