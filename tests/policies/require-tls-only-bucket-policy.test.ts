import { describe, test } from "node:test";
import { requireTlsOnlyBucketPolicy as policy } from "../../policy-packs/kill-chain/policies/aws/require-tls-only-bucket-policy";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const ARN = "arn:aws:s3:::telemetry-dev";
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const tlsDeny = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };
const bucket = res("aws:s3/bucket:Bucket", "telemetry", { bucket: "telemetry-dev" });
const bucketPolicy = res("aws:s3/bucketPolicy:BucketPolicy", "telemetry-policy", { bucket: "telemetry-dev", policy: doc(tlsDeny) }, { bucket: [bucket] });
const other = res("aws:s3/bucket:Bucket", "logs", { bucket: "logs-dev" });

describe("require-tls-only-bucket-policy: telemetry never crosses the network in clear text", () => {
    test("a bucket policy with the TLS deny passes", async () => assertClean(await stack(policy, [bucket, bucketPolicy])));
    test("an inline bucket policy with the TLS deny passes", async () => assertClean(await stack(policy, [edit(other, { policy: doc(tlsDeny) })])));

    test("a bucket without any policy fails, and only that bucket", async () =>
        assertFails(await stack(policy, [bucket, bucketPolicy, other]), [other], "has no bucket policy"));
    test("a policy without the TLS deny fails on the policy", async () =>
        assertFails(await stack(policy, [bucket, edit(bucketPolicy, { policy: doc({ Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: ARN }) })]), [bucketPolicy], "aws:SecureTransport is false"));
    test("a TLS deny for s3:GetObject only (uploads in clear text) fails", async () =>
        assertFails(await stack(policy, [bucket, edit(bucketPolicy, { policy: doc({ ...tlsDeny, Action: "s3:GetObject" }) })]), [bucketPolicy], "aws:SecureTransport"));
    test("aws:SecureTransport \"true\" in a Deny (the wrong way round) fails", async () =>
        assertFails(await stack(policy, [bucket, edit(bucketPolicy, { policy: doc({ ...tlsDeny, Condition: { Bool: { "aws:SecureTransport": "true" } } }) })]), [bucketPolicy], "aws:SecureTransport"));

    test("an unknown policy does not hide another bucket without one", async () =>
        assertFails(await stack(policy, [bucket, edit(bucketPolicy, { policy: UNKNOWN }), other]), [other], "has no bucket policy"));
    test("an unknown policy alone defers, naming the path", async () =>
        assertDeferred(await stack(policy, [bucket, edit(bucketPolicy, { policy: UNKNOWN })]), bucketPolicy, "policy"));
});
