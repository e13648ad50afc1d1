"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireBucketOwnerEnforced = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const buckets_1 = require("../../lib/buckets");
const frameworks_1 = require("../../lib/frameworks");
const stack_1 = require("../../lib/stack");
const values_1 = require("../../lib/values");
/**
 * ACLs are disabled on every bucket (Object Ownership BucketOwnerEnforced), stated in the program rather than left
 * to the account's creation-time default, so no ACL (bucket or object) can ever grant access, and objects written
 * by other accounts still belong to the bucket owner.
 */
exports.requireBucketOwnerEnforced = (0, policy_1.stackPolicy)({
    name: "require-bucket-owner-enforced",
    description: "Every S3 bucket has aws.s3.BucketOwnershipControls with rule.objectOwnership \"BucketOwnerEnforced\" (ACLs disabled).",
    step: "s3",
    severity: "high",
    remediationSteps: "Add new aws.s3.BucketOwnershipControls(name, { bucket: bucket.bucket, rule: { objectOwnership: \"BucketOwnerEnforced\" } }) for every bucket, and remove any aws.s3.BucketAcl.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
    framework: (0, frameworks_1.checkov)("CKV2_AWS_65", "Ensure access control lists for S3 buckets are disabled"),
    references: ["CKV2_AWS_65"],
    check: ({ args, reads, report }) => {
        for (const bucket of (0, stack_1.ofType)(args.resources, aws_types_1.BUCKET_TYPES)) {
            const controls = (0, buckets_1.attachedTo)(bucket, args.resources, [aws_types_1.AWS.s3BucketOwnershipControls], reads);
            if (controls.resources.length === 0) {
                if (!controls.undecided)
                    report(bucket, "has no aws.s3.BucketOwnershipControls; add one with rule.objectOwnership \"BucketOwnerEnforced\" so ACLs are disabled");
                continue;
            }
            for (const c of controls.resources) {
                const rule = reads(c).get("rule", () => c.props.rule);
                if (rule === unknowns_1.UNKNOWN)
                    continue;
                const ownership = (0, values_1.isObject)(rule) ? reads(c).get("rule.objectOwnership", () => rule.objectOwnership) : undefined;
                if (ownership !== unknowns_1.UNKNOWN && ownership !== "BucketOwnerEnforced") {
                    report(c, `rule.objectOwnership is ${(0, values_1.show)(ownership)}, which keeps ACLs enabled on ${bucket.name}; set it to "BucketOwnerEnforced"`);
                }
            }
        }
    },
});
//# sourceMappingURL=require-bucket-owner-enforced.js.map