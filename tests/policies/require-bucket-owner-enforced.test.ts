import { describe, test } from "node:test";
import { requireBucketOwnerEnforced as policy } from "../../policy-packs/kill-chain/policies/aws/require-bucket-owner-enforced";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const bucket = res("aws:s3/bucket:Bucket", "telemetry", { bucket: "telemetry-dev" });
const controls = res("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "telemetry-ownership", { bucket: "telemetry-dev", rule: { objectOwnership: "BucketOwnerEnforced" } }, { bucket: [bucket] });
const other = res("aws:s3/bucket:Bucket", "logs", { bucket: "logs-dev" });

describe("require-bucket-owner-enforced: ACLs are disabled on every bucket", () => {
    test("BucketOwnerEnforced passes", async () => assertClean(await stack(policy, [bucket, controls])));

    test("a bucket without ownership controls fails, and only that bucket", async () =>
        assertFails(await stack(policy, [bucket, controls, other]), [other], "has no aws.s3.BucketOwnershipControls"));
    for (const ownership of ["ObjectWriter", "BucketOwnerPreferred"]) {
        test(`objectOwnership ${ownership} fails on the controls`, async () =>
            assertFails(await stack(policy, [bucket, edit(controls, { rule: { objectOwnership: ownership } })]), [controls], `rule.objectOwnership is "${ownership}"`));
    }

    test("an unknown ownership does not hide another bucket's missing controls", async () =>
        assertFails(await stack(policy, [bucket, edit(controls, { rule: { objectOwnership: UNKNOWN } }), other]), [other], "BucketOwnershipControls"));
    test("an unknown ownership alone defers, naming the path", async () =>
        assertDeferred(await stack(policy, [bucket, edit(controls, { rule: { objectOwnership: UNKNOWN } })]), controls, "rule.objectOwnership"));
});
