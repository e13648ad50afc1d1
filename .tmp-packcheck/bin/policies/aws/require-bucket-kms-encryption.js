"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireBucketKmsEncryption = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const buckets_1 = require("../../lib/buckets");
const frameworks_1 = require("../../lib/frameworks");
const stack_1 = require("../../lib/stack");
const values_1 = require("../../lib/values");
const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];
/** What one default-encryption rule gives (`rule` as in both the resource's `rules[i]` and the inline block). */
function ruleEncryption(rule, reads, at) {
    if (!(0, values_1.isObject)(rule))
        return "none";
    const by = reads.get(`${at}.applyServerSideEncryptionByDefault`, () => rule.applyServerSideEncryptionByDefault);
    if (by === unknowns_1.UNKNOWN)
        return unknowns_1.UNKNOWN;
    if (!(0, values_1.isObject)(by))
        return "none";
    const algorithm = reads.get(`${at}.applyServerSideEncryptionByDefault.sseAlgorithm`, () => by.sseAlgorithm);
    if (algorithm === unknowns_1.UNKNOWN)
        return unknowns_1.UNKNOWN;
    if (typeof algorithm === "string" && KMS_ALGORITHMS.includes(algorithm)) {
        return (0, values_1.hasValue)(by, "kmsMasterKeyId") ? "customer-kms" : "aws-managed-kms";
    }
    return algorithm === "AES256" ? "sse-s3" : "none";
}
function strongest(all) {
    for (const e of ["customer-kms", "aws-managed-kms", "sse-s3"])
        if (all.includes(e))
            return e;
    return all.includes(unknowns_1.UNKNOWN) ? unknowns_1.UNKNOWN : "none";
}
/**
 * Every bucket encrypts by default with SSE-KMS under a customer key, so reading an object also needs kms:Decrypt
 * on that key (a second, separately granted permission, logged in CloudTrail) and not just s3:GetObject. Server
 * access log target buckets may use SSE-S3, the encryption S3 documents for log delivery.
 */
exports.requireBucketKmsEncryption = (0, policy_1.stackPolicy)({
    name: "require-bucket-kms-encryption",
    description: "Every S3 bucket has default encryption SSE-KMS (aws:kms or aws:kms:dsse) with a customer kmsMasterKeyId; server access log targets at least SSE-S3.",
    step: "s3",
    severity: "high",
    remediationSteps: "Add aws.s3.BucketServerSideEncryptionConfiguration(name, { bucket: bucket.bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] }) with a customer-managed key (CustomerKey), and grant kms:Decrypt only to the roles that read the data.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
    framework: (0, frameworks_1.eksBestPractices)("data", "Encrypt data at rest"),
    references: ["EKS-BP data: Encrypt data at rest", "CKV_AWS_19", "CKV_AWS_145"],
    check: ({ args, reads, report }) => {
        for (const bucket of (0, stack_1.ofType)(args.resources, aws_types_1.BUCKET_TYPES)) {
            const found = [];
            const configs = (0, buckets_1.attachedTo)(bucket, args.resources, aws_types_1.BUCKET_SSE_TYPES, reads);
            for (const c of configs.resources) {
                const rules = reads(c).get("rules", () => c.props.rules);
                if (rules === unknowns_1.UNKNOWN)
                    found.push(unknowns_1.UNKNOWN);
                else if (Array.isArray(rules))
                    rules.forEach((r, i) => found.push(ruleEncryption(r, reads(c), `rules[${i}]`)));
            }
            const inline = reads(bucket).get("serverSideEncryptionConfiguration", () => bucket.props.serverSideEncryptionConfiguration);
            if (inline === unknowns_1.UNKNOWN)
                found.push(unknowns_1.UNKNOWN);
            else if ((0, values_1.isObject)(inline))
                found.push(ruleEncryption(inline.rule, reads(bucket), "serverSideEncryptionConfiguration.rule"));
            if (configs.undecided)
                found.push(unknowns_1.UNKNOWN);
            const enc = strongest(found);
            if (enc === unknowns_1.UNKNOWN || enc === "customer-kms")
                continue;
            const isLogTarget = (0, stack_1.referrers)(args.resources, aws_types_1.BUCKET_LOGGING_TYPES, "targetBucket", bucket).length > 0;
            if (isLogTarget && enc !== "none")
                continue;
            const target = configs.resources[0] ?? bucket;
            const what = enc === "none" ? "has no default encryption" : enc === "sse-s3" ? "is encrypted with SSE-S3 (AES256), an AWS-owned key" : "uses aws:kms without kmsMasterKeyId (the AWS-managed aws/s3 key, usable by every principal with S3 access)";
            report(target, `${bucket.name} ${what}; set rules[0].applyServerSideEncryptionByDefault to { sseAlgorithm: "aws:kms", kmsMasterKeyId: <customer key ARN> }${isLogTarget ? " (or AES256 for a server access log target)" : ""}`);
        }
    },
});
//# sourceMappingURL=require-bucket-kms-encryption.js.map