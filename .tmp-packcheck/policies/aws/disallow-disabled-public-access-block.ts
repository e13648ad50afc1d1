import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { checkov } from "../../lib/frameworks";
import { PUBLIC_ACCESS_BLOCK_FLAGS } from "../../lib/buckets";

/**
 * A public access block with a setting off (or unset: the provider default is false) is the quiet way to make a
 * bucket public while still "having" a public access block.
 */
export const disallowDisabledPublicAccessBlock = resourcePolicy({
    name: "disallow-disabled-public-access-block",
    description: "Bucket and account public access blocks have all four settings true (unset counts as false, the provider default).",
    step: "s3",
    severity: "critical",
    remediationSteps: "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true on every aws.s3.BucketPublicAccessBlock and on the aws.s3.AccountPublicAccessBlock. Share data through IAM roles or access points, never by making a bucket public.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    framework: checkov("CKV_AWS_53", "Ensure S3 bucket has block public ACLs enabled"),
    references: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV_AWS_34"],
    types: [AWS.s3BucketPublicAccessBlock, AWS.s3AccountPublicAccessBlock],
    check: ({ args, reads, report }) => {
        const off: string[] = [];
        for (const f of PUBLIC_ACCESS_BLOCK_FLAGS) {
            const v = reads.get(f, () => args.props[f]);
            if (v !== UNKNOWN && v !== true) off.push(`${f} is ${v === undefined ? "unset (false)" : String(v)}`);
        }
        if (off.length > 0) report(`${off.join(", ")}; set all four of blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true`);
    },
});
