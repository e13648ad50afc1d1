"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowPublicBucketPolicy = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const iam_1 = require("../../lib/iam");
const resource_policies_1 = require("../../lib/resource-policies");
/**
 * Bucket policies never Allow "*" (or NotPrincipal) without a condition that pins the caller to a VPC endpoint,
 * organisation, account, principal or source. Deny statements for "*" (TLS-only, VPC-endpoint-only) are the
 * opposite and are fine.
 */
exports.disallowPublicBucketPolicy = (0, policy_1.resourcePolicy)({
    name: "disallow-public-bucket-policy",
    description: "S3 bucket policies do not Allow Principal \"*\" (or NotPrincipal) without a condition restricting the caller.",
    step: "s3",
    severity: "critical",
    remediationSteps: "In the bucket policy (aws.s3.BucketPolicy policy, or the inline policy of aws.s3.Bucket), replace Principal \"*\" in Allow statements with the exact role ARNs or service principals, or add a restricting condition such as aws:SourceVpce / aws:PrincipalOrgID / aws:SourceArn (not ...IfExists). Grant workloads access through their IAM roles.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
    framework: (0, frameworks_1.checkov)("CKV_AWS_70", "Ensure S3 bucket does not allow an action with any Principal"),
    references: ["CKV_AWS_70", "CKV2_AWS_43"],
    types: [aws_types_1.AWS.s3BucketPolicy, ...aws_types_1.BUCKET_TYPES],
    check: ({ args, reads, report }) => {
        const raw = reads.get("policy", () => args.props.policy);
        if (raw === unknowns_1.UNKNOWN || raw === undefined || raw === null || raw === "")
            return;
        const doc = (0, iam_1.parsePolicyDocument)(raw);
        if (doc.error !== undefined) {
            report(`policy ${doc.error}; write the bucket policy as a JSON document`);
            return;
        }
        doc.statements.forEach((s, i) => {
            const why = (0, resource_policies_1.openToAnyone)(s);
            if (why)
                report(`policy Statement[${i}]${s.sid ? ` (${s.sid})` : ""} ${why}; name the principals or add such a condition`);
        });
    },
});
//# sourceMappingURL=disallow-public-bucket-policy.js.map