import { describe, test } from "node:test";
import { disallowPublicBucketAcls as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-public-bucket-acls";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTH_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const acl = res("aws:s3/bucketAcl:BucketAcl", "acl", { bucket: "telemetry-dev", acl: "private" });
const bucket = res("aws:s3/bucket:Bucket", "telemetry", { bucket: "telemetry-dev" });
const object = res("aws:s3/bucketObjectv2:BucketObjectv2", "obj", { bucket: "telemetry-dev", key: "a.json", content: "{}" });
const grantsPolicy = (uri: unknown) => ({ owner: { id: "owner" }, grants: [{ permission: "FULL_CONTROL", grantee: { type: "CanonicalUser", id: "owner" } }, { permission: "READ", grantee: { type: "Group", uri } }] });

describe("disallow-public-bucket-acls: no ACL shares telemetry with everyone", () => {
    for (const r of [acl, bucket, object]) test(`${r.type} baseline passes`, async () => assertClean(await one(policy, r)));
    test("a log-delivery grant passes", async () =>
        assertClean(await one(policy, edit(acl, { acl: undefined, accessControlPolicy: grantsPolicy("http://acs.amazonaws.com/groups/s3/LogDelivery") }))));

    for (const canned of ["public-read", "public-read-write", "authenticated-read"]) {
        test(`BucketAcl acl "${canned}" fails`, async () => assertFails(await one(policy, edit(acl, { acl: canned })), [acl], `acl is "${canned}"`));
    }
    test("BucketAclV2 public-read fails", async () => {
        const v2 = res("aws:s3/bucketAclV2:BucketAclV2", "acl2", { bucket: "b", acl: "public-read" });
        assertFails(await one(policy, v2), [v2], "acl is \"public-read\"");
    });
    test("inline bucket acl public-read fails", async () => assertFails(await one(policy, edit(bucket, { acl: "public-read" })), [bucket], "acl is \"public-read\""));
    test("object acl public-read fails", async () => assertFails(await one(policy, edit(object, { acl: "public-read" })), [object], "acl is \"public-read\""));
    test("accessControlPolicy grant to AllUsers fails", async () =>
        assertFails(await one(policy, edit(acl, { acl: undefined, accessControlPolicy: grantsPolicy(ALL_USERS) })), [acl], "accessControlPolicy.grants[1] grants AllUsers"));
    test("inline bucket grant to AuthenticatedUsers fails", async () =>
        assertFails(await one(policy, edit(bucket, { grants: [{ type: "Group", uri: AUTH_USERS, permissions: ["READ"] }] })), [bucket], "grants[0] grants AuthenticatedUsers"));

    test("an unknown grantee next to a public canned ACL still fails", async () =>
        assertFails(await one(policy, edit(bucket, { acl: "public-read", grants: [{ type: "Group", uri: UNKNOWN, permissions: ["READ"] }] })), [bucket], "acl is \"public-read\""));
    test("an unknown grantee alone defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(acl, { acl: undefined, accessControlPolicy: grantsPolicy(UNKNOWN) })), acl, "accessControlPolicy.grants[1].grantee.uri"));
});
