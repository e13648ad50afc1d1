"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireTlsOnlyBucketPolicy = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const buckets_1 = require("../../lib/buckets");
const frameworks_1 = require("../../lib/frameworks");
const iam_1 = require("../../lib/iam");
const resource_policies_1 = require("../../lib/resource-policies");
const stack_1 = require("../../lib/stack");
/**
 * Every bucket refuses plain-HTTP requests for everyone (Deny "*" when aws:SecureTransport is false), so
 * credentials and telemetry never cross a network in clear text and a downgrade attack gets nothing.
 */
exports.requireTlsOnlyBucketPolicy = (0, policy_1.stackPolicy)({
    name: "require-tls-only-bucket-policy",
    description: "Every S3 bucket has a bucket policy that denies all principals when aws:SecureTransport is false.",
    step: "s3",
    severity: "high",
    remediationSteps: "Give every bucket an aws.s3.BucketPolicy with { Effect: \"Deny\", Principal: \"*\", Action: \"s3:*\", Resource: [bucketArn, bucketArn + \"/*\"], Condition: { Bool: { \"aws:SecureTransport\": \"false\" } } } (secureTransportStatements in infra/data builds it).",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
    framework: (0, frameworks_1.cisAws)("2.1.1", "Ensure S3 Bucket Policy is set to deny HTTP requests"),
    references: ["CIS AWS 2.1.1", "AWS Config S3_BUCKET_SSL_REQUESTS_ONLY"],
    check: ({ args, reads, report }) => {
        for (const bucket of (0, stack_1.ofType)(args.resources, aws_types_1.BUCKET_TYPES)) {
            const policies = (0, buckets_1.attachedTo)(bucket, args.resources, [aws_types_1.AWS.s3BucketPolicy], reads);
            const holders = [...policies.resources];
            const inline = reads(bucket).get("policy", () => bucket.props.policy);
            if (inline !== unknowns_1.UNKNOWN && inline !== undefined && inline !== null && inline !== "")
                holders.push(bucket);
            if (holders.length === 0) {
                if (!policies.undecided && inline !== unknowns_1.UNKNOWN)
                    report(bucket, "has no bucket policy, so plain-HTTP requests are not refused; add an aws.s3.BucketPolicy that denies Principal \"*\" when aws:SecureTransport is false");
                continue;
            }
            let decided = false;
            let tls = false;
            for (const h of holders) {
                const raw = reads(h).get("policy", () => h.props.policy);
                if (raw === unknowns_1.UNKNOWN)
                    continue;
                decided = true;
                const doc = (0, iam_1.parsePolicyDocument)(raw);
                if (doc.statements?.some(resource_policies_1.isTlsOnlyDeny))
                    tls = true;
            }
            if (decided && !tls && !policies.undecided) {
                const target = policies.resources[0] ?? bucket;
                report(target, `policy has no statement denying Principal "*" when aws:SecureTransport is false for ${bucket.name}; add { Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }`);
            }
        }
    },
});
//# sourceMappingURL=require-tls-only-bucket-policy.js.map