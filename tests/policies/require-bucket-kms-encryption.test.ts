import { describe, test } from "node:test";
import { requireBucketKmsEncryption as policy } from "../../policy-packs/kill-chain/policies/aws/require-bucket-kms-encryption";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const rule = (by: Record<string, unknown>) => [{ applyServerSideEncryptionByDefault: by, bucketKeyEnabled: true }];
const bucket = res("aws:s3/bucket:Bucket", "telemetry", { bucket: "telemetry-dev" });
const key = res("aws:kms/key:Key", "key", { enableKeyRotation: true });
const sse = res(SSE, "telemetry-encryption", { bucket: "telemetry-dev", rules: rule({ sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN }) }, { bucket: [bucket], rules: [key] });
const logBucket = res("aws:s3/bucket:Bucket", "access-logs", { bucket: "telemetry-dev-access-logs" });
const logSse = res(SSE, "access-logs-encryption", { bucket: "telemetry-dev-access-logs", rules: rule({ sseAlgorithm: "AES256" }) }, { bucket: [logBucket] });
const logging = res("aws:s3/bucketLogging:BucketLogging", "telemetry-logging", { bucket: "telemetry-dev", targetBucket: "telemetry-dev-access-logs" }, { bucket: [bucket], targetBucket: [logBucket] });
const baseline = [bucket, key, sse, logBucket, logSse, logging];

describe("require-bucket-kms-encryption: reading telemetry also needs the customer key", () => {
    test("SSE-KMS with a customer key, and SSE-S3 on the access-log target, pass", async () => assertClean(await stack(policy, baseline)));
    test("inline serverSideEncryptionConfiguration with a customer key passes", async () =>
        assertClean(await stack(policy, [edit(bucket, { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: "arn:aws:kms:eu-west-1:1:key/1" } } } })])));

    test("a bucket without default encryption fails, and only that bucket", async () => {
        const bare = res("aws:s3/bucket:Bucket", "bare", { bucket: "bare-dev" });
        assertFails(await stack(policy, [...baseline, bare]), [bare], "bare has no default encryption");
    });
    test("SSE-S3 (AES256) on a data bucket fails on the configuration", async () =>
        assertFails(await stack(policy, [bucket, edit(sse, { rules: rule({ sseAlgorithm: "AES256" }) })]), [sse], "SSE-S3 (AES256)"));
    test("aws:kms without kmsMasterKeyId (AWS-managed key) fails", async () =>
        assertFails(await stack(policy, [bucket, edit(sse, { rules: rule({ sseAlgorithm: "aws:kms" }) })]), [sse], "without kmsMasterKeyId"));
    test("an access-log target without any encryption fails", async () =>
        assertFails(await stack(policy, [bucket, sse, logBucket, logging]), [logBucket], "(or AES256 for a server access log target)"));

    test("an unknown algorithm does not hide another bucket's missing encryption", async () => {
        const bare = res("aws:s3/bucket:Bucket", "bare", { bucket: "bare-dev" });
        assertFails(await stack(policy, [bucket, edit(sse, { rules: rule({ sseAlgorithm: UNKNOWN }) }), bare]), [bare], "no default encryption");
    });
    test("an unknown algorithm alone defers, naming the path", async () =>
        assertDeferred(await stack(policy, [bucket, edit(sse, { rules: rule({ sseAlgorithm: UNKNOWN }) })]), sse, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm"));
});
