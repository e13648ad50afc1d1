import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS, BUCKET_TYPES } from "../../lib/aws-types";
import { attachedTo } from "../../lib/buckets";
import { cisAws } from "../../lib/frameworks";
import { parsePolicyDocument } from "../../lib/iam";
import { isTlsOnlyDeny } from "../../lib/resource-policies";
import { ofType } from "../../lib/stack";

/**
 * Every bucket refuses plain-HTTP requests for everyone (Deny "*" when aws:SecureTransport is false), so
 * credentials and telemetry never cross a network in clear text and a downgrade attack gets nothing.
 */
export const requireTlsOnlyBucketPolicy = stackPolicy({
    name: "require-tls-only-bucket-policy",
    description: "Every S3 bucket has a bucket policy that denies all principals when aws:SecureTransport is false.",
    step: "s3",
    severity: "high",
    remediationSteps: "Give every bucket an aws.s3.BucketPolicy with { Effect: \"Deny\", Principal: \"*\", Action: \"s3:*\", Resource: [bucketArn, bucketArn + \"/*\"], Condition: { Bool: { \"aws:SecureTransport\": \"false\" } } } (secureTransportStatements in infra/data builds it).",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
    framework: cisAws("2.1.1", "Ensure S3 Bucket Policy is set to deny HTTP requests"),
    references: ["CIS AWS 2.1.1", "AWS Config S3_BUCKET_SSL_REQUESTS_ONLY"],
    check: ({ args, reads, report }) => {
        for (const bucket of ofType(args.resources, BUCKET_TYPES)) {
            const policies = attachedTo(bucket, args.resources, [AWS.s3BucketPolicy], reads);
            const holders: PolicyResource[] = [...policies.resources];
            const inline = reads(bucket).get("policy", () => bucket.props.policy);
            if (inline !== UNKNOWN && inline !== undefined && inline !== null && inline !== "") holders.push(bucket);
            if (holders.length === 0) {
                if (!policies.undecided && inline !== UNKNOWN) report(bucket, "has no bucket policy, so plain-HTTP requests are not refused; add an aws.s3.BucketPolicy that denies Principal \"*\" when aws:SecureTransport is false");
                continue;
            }
            let decided = false;
            let tls = false;
            for (const h of holders) {
                const raw = reads(h).get("policy", () => h.props.policy);
                if (raw === UNKNOWN) continue;
                decided = true;
                const doc = parsePolicyDocument(raw);
                if (doc.statements?.some(isTlsOnlyDeny)) tls = true;
            }
            if (decided && !tls && !policies.undecided) {
                const target = policies.resources[0] ?? bucket;
                report(target, `policy has no statement denying Principal "*" when aws:SecureTransport is false for ${bucket.name}; add { Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }`);
            }
        }
    },
});
