import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { BUCKET_ACL_TYPES, BUCKET_OBJECT_TYPES, BUCKET_TYPES } from "../../lib/aws-types";
import { checkov } from "../../lib/frameworks";
import { isObject } from "../../lib/values";

/** Canned ACLs that grant everyone, or every AWS customer, access. */
export const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];
/** Grantee groups that mean "anyone" and "any AWS account". */
const PUBLIC_GRANTEE = /\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;

/**
 * No bucket or object is shared through an ACL with AllUsers or AuthenticatedUsers ("any AWS account", which is
 * anyone with a free account). Whichever resource sets it: bucket ACL resources, inline bucket ACLs or grants,
 * object ACLs.
 */
export const disallowPublicBucketAcls = resourcePolicy({
    name: "disallow-public-bucket-acls",
    description: "S3 buckets and objects get no public canned ACL (public-read, public-read-write, authenticated-read) and no grant to AllUsers or AuthenticatedUsers.",
    step: "s3",
    severity: "critical",
    remediationSteps: "Remove acl / accessControlPolicy grants to AllUsers or AuthenticatedUsers (aws.s3.BucketAcl, inline acl/grants on aws.s3.Bucket, acl on aws.s3.BucketObjectv2). Disable ACLs altogether with aws.s3.BucketOwnershipControls objectOwnership \"BucketOwnerEnforced\" and grant access with IAM.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
    framework: checkov("CKV_AWS_20", "S3 Bucket has an ACL defined which allows public READ access"),
    references: ["CKV_AWS_20", "CKV_AWS_57", "CKV2_AWS_65"],
    types: [...BUCKET_ACL_TYPES, ...BUCKET_TYPES, ...BUCKET_OBJECT_TYPES],
    check: ({ args, reads, report }) => {
        const p = args.props;
        const acl = reads.get("acl", () => p.acl);
        if (acl !== UNKNOWN && typeof acl === "string" && PUBLIC_CANNED_ACLS.includes(acl)) {
            report(`acl is "${acl}", which makes it readable${acl === "public-read-write" ? " and writable" : ""} by ${acl === "authenticated-read" ? "any AWS account" : "anyone"}; remove it and disable ACLs with BucketOwnershipControls BucketOwnerEnforced`);
        }
        const checkGrants = (field: string, grants: unknown, uriOf: (g: Record<string, unknown>, i: number) => unknown) => {
            if (!Array.isArray(grants)) return;
            grants.forEach((g, i) => {
                if (!isObject(g)) return;
                const uri = uriOf(g, i);
                if (typeof uri === "string" && PUBLIC_GRANTEE.test(uri)) {
                    report(`${field}[${i}] grants ${uri.replace(/.*\//, "")}; remove the grant and use IAM for access`);
                }
            });
        };
        if (BUCKET_ACL_TYPES.includes(args.type as (typeof BUCKET_ACL_TYPES)[number])) {
            const policy = reads.get("accessControlPolicy", () => p.accessControlPolicy);
            if (isObject(policy)) {
                const grants = reads.get("accessControlPolicy.grants", () => policy.grants);
                checkGrants("accessControlPolicy.grants", grants, (g, i) =>
                    reads.get(`accessControlPolicy.grants[${i}].grantee.uri`, () => (g.grantee as Record<string, unknown> | undefined)?.uri));
            }
        } else if (BUCKET_TYPES.includes(args.type as (typeof BUCKET_TYPES)[number])) {
            const grants = reads.get("grants", () => p.grants);
            checkGrants("grants", grants, (g, i) => reads.get(`grants[${i}].uri`, () => g.uri));
        }
    },
});
