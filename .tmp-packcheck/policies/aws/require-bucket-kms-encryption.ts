import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/policy";
import { Reads, UNKNOWN } from "../../lib/unknowns";
import { BUCKET_LOGGING_TYPES, BUCKET_SSE_TYPES, BUCKET_TYPES } from "../../lib/aws-types";
import { attachedTo } from "../../lib/buckets";
import { eksBestPractices } from "../../lib/frameworks";
import { ofType, referrers } from "../../lib/stack";
import { hasValue, isObject } from "../../lib/values";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

type Encryption = "customer-kms" | "aws-managed-kms" | "sse-s3" | "none" | typeof UNKNOWN;

/** What one default-encryption rule gives (`rule` as in both the resource's `rules[i]` and the inline block). */
function ruleEncryption(rule: unknown, reads: Reads, at: string): Encryption {
    if (!isObject(rule)) return "none";
    const by = reads.get(`${at}.applyServerSideEncryptionByDefault`, () => rule.applyServerSideEncryptionByDefault);
    if (by === UNKNOWN) return UNKNOWN;
    if (!isObject(by)) return "none";
    const algorithm = reads.get(`${at}.applyServerSideEncryptionByDefault.sseAlgorithm`, () => by.sseAlgorithm);
    if (algorithm === UNKNOWN) return UNKNOWN;
    if (typeof algorithm === "string" && KMS_ALGORITHMS.includes(algorithm)) {
        return hasValue(by, "kmsMasterKeyId") ? "customer-kms" : "aws-managed-kms";
    }
    return algorithm === "AES256" ? "sse-s3" : "none";
}

function strongest(all: Encryption[]): Encryption {
    for (const e of ["customer-kms", "aws-managed-kms", "sse-s3"] as const) if (all.includes(e)) return e;
    return all.includes(UNKNOWN) ? UNKNOWN : "none";
}

/**
 * Every bucket encrypts by default with SSE-KMS under a customer key, so reading an object also needs kms:Decrypt
 * on that key (a second, separately granted permission, logged in CloudTrail) and not just s3:GetObject. Server
 * access log target buckets may use SSE-S3, the encryption S3 documents for log delivery.
 */
export const requireBucketKmsEncryption = stackPolicy({
    name: "require-bucket-kms-encryption",
    description: "Every S3 bucket has default encryption SSE-KMS (aws:kms or aws:kms:dsse) with a customer kmsMasterKeyId; server access log targets at least SSE-S3.",
    step: "s3",
    severity: "high",
    remediationSteps: "Add aws.s3.BucketServerSideEncryptionConfiguration(name, { bucket: bucket.bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] }) with a customer-managed key (CustomerKey), and grant kms:Decrypt only to the roles that read the data.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
    framework: eksBestPractices("data", "Encrypt data at rest"),
    references: ["EKS-BP data: Encrypt data at rest", "CKV_AWS_19", "CKV_AWS_145"],
    check: ({ args, reads, report }) => {
        for (const bucket of ofType(args.resources, BUCKET_TYPES)) {
            const found: Encryption[] = [];
            const configs = attachedTo(bucket, args.resources, BUCKET_SSE_TYPES, reads);
            for (const c of configs.resources) {
                const rules = reads(c).get("rules", () => c.props.rules);
                if (rules === UNKNOWN) found.push(UNKNOWN);
                else if (Array.isArray(rules)) rules.forEach((r, i) => found.push(ruleEncryption(r, reads(c), `rules[${i}]`)));
            }
            const inline = reads(bucket).get("serverSideEncryptionConfiguration", () => bucket.props.serverSideEncryptionConfiguration);
            if (inline === UNKNOWN) found.push(UNKNOWN);
            else if (isObject(inline)) found.push(ruleEncryption(inline.rule, reads(bucket), "serverSideEncryptionConfiguration.rule"));
            if (configs.undecided) found.push(UNKNOWN);

            const enc = strongest(found);
            if (enc === UNKNOWN || enc === "customer-kms") continue;
            const isLogTarget = referrers(args.resources, BUCKET_LOGGING_TYPES, "targetBucket", bucket).length > 0;
            if (isLogTarget && enc !== "none") continue;
            const target: PolicyResource = configs.resources[0] ?? bucket;
            const what = enc === "none" ? "has no default encryption" : enc === "sse-s3" ? "is encrypted with SSE-S3 (AES256), an AWS-owned key" : "uses aws:kms without kmsMasterKeyId (the AWS-managed aws/s3 key, usable by every principal with S3 access)";
            report(target, `${bucket.name} ${what}; set rules[0].applyServerSideEncryptionByDefault to { sseAlgorithm: "aws:kms", kmsMasterKeyId: <customer key ARN> }${isLogTarget ? " (or AES256 for a server access log target)" : ""}`);
        }
    },
});
