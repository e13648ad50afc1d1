import { describe, test } from "node:test";
import { disallowPublicBucketPolicy as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-public-bucket-policy";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const ARN = "arn:aws:s3:::telemetry-dev";
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const tlsDeny = { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };
const vpceDeny = { Sid: "DenyOutsideVpce", Effect: "Deny", Principal: "*", Action: "s3:GetObject*", Resource: `${ARN}/*`, Condition: { StringNotEqualsIfExists: { "aws:VpceAccount": "111122223333" } } };
const serviceAllow = { Sid: "Logs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `${ARN}/*`, Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } };
const bucketPolicy = res("aws:s3/bucketPolicy:BucketPolicy", "policy", { bucket: "telemetry-dev", policy: doc(tlsDeny, vpceDeny, serviceAllow) });
const bucket = res("aws:s3/bucket:Bucket", "telemetry", { bucket: "telemetry-dev" });
const anyoneRead = (extra: Record<string, unknown> = {}) => ({ Sid: "Read", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${ARN}/*`, ...extra });

describe("disallow-public-bucket-policy: no bucket policy lets anyone in", () => {
    test("Deny statements for \"*\" and a conditioned service Allow pass", async () => assertClean(await one(policy, bucketPolicy)));
    test("a bucket without an inline policy passes", async () => assertClean(await one(policy, bucket)));
    test("Allow \"*\" pinned to a VPC endpoint passes", async () =>
        assertClean(await one(policy, edit(bucketPolicy, { policy: doc(anyoneRead({ Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } })) }))));
    test("Allow \"*\" pinned to an organisation passes", async () =>
        assertClean(await one(policy, edit(bucketPolicy, { policy: doc(anyoneRead({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } })) }))));

    test("Allow Principal \"*\" without a condition fails", async () =>
        assertFails(await one(policy, edit(bucketPolicy, { policy: doc(tlsDeny, anyoneRead()) })), [bucketPolicy], "policy Statement[1] (Read) allows Principal \"*\""));
    test("Allow Principal { AWS: \"*\" } fails", async () =>
        assertFails(await one(policy, edit(bucketPolicy, { policy: doc(anyoneRead({ Principal: { AWS: ["*"] } })) })), [bucketPolicy], "Statement[0]"));
    test("a condition that does not restrict the caller (aws:SecureTransport) fails", async () =>
        assertFails(await one(policy, edit(bucketPolicy, { policy: doc(anyoneRead({ Condition: { Bool: { "aws:SecureTransport": "true" } } })) })), [bucketPolicy], "without a condition restricting the caller"));
    test("StringEqualsIfExists aws:SourceVpce (absent key passes) fails", async () =>
        assertFails(await one(policy, edit(bucketPolicy, { policy: doc(anyoneRead({ Condition: { StringEqualsIfExists: { "aws:SourceVpce": "vpce-1" } } })) })), [bucketPolicy], "Statement[0]"));
    test("aws:SourceIp 0.0.0.0/0 fails", async () =>
        assertFails(await one(policy, edit(bucketPolicy, { policy: doc(anyoneRead({ Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } })) })), [bucketPolicy], "Statement[0]"));
    test("NotPrincipal with Allow fails", async () =>
        assertFails(await one(policy, edit(bucketPolicy, { policy: doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:*", Resource: "*" }) })), [bucketPolicy], "NotPrincipal"));
    test("an inline bucket policy allowing \"*\" fails", async () =>
        assertFails(await one(policy, edit(bucket, { policy: doc(anyoneRead()) })), [bucket], "policy Statement[0]"));
    test("a policy that is not JSON fails with a clear message", async () =>
        assertFails(await one(policy, edit(bucketPolicy, { policy: "{" })), [bucketPolicy], "policy is not valid JSON"));

    test("an unknown policy defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(bucketPolicy, { policy: UNKNOWN })), bucketPolicy, "policy"));
});
