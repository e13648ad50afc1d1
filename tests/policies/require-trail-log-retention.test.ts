import { describe, test } from "node:test";
import { requireTrailLogRetention as policy } from "../../policy-packs/kill-chain/policies/aws/require-trail-log-retention";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack, withConfig } from "./aws-helpers";

const BUCKET = "hardened-stack-dev-trail-111122223333-eu-west-1";
const trail = res("aws:cloudtrail/trail:Trail", "trail", { name: "t", s3BucketName: BUCKET });
const rules = (days: number) => [{ id: "expire-noncurrent-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: 30 } },
    { id: "expire-current-versions", status: "Enabled", filter: {}, expiration: { days } }];
const lifecycle = res("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "trail-lifecycle", { bucket: BUCKET, rules: rules(365) });

describe("require-trail-log-retention: the record of a breach outlives the wait before anyone looks", () => {
    test("the reference (365 days) passes", async () => assertClean(await stack(policy, [trail, lifecycle])));
    test("another bucket's short expiry is not judged", async () => assertClean(await stack(policy, [trail, edit(lifecycle, { bucket: "scratch", rules: rules(1) })])));
    test("a disabled short rule passes", async () =>
        assertClean(await stack(policy, [trail, edit(lifecycle, { rules: [{ id: "x", status: "Disabled", expiration: { days: 1 } }] })])));
    test("a trail bucket that expires logs in a day fails on the lifecycle", async () =>
        assertFails(await stack(policy, [trail, edit(lifecycle, { rules: rules(1) })]), [lifecycle], "expires log objects after 1 day(s) (rule expire-current-versions), less than the 365-day minimum"));
    test("the minimum is configurable", async () => {
        const cfg = withConfig(policy, { minimumRetentionDays: 400 });
        assertFails(await stack(cfg, [trail, lifecycle]), [lifecycle], "less than the 400-day minimum");
    });
    test("a lifecycle joined to the trail bucket through the bucket resource (names unknown) is judged", async () => {
        const bucket = res("aws:s3/bucket:Bucket", "trail-bucket", { bucket: UNKNOWN });
        const t = res("aws:cloudtrail/trail:Trail", "trail", { name: "t", s3BucketName: UNKNOWN }, { s3BucketName: [bucket] });
        const lc = res("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "trail-lifecycle", { bucket: UNKNOWN, rules: rules(7) }, { bucket: [bucket] });
        assertFails(await stack(policy, [bucket, t, lc]), [lc], "after 7 day(s)");
    });
    test("unknown: unknown rules defer, naming them", async () =>
        assertDeferred(await stack(policy, [trail, edit(lifecycle, { rules: UNKNOWN })]), lifecycle, "rules"));
});
