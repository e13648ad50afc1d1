"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowPublicBucketAcls = exports.PUBLIC_CANNED_ACLS = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/** Canned ACLs that grant everyone, or every AWS customer, access. */
exports.PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];
/** Grantee groups that mean "anyone" and "any AWS account". */
const PUBLIC_GRANTEE = /\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;
/**
 * No bucket or object is shared through an ACL with AllUsers or AuthenticatedUsers ("any AWS account", which is
 * anyone with a free account). Whichever resource sets it: bucket ACL resources, inline bucket ACLs or grants,
 * object ACLs.
 */
exports.disallowPublicBucketAcls = (0, policy_1.resourcePolicy)({
    name: "disallow-public-bucket-acls",
    description: "S3 buckets and objects get no public canned ACL (public-read, public-read-write, authenticated-read) and no grant to AllUsers or AuthenticatedUsers.",
    step: "s3",
    severity: "critical",
    remediationSteps: "Remove acl / accessControlPolicy grants to AllUsers or AuthenticatedUsers (aws.s3.BucketAcl, inline acl/grants on aws.s3.Bucket, acl on aws.s3.BucketObjectv2). Disable ACLs altogether with aws.s3.BucketOwnershipControls objectOwnership \"BucketOwnerEnforced\" and grant access with IAM.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
    framework: (0, frameworks_1.checkov)("CKV_AWS_20", "S3 Bucket has an ACL defined which allows public READ access"),
    references: ["CKV_AWS_20", "CKV_AWS_57", "CKV2_AWS_65"],
    types: [...aws_types_1.BUCKET_ACL_TYPES, ...aws_types_1.BUCKET_TYPES, ...aws_types_1.BUCKET_OBJECT_TYPES],
    check: ({ args, reads, report }) => {
        const p = args.props;
        const acl = reads.get("acl", () => p.acl);
        if (acl !== unknowns_1.UNKNOWN && typeof acl === "string" && exports.PUBLIC_CANNED_ACLS.includes(acl)) {
            report(`acl is "${acl}", which makes it readable${acl === "public-read-write" ? " and writable" : ""} by ${acl === "authenticated-read" ? "any AWS account" : "anyone"}; remove it and disable ACLs with BucketOwnershipControls BucketOwnerEnforced`);
        }
        const checkGrants = (field, grants, uriOf) => {
            if (!Array.isArray(grants))
                return;
            grants.forEach((g, i) => {
                if (!(0, values_1.isObject)(g))
                    return;
                const uri = uriOf(g, i);
                if (typeof uri === "string" && PUBLIC_GRANTEE.test(uri)) {
                    report(`${field}[${i}] grants ${uri.replace(/.*\//, "")}; remove the grant and use IAM for access`);
                }
            });
        };
        if (aws_types_1.BUCKET_ACL_TYPES.includes(args.type)) {
            const policy = reads.get("accessControlPolicy", () => p.accessControlPolicy);
            if ((0, values_1.isObject)(policy)) {
                const grants = reads.get("accessControlPolicy.grants", () => policy.grants);
                checkGrants("accessControlPolicy.grants", grants, (g, i) => reads.get(`accessControlPolicy.grants[${i}].grantee.uri`, () => g.grantee?.uri));
            }
        }
        else if (aws_types_1.BUCKET_TYPES.includes(args.type)) {
            const grants = reads.get("grants", () => p.grants);
            checkGrants("grants", grants, (g, i) => reads.get(`grants[${i}].uri`, () => g.uri));
        }
    },
});
//# sourceMappingURL=disallow-public-bucket-acls.js.map