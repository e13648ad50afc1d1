"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireBucketPublicAccessBlock = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const buckets_1 = require("../../lib/buckets");
const frameworks_1 = require("../../lib/frameworks");
const stack_1 = require("../../lib/stack");
/**
 * Every bucket has its own S3 Block Public Access with all four settings on, so no later ACL or bucket policy can
 * make telemetry public, even if the account-level block is changed or the bucket moves to another account.
 */
exports.requireBucketPublicAccessBlock = (0, policy_1.stackPolicy)({
    name: "require-bucket-public-access-block",
    description: "Every S3 bucket has an aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
    step: "s3",
    severity: "critical",
    remediationSteps: "Add new aws.s3.BucketPublicAccessBlock(name, { bucket: bucket.bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }) for every bucket (PrivateBucket does this).",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    framework: (0, frameworks_1.checkov)("CKV2_AWS_6", "Ensure that S3 bucket has a Public Access block"),
    references: ["CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
    check: ({ args, reads, report }) => {
        for (const bucket of (0, stack_1.ofType)(args.resources, aws_types_1.BUCKET_TYPES)) {
            const blocks = (0, buckets_1.attachedTo)(bucket, args.resources, [aws_types_1.AWS.s3BucketPublicAccessBlock], reads);
            if (blocks.resources.length === 0) {
                if (!blocks.undecided)
                    report(bucket, "has no aws.s3.BucketPublicAccessBlock; add one with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true");
                continue;
            }
            let complete = false;
            const gaps = [];
            for (const b of blocks.resources) {
                const off = buckets_1.PUBLIC_ACCESS_BLOCK_FLAGS.filter((f) => {
                    const v = reads(b).get(f, () => b.props[f]);
                    return v !== unknowns_1.UNKNOWN && v !== true;
                });
                const unknown = buckets_1.PUBLIC_ACCESS_BLOCK_FLAGS.some((f) => reads(b).unknownPaths.includes(f));
                if (off.length === 0 && !unknown)
                    complete = true;
                if (off.length > 0)
                    gaps.push(`${b.name} leaves ${off.join(", ")} off`);
            }
            if (!complete && gaps.length > 0) {
                report(bucket, `its public access block ${gaps.join("; ")}; set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true`);
            }
        }
    },
});
//# sourceMappingURL=require-bucket-public-access-block.js.map