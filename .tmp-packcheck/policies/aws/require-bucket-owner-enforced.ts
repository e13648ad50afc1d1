import { stackPolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS, BUCKET_TYPES } from "../../lib/aws-types";
import { attachedTo } from "../../lib/buckets";
import { checkov } from "../../lib/frameworks";
import { ofType } from "../../lib/stack";
import { isObject, show } from "../../lib/values";

/**
 * ACLs are disabled on every bucket (Object Ownership BucketOwnerEnforced), stated in the program rather than left
 * to the account's creation-time default, so no ACL (bucket or object) can ever grant access, and objects written
 * by other accounts still belong to the bucket owner.
 */
export const requireBucketOwnerEnforced = stackPolicy({
    name: "require-bucket-owner-enforced",
    description: "Every S3 bucket has aws.s3.BucketOwnershipControls with rule.objectOwnership \"BucketOwnerEnforced\" (ACLs disabled).",
    step: "s3",
    severity: "high",
    remediationSteps: "Add new aws.s3.BucketOwnershipControls(name, { bucket: bucket.bucket, rule: { objectOwnership: \"BucketOwnerEnforced\" } }) for every bucket, and remove any aws.s3.BucketAcl.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
    framework: checkov("CKV2_AWS_65", "Ensure access control lists for S3 buckets are disabled"),
    references: ["CKV2_AWS_65"],
    check: ({ args, reads, report }) => {
        for (const bucket of ofType(args.resources, BUCKET_TYPES)) {
            const controls = attachedTo(bucket, args.resources, [AWS.s3BucketOwnershipControls], reads);
            if (controls.resources.length === 0) {
                if (!controls.undecided) report(bucket, "has no aws.s3.BucketOwnershipControls; add one with rule.objectOwnership \"BucketOwnerEnforced\" so ACLs are disabled");
                continue;
            }
            for (const c of controls.resources) {
                const rule = reads(c).get("rule", () => c.props.rule);
                if (rule === UNKNOWN) continue;
                const ownership = isObject(rule) ? reads(c).get("rule.objectOwnership", () => rule.objectOwnership) : undefined;
                if (ownership !== UNKNOWN && ownership !== "BucketOwnerEnforced") {
                    report(c, `rule.objectOwnership is ${show(ownership)}, which keeps ACLs enabled on ${bucket.name}; set it to "BucketOwnerEnforced"`);
                }
            }
        }
    },
});
