import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ResourcePolicyDocument } from "../../infra/data/bucket-policy";
import { ACCOUNT, MODES, Mode, ancestorOfType, inputSources, isUnknown, knownJson, ofType, one, rejections, runWith } from "../lib/plan";
import { allowingStatements, denyingStatements, RequestContext } from "./policy-eval";

const PROGRAM = "tests/programs/data-bucket.ts";
const BUCKET = "aws:s3/bucket:Bucket";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const KEY = "aws:kms/key:Key";
const TELEMETRY = "hardened-stack-dev-telemetry-111122223333-eu-west-1";
const LOGS = `${TELEMETRY}-access-logs`;

const run = (mode: Mode, overrides: Record<string, unknown> = {}) => runWith(PROGRAM, "dataTest", mode, overrides);

/** The one resource of `type` configuring the bucket registered as `<bucketResource>`. */
async function forBucket(mode: Mode, type: string, component: "telemetry" | "telemetry-access-logs") {
    const r = await run(mode);
    const bucket = one(r, BUCKET, `${component}-bucket`);
    const found = ofType(r, type).filter((x) => (x.propertyDependencies.bucket ?? []).includes(bucket.urn));
    assert.equal(found.length, 1, `expected one ${type} for ${component}, found ${found.length}`);
    return { run: r, bucket, resource: found[0] };
}

function s3Request(action: string, principalArn: string, via: string | undefined, secure = "true"): RequestContext {
    return {
        action,
        resource: action === "s3:ListBucket" ? `arn:aws:s3:::${TELEMETRY}` : `arn:aws:s3:::${TELEMETRY}/vin/5YJ3E1EA/telemetry.json`,
        principal: { AWS: principalArn },
        keys: { "aws:SecureTransport": secure, "s3:TlsVersion": "1.3", "aws:PrincipalIsAWSService": "false", "aws:PrincipalArn": principalArn, "aws:VpceAccount": via },
    };
}

