import { describe, test } from "node:test";
import { requireBucketPublicAccessBlock as policy } from "../../policy-packs/kill-chain/policies/aws/require-bucket-public-access-block";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const bucket = res("aws:s3/bucket:Bucket", "telemetry", { bucket: "telemetry-dev", forceDestroy: false });
const block = res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "telemetry-pab", { bucket: "telemetry-dev", ...all }, { bucket: [bucket] });
const other = res("aws:s3/bucket:Bucket", "logs", { bucket: "logs-dev" });
const otherBlock = res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "logs-pab", { bucket: "logs-dev", ...all }, { bucket: [other] });

describe("require-bucket-public-access-block: no bucket can be made public", () => {
    test("every bucket with a full public access block passes", async () => assertClean(await stack(policy, [bucket, block, other, otherBlock])));
    test("a block joined by a literal bucket name passes", async () =>
        assertClean(await stack(policy, [bucket, res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "by-name", { bucket: "telemetry-dev", ...all })])));
    test("the deprecated BucketV2 is judged too", async () => {
        const v2 = res("aws:s3/bucketV2:BucketV2", "old", { bucket: "old-dev" });
        assertFails(await stack(policy, [v2]), [v2], "has no aws.s3.BucketPublicAccessBlock");
    });

    test("a bucket without a block fails, and only that bucket", async () =>
        assertFails(await stack(policy, [bucket, block, other]), [other], "has no aws.s3.BucketPublicAccessBlock"));
    test("another bucket's block does not count", async () => {
        const wrong = res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "wrong", { bucket: "logs-dev", ...all }, { bucket: [other] });
        assertFails(await stack(policy, [bucket, other, wrong]), [bucket], "has no aws.s3.BucketPublicAccessBlock");
    });
    for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
        test(`${flag} false fails on the bucket`, async () =>
            assertFails(await stack(policy, [bucket, edit(block, { [flag]: false })]), [bucket], `leaves ${flag} off`));
    }
    test("restrictPublicBuckets undefined (provider default false) fails", async () =>
        assertFails(await stack(policy, [bucket, edit(block, { restrictPublicBuckets: undefined })]), [bucket], "restrictPublicBuckets"));

    test("an unknown flag on one bucket's block does not hide another bucket's missing block", async () =>
        assertFails(await stack(policy, [bucket, edit(block, { blockPublicPolicy: UNKNOWN }), other]), [other], "has no aws.s3.BucketPublicAccessBlock"));
    test("an unknown flag alone defers, naming the flag", async () =>
        assertDeferred(await stack(policy, [bucket, edit(block, { blockPublicPolicy: UNKNOWN })]), block, "blockPublicPolicy"));
    test("a literal-name block whose name is unknown defers instead of failing", async () => {
        const byName = res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "by-name", { bucket: UNKNOWN, ...all });
        assertDeferred(await stack(policy, [bucket, byName]), byName, "bucket");
    });
});
