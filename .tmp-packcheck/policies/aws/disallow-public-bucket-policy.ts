import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS, BUCKET_TYPES } from "../../lib/aws-types";
import { checkov } from "../../lib/frameworks";
import { parsePolicyDocument } from "../../lib/iam";
import { openToAnyone } from "../../lib/resource-policies";

/**
 * Bucket policies never Allow "*" (or NotPrincipal) without a condition that pins the caller to a VPC endpoint,
 * organisation, account, principal or source. Deny statements for "*" (TLS-only, VPC-endpoint-only) are the
 * opposite and are fine.
 */
export const disallowPublicBucketPolicy = resourcePolicy({
    name: "disallow-public-bucket-policy",
    description: "S3 bucket policies do not Allow Principal \"*\" (or NotPrincipal) without a condition restricting the caller.",
    step: "s3",
    severity: "critical",
    remediationSteps: "In the bucket policy (aws.s3.BucketPolicy policy, or the inline policy of aws.s3.Bucket), replace Principal \"*\" in Allow statements with the exact role ARNs or service principals, or add a restricting condition such as aws:SourceVpce / aws:PrincipalOrgID / aws:SourceArn (not ...IfExists). Grant workloads access through their IAM roles.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
    framework: checkov("CKV_AWS_70", "Ensure S3 bucket does not allow an action with any Principal"),
    references: ["CKV_AWS_70", "CKV2_AWS_43"],
    types: [AWS.s3BucketPolicy, ...BUCKET_TYPES],
    check: ({ args, reads, report }) => {
        const raw = reads.get("policy", () => args.props.policy);
        if (raw === UNKNOWN || raw === undefined || raw === null || raw === "") return;
        const doc = parsePolicyDocument(raw);
        if (doc.error !== undefined) {
            report(`policy ${doc.error}; write the bucket policy as a JSON document`);
            return;
        }
        doc.statements.forEach((s, i) => {
            const why = openToAnyone(s);
            if (why) report(`policy Statement[${i}]${s.sid ? ` (${s.sid})` : ""} ${why}; name the principals or add such a condition`);
        });
    },
});