for (const mode of MODES) {
    describe(`PrivateBucket, the telemetry bucket (${mode})`, () => {
        test("bucket name is the deterministic global name, forceDestroy is explicitly false", async () => {
            const r = await run(mode);
            const bucket = one(r, BUCKET, "telemetry-bucket");
            assert.equal(bucket.inputs.bucket, TELEMETRY);
            assert.equal(bucket.inputs.forceDestroy, false);
            assert.equal(ancestorOfType(r, bucket, "hardened:index:PrivateBucket")?.name, "telemetry");
            assert.equal(r.stackOutputs.bucketArn, `arn:aws:s3:::${TELEMETRY}`);
        });

        test("block public access: all four settings on", async () => {
            const { resource } = await forBucket(mode, PAB, "telemetry");
            for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.equal(resource.inputs[k], true, k);
        });

        test("ACLs are disabled: ownership BucketOwnerEnforced", async () => {
            const { resource } = await forBucket(mode, OWNERSHIP, "telemetry");
            assert.deepEqual(resource.inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
        });

        test("default encryption is SSE-KMS with a rotating customer key and S3 Bucket Keys; SSE-C is blocked", async () => {
            const { run: r, resource } = await forBucket(mode, SSE, "telemetry");
            const [rule] = resource.inputs.rules as Array<Record<string, unknown>>;
            const byDefault = rule.applyServerSideEncryptionByDefault as Record<string, unknown>;
            assert.equal(byDefault.sseAlgorithm, "aws:kms");
            assert.equal(rule.bucketKeyEnabled, true);
            assert.deepEqual(rule.blockedEncryptionTypes, ["SSE-C"]);
            const keys = inputSources(r, resource, "rules").filter((x) => x.type === KEY);
            assert.equal(keys.length, 1, "the KMS key id must come from a customer key of this stack");
            assert.equal(keys[0].inputs.enableKeyRotation, true);
            if (mode === "preview") assert.ok(isUnknown(byDefault.kmsMasterKeyId));
            else assert.match(byDefault.kmsMasterKeyId as string, /^arn:aws:kms:eu-west-1:111122223333:key\//);
        });

        test("versioning is enabled", async () => {
            const { resource } = await forBucket(mode, VERSIONING, "telemetry");
            assert.deepEqual(resource.inputs.versioningConfiguration, { status: "Enabled" });
        });

        test("server access logs go to the hardened access-log bucket", async () => {
            const { run: r, resource } = await forBucket(mode, LOGGING, "telemetry");
            assert.equal(resource.inputs.targetBucket, LOGS);
            assert.equal(resource.inputs.targetPrefix, `${TELEMETRY}/`);
            const target = inputSources(r, resource, "targetBucket");
            // The log bucket's name, as an Output of that bucket and of the policy that lets S3 deliver to it.
            assert.deepEqual(target.map((t) => t.name).sort(), ["telemetry-access-logs-bucket", "telemetry-access-logs-policy"]);
            const logBucketPolicy = one(r, POLICY, "telemetry-access-logs-policy");
            assert.ok(resource.dependencies.includes(logBucketPolicy.urn), "logging must wait for the log bucket's delivery policy");
        });

        test("lifecycle: noncurrent versions expire after 90 days, incomplete uploads after 7, after versioning is on", async () => {
            const { run: r, resource } = await forBucket(mode, LIFECYCLE, "telemetry");
            const rules = resource.inputs.rules as Array<Record<string, unknown>>;
            assert.deepEqual(rules.find((x) => x.id === "expire-noncurrent-versions")?.noncurrentVersionExpiration, { noncurrentDays: 90 });
            assert.deepEqual(rules.find((x) => x.id === "abort-incomplete-multipart-uploads")?.abortIncompleteMultipartUpload, { daysAfterInitiation: 7 });
            assert.ok(resource.dependencies.includes(one(r, VERSIONING, "telemetry-versioning").urn));
        });

        test("bucket policy is known in this mode, depends on the public access block, and enforces TLS and the VPC-endpoint perimeter", async () => {
            const { run: r, resource } = await forBucket(mode, POLICY, "telemetry");
            const doc = knownJson(resource, "policy") as unknown as ResourcePolicyDocument;
            assert.ok(resource.dependencies.includes(one(r, PAB, "telemetry-public-access-block").urn), "the policy must be applied after the public access block");
            const node = "arn:aws:iam::111122223333:role/hardened-stack-dev-node";
            assert.deepEqual(denyingStatements(doc, s3Request("s3:GetObject", node, undefined)), ["DenyObjectAccessOutsideAccountVpcEndpoints"]);
            assert.deepEqual(denyingStatements(doc, s3Request("s3:ListBucket", node, undefined)), ["DenyListingOutsideAccountVpcEndpoints"]);
            assert.deepEqual(denyingStatements(doc, s3Request("s3:GetObject", node, ACCOUNT)), []);
            assert.deepEqual(denyingStatements(doc, s3Request("s3:GetObject", node, ACCOUNT, "false")), ["DenyInsecureTransport"]);
            assert.deepEqual(denyingStatements(doc, s3Request("s3:GetObject", "arn:aws:iam::111122223333:role/break-glass", undefined)), []);
            assert.deepEqual(denyingStatements(doc, s3Request("s3:PutBucketPolicy", "arn:aws:iam::111122223333:role/deployer", undefined)), []);
        });

        test("the access-log bucket: public access blocked, ACLs disabled, SSE-S3 as log delivery requires, versioned, expiring", async () => {
            const r = await run(mode);
            const pab = (await forBucket(mode, PAB, "telemetry-access-logs")).resource;
            for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.equal(pab.inputs[k], true, k);
            assert.deepEqual((await forBucket(mode, OWNERSHIP, "telemetry-access-logs")).resource.inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
            const sse = (await forBucket(mode, SSE, "telemetry-access-logs")).resource.inputs.rules as Array<Record<string, unknown>>;
            assert.deepEqual(sse[0].applyServerSideEncryptionByDefault, { sseAlgorithm: "AES256" });
            assert.deepEqual((await forBucket(mode, VERSIONING, "telemetry-access-logs")).resource.inputs.versioningConfiguration, { status: "Enabled" });
            const rules = (await forBucket(mode, LIFECYCLE, "telemetry-access-logs")).resource.inputs.rules as Array<Record<string, unknown>>;
            assert.deepEqual(rules.find((x) => x.id === "expire-current-versions")?.expiration, { days: 365 });
            assert.equal(one(r, BUCKET, "telemetry-access-logs-bucket").inputs.forceDestroy, false);
            assert.equal(ofType(r, LOGGING).length, 1, "the log bucket must not log to itself");
        });

        test("the access-log bucket accepts deliveries only from the telemetry bucket of this account", async () => {
            const { resource } = await forBucket(mode, POLICY, "telemetry-access-logs");
            const doc = knownJson(resource, "policy") as unknown as ResourcePolicyDocument;
            const delivery = (sourceArn: string, sourceAccount = ACCOUNT): RequestContext => ({
                action: "s3:PutObject", resource: `arn:aws:s3:::${LOGS}/${TELEMETRY}/x`, principal: { Service: "logging.s3.amazonaws.com" },
                keys: { "aws:SecureTransport": "true", "s3:TlsVersion": "1.2", "aws:SourceAccount": sourceAccount, "aws:SourceArn": sourceArn },
            });
            assert.deepEqual(allowingStatements(doc, delivery(`arn:aws:s3:::${TELEMETRY}`)), ["AllowS3ServerAccessLogDelivery"]);
            assert.deepEqual(allowingStatements(doc, delivery("arn:aws:s3:::other-bucket")), []);
            assert.deepEqual(allowingStatements(doc, delivery(`arn:aws:s3:::${TELEMETRY}`, "999988887777")), []);
        });

        test("account-wide S3 block public access: all four settings on, pinned to the account", async () => {
            const r = await run(mode);
            const block = one(r, "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock");
            for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.equal(block.inputs[k], true, k);
            assert.equal(block.inputs.accountId, ACCOUNT);
            assert.equal(ancestorOfType(r, block, "hardened:data:AccountPublicAccessBlock")?.name, "account");
        });

        test("deployerRoleArns: the deploying role may list the bucket from outside the VPC, not read objects", async () => {
            const deployer = "arn:aws:iam::111122223333:role/deployer";
            const r = await run(mode, { deployerRoleArns: [deployer] });
            const doc = knownJson(one(r, POLICY, "telemetry-policy"), "policy") as unknown as ResourcePolicyDocument;
            assert.deepEqual(denyingStatements(doc, s3Request("s3:ListBucket", deployer, undefined)), []);
            assert.deepEqual(denyingStatements(doc, s3Request("s3:GetObject", deployer, undefined)), ["DenyObjectAccessOutsideAccountVpcEndpoints"]);
            const without = knownJson(one(await run(mode), POLICY, "telemetry-policy"), "policy") as unknown as ResourcePolicyDocument;
            assert.deepEqual(denyingStatements(without, s3Request("s3:ListBucket", deployer, undefined)), ["DenyListingOutsideAccountVpcEndpoints"]);
        });

        test("noncurrentVersionExpirationDays 30 is applied", async () => {
            const r = await run(mode, { noncurrentVersionExpirationDays: 30 });
            const lifecycle = one(r, LIFECYCLE, "telemetry-lifecycle");
            const rules = lifecycle.inputs.rules as Array<Record<string, unknown>>;
            assert.deepEqual(rules.find((x) => x.id === "expire-noncurrent-versions")?.noncurrentVersionExpiration, { noncurrentDays: 30 });
        });

        const rejected: Array<[string, Record<string, unknown>, RegExp]> = [
            ["bucketName with dots", { bucketName: "telemetry.example.com" }, /invalid PrivateBucket\.bucketName: "telemetry\.example\.com" — S3 bucket name must contain only lowercase/],
            ["bucketName with uppercase", { bucketName: "Telemetry" }, /invalid PrivateBucket\.bucketName: "Telemetry"/],
            ["an IAM user as admin", { adminRoleArns: ["arn:aws:iam::111122223333:user/alice"] }, /invalid PrivateBucket\.adminRoleArns\[0\]: "arn:aws:iam::111122223333:user\/alice" — must be an IAM role ARN/],
            ["a wildcard admin role", { adminRoleArns: ["arn:aws:iam::111122223333:role/*"] }, /invalid PrivateBucket\.adminRoleArns\[0\]/],
            ["a user as deployer", { deployerRoleArns: ["arn:aws:iam::111122223333:user/ci"] }, /invalid PrivateBucket\.deployerRoleArns\[0\]: "arn:aws:iam::111122223333:user\/ci"/],
            ["noncurrentVersionExpirationDays 0", { noncurrentVersionExpirationDays: 0 }, /invalid PrivateBucket\.noncurrentVersionExpirationDays: 0/],
            ["abortIncompleteMultipartUploadDays 0", { abortIncompleteMultipartUploadDays: 0 }, /invalid PrivateBucket\.abortIncompleteMultipartUploadDays: 0/],
        ];
        // Constructor validation runs before anything registers: the same in both modes, so checked once.
        if (mode === "preview") {
            const probe = rejections(PROGRAM, "data", rejected.map(([, overrides]) => overrides));
            for (const [i, [label, , message]] of rejected.entries()) {
                test(`${label} is rejected with the setting named`, async () => {
                    assert.match(await probe(i), message);
                });
            }
            test("a rejected setting fails the whole program before any resource is created", async () => {
                await assert.rejects(run(mode, rejected[0]![1]), rejected[0]![2]);
            });
        }
    });
}
