import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    accessLogBucketPolicy, DATA_PLANE_ACTIONS, privateBucketPolicy, ResourcePolicyStatement, statementCoversAction,
} from "../../infra/data/bucket-policy";
import { lifecycleRules, validateLifecycleOptions } from "../../infra/data/lifecycle";
import { validateDays, validateRoleArns } from "../../infra/data/validators";
import { AwsEnvironment } from "../../infra/lib/aws";
import { allowingStatements, denyingStatements, RequestContext } from "./policy-eval";

const ENV: AwsEnvironment = { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
const BUCKET = "hardened-stack-dev-telemetry-111122223333-eu-west-1";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const ADMIN = "arn:aws:iam::111122223333:role/break-glass";
const NODE_ROLE = "arn:aws:iam::111122223333:role/hardened-stack-dev-node";
const DEPLOYER = "arn:aws:iam::111122223333:role/deployer";
const POLICY = privateBucketPolicy({ env: ENV, bucketName: BUCKET, adminRoleArns: [ADMIN], deployerRoleArns: [DEPLOYER] });
const OBJECTS = "DenyObjectAccessOutsideAccountVpcEndpoints";
const LISTING = "DenyListingOutsideAccountVpcEndpoints";
/** The perimeter statement expected to refuse `action` from outside the VPC endpoints. */
const perimeter = (action: string) => (action.startsWith("s3:ListBucket") ? LISTING : OBJECTS);

/** A request by an IAM role over TLS 1.3; `via` is the owner of the VPC endpoint it came through, if any. */
function request(action: string, principalArn: string | undefined, via?: string, extra: Record<string, string> = {}): RequestContext {
    const object = !action.startsWith("s3:ListBucket") && /Object|Multipart|Replicate/.test(action);
    return {
        action,
        resource: object ? `${BUCKET_ARN}/fleet/car-42.json` : BUCKET_ARN,
        principal: principalArn ? { AWS: principalArn } : {},
        keys: {
            "aws:SecureTransport": "true",
            "s3:TlsVersion": "1.3",
            "aws:PrincipalIsAWSService": "false",
            "aws:PrincipalArn": principalArn,
            "aws:VpceAccount": via,
            ...extra,
        },
    };
}

describe("privateBucketPolicy: the telemetry bucket's network perimeter", () => {
    test("stolen node credentials used from the internet cannot read, list or write telemetry", () => {
        for (const action of ["s3:GetObject", "s3:ListBucket", "s3:PutObject", "s3:DeleteObject"]) {
            assert.deepEqual(denyingStatements(POLICY, request(action, NODE_ROLE)), [perimeter(action)], action);
        }
    });

    test("every object read, write, delete and list action is in the VPC-endpoint deny", () => {
        const dataActions = ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAttributes", "s3:GetObjectTagging", "s3:PutObject",
            "s3:PutObjectAcl", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:RestoreObject", "s3:ListBucket", "s3:ListBucketVersions",
            "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload", "s3:ReplicateObject"];
        for (const action of dataActions) {
            assert.deepEqual(denyingStatements(POLICY, request(action, NODE_ROLE)), [perimeter(action)], action);
        }
    });

    test("a request through one of this account's VPC endpoints is left to IAM (not denied)", () => {
        for (const action of ["s3:GetObject", "s3:ListBucket", "s3:PutObject"]) {
            assert.deepEqual(denyingStatements(POLICY, request(action, NODE_ROLE, ENV.accountId)), [], action);
        }
    });

    test("a VPC endpoint owned by another account (the attacker's VPC) is denied", () => {
        assert.deepEqual(denyingStatements(POLICY, request("s3:GetObject", NODE_ROLE, "999988887777")), [OBJECTS]);
        assert.deepEqual(denyingStatements(POLICY, request("s3:ListBucket", NODE_ROLE, "999988887777")), [LISTING]);
    });

    test("anonymous requests are denied", () => {
        assert.deepEqual(denyingStatements(POLICY, request("s3:GetObject", undefined)), [OBJECTS]);
        assert.deepEqual(denyingStatements(POLICY, request("s3:ListBucket", undefined)), [LISTING]);
    });

    test("a named admin role can read from outside the VPC endpoints, but only over TLS", () => {
        assert.deepEqual(denyingStatements(POLICY, request("s3:GetObject", ADMIN)), []);
        assert.deepEqual(denyingStatements(POLICY, request("s3:GetObject", ADMIN, undefined, { "aws:SecureTransport": "false" })), ["DenyInsecureTransport"]);
    });

    test("the deployer can still manage the bucket from outside the VPC (no self-lockout)", () => {
        for (const action of ["s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketVersioning",
            "s3:PutEncryptionConfiguration", "s3:PutBucketPublicAccessBlock", "s3:GetBucketLocation", "s3:PutLifecycleConfiguration"]) {
            assert.deepEqual(denyingStatements(POLICY, request(action, DEPLOYER)), [], action);
        }
        for (const action of DATA_PLANE_ACTIONS) assert.ok(!/Bucket(Policy|Acl|Versioning|PublicAccessBlock)/.test(action), action);
    });

    test("plain HTTP and TLS below 1.2 are denied for everyone, even through the VPC endpoint", () => {
        assert.deepEqual(denyingStatements(POLICY, request("s3:GetObject", NODE_ROLE, ENV.accountId, { "aws:SecureTransport": "false" })), ["DenyInsecureTransport"]);
        assert.deepEqual(denyingStatements(POLICY, request("s3:GetObject", NODE_ROLE, ENV.accountId, { "s3:TlsVersion": "1.1" })), ["DenyOutdatedTls"]);
        assert.deepEqual(denyingStatements(POLICY, request("s3:PutBucketPolicy", DEPLOYER, undefined, { "aws:SecureTransport": "false" })), ["DenyInsecureTransport"]);
    });

    test("without admin roles nobody reads from outside the VPC endpoints", () => {
        const none = privateBucketPolicy({ env: ENV, bucketName: BUCKET, adminRoleArns: [] });
        assert.deepEqual(denyingStatements(none, request("s3:GetObject", ADMIN)), [OBJECTS]);
        assert.deepEqual(denyingStatements(none, request("s3:ListBucket", DEPLOYER)), [LISTING]);
        for (const sid of [OBJECTS, LISTING]) assert.equal(none.Statement.find((s) => s.Sid === sid)!.Condition?.ArnNotEquals, undefined, sid);
    });

    test("a deployer role may list the bucket (HeadBucket) from outside the VPC endpoints but never read or write objects", () => {
        assert.deepEqual(denyingStatements(POLICY, request("s3:ListBucket", DEPLOYER)), []);
        for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) {
            assert.deepEqual(denyingStatements(POLICY, request(action, DEPLOYER)), [OBJECTS], action);
        }
    });

    test("an AWS service principal granted by a service statement is not caught by the network rule", () => {
        const cloudTrail: ResourcePolicyStatement = {
            Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject",
            Resource: `${BUCKET_ARN}/AWSLogs/111122223333/*`, Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/t" } },
        };
        const doc = privateBucketPolicy({ env: ENV, bucketName: BUCKET, adminRoleArns: [], serviceStatements: [cloudTrail] });
        const ctx: RequestContext = {
            action: "s3:PutObject", resource: `${BUCKET_ARN}/AWSLogs/111122223333/CloudTrail/x.json.gz`, principal: { Service: "cloudtrail.amazonaws.com" },
            keys: { "aws:SecureTransport": "true", "s3:TlsVersion": "1.2", "aws:PrincipalIsAWSService": "true", "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/t" },
        };
        assert.deepEqual(denyingStatements(doc, ctx), []);
        assert.deepEqual(allowingStatements(doc, ctx), ["AWSCloudTrailWrite"]);
    });

    test("service statements must be Allow statements for a service principal only", () => {
        const bad: ResourcePolicyStatement[] = [
            { Sid: "Human", Effect: "Allow", Principal: { AWS: ADMIN }, Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*` },
            { Sid: "Mixed", Effect: "Allow", Principal: { AWS: ADMIN, Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*` },
            { Sid: "Star", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*` },
        ];
        for (const s of bad) {
            assert.throws(() => privateBucketPolicy({ env: ENV, bucketName: BUCKET, adminRoleArns: [], serviceStatements: [s] }),
                new RegExp(`invalid PrivateBucket\\.serviceStatements\\[${s.Sid}\\]`));
        }
    });

    test("the document is plain data with the partition of the stack (aws-cn)", () => {
        const cn: AwsEnvironment = { partition: "aws-cn", region: "cn-north-1", accountId: "111122223333", dnsSuffix: "amazonaws.com.cn" };
        const doc = privateBucketPolicy({ env: cn, bucketName: "b-cn-1", adminRoleArns: ["arn:aws-cn:iam::111122223333:role/admin"] });
        const text = JSON.stringify(doc);
        assert.deepEqual(JSON.parse(text), doc);
        assert.ok(!text.includes("arn:aws:"), text);
        assert.ok(text.includes("arn:aws-cn:s3:::b-cn-1/*"));
    });

    test("statementCoversAction understands IAM wildcards", () => {
        const objects = POLICY.Statement.find((s) => s.Sid === OBJECTS)!;
        assert.equal(statementCoversAction(objects, "s3:GetObjectVersionTagging"), true);
        assert.equal(statementCoversAction(objects, "s3:GetBucketPolicy"), false);
        assert.equal(statementCoversAction(POLICY.Statement.find((s) => s.Sid === LISTING)!, "s3:ListBucketVersions"), true);
    });
});

describe("accessLogBucketPolicy", () => {
    const LOG_BUCKET = `${BUCKET}-access-logs`;
    const delivery = (sourceAccount: string, sourceArn: string, secure = "true"): RequestContext => ({
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${LOG_BUCKET}/${BUCKET}/2026/01/01/log`,
        principal: { Service: "logging.s3.amazonaws.com" },
        keys: { "aws:SecureTransport": secure, "s3:TlsVersion": "1.2", "aws:SourceAccount": sourceAccount, "aws:SourceArn": sourceArn },
    });

    test("S3 log delivery for the named source bucket of this account is allowed", () => {
        const doc = accessLogBucketPolicy({ env: ENV, bucketName: LOG_BUCKET, sourceBucketArns: [BUCKET_ARN] });
        assert.deepEqual(allowingStatements(doc, delivery(ENV.accountId, BUCKET_ARN)), ["AllowS3ServerAccessLogDelivery"]);
        assert.deepEqual(denyingStatements(doc, delivery(ENV.accountId, BUCKET_ARN)), []);
    });

    test("log delivery on behalf of another account or another bucket is not allowed (confused deputy)", () => {
        const doc = accessLogBucketPolicy({ env: ENV, bucketName: LOG_BUCKET, sourceBucketArns: [BUCKET_ARN] });
        assert.deepEqual(allowingStatements(doc, delivery("999988887777", BUCKET_ARN)), []);
        assert.deepEqual(allowingStatements(doc, delivery(ENV.accountId, "arn:aws:s3:::someone-elses-bucket")), []);
    });

    test("without source buckets, any bucket of this account may deliver, still pinned to the account", () => {
        const doc = accessLogBucketPolicy({ env: ENV, bucketName: LOG_BUCKET });
        assert.deepEqual(allowingStatements(doc, delivery(ENV.accountId, "arn:aws:s3:::any-bucket")), ["AllowS3ServerAccessLogDelivery"]);
        assert.deepEqual(allowingStatements(doc, delivery("999988887777", "arn:aws:s3:::any-bucket")), []);
    });

    test("the log bucket refuses non-TLS requests", () => {
        const doc = accessLogBucketPolicy({ env: ENV, bucketName: LOG_BUCKET });
        assert.deepEqual(denyingStatements(doc, delivery(ENV.accountId, BUCKET_ARN, "false")), ["DenyInsecureTransport"]);
    });
});

describe("lifecycle", () => {
    test("noncurrent versions expire, incomplete uploads are aborted, and delete markers are cleaned", () => {
        const rules = lifecycleRules({ noncurrentVersionExpirationDays: 90, abortIncompleteMultipartUploadDays: 7 });
        assert.deepEqual(rules.map((r) => r.id), ["expire-noncurrent-versions", "abort-incomplete-multipart-uploads", "remove-expired-delete-markers"]);
        assert.deepEqual(rules[0].noncurrentVersionExpiration, { noncurrentDays: 90 });
        assert.deepEqual(rules[1].abortIncompleteMultipartUpload, { daysAfterInitiation: 7 });
        assert.ok(rules.every((r) => r.status === "Enabled"));
    });

    test("expirationDays adds current-version expiry instead of the delete-marker rule", () => {
        const rules = lifecycleRules({ noncurrentVersionExpirationDays: 30, abortIncompleteMultipartUploadDays: 1, expirationDays: 365 });
        assert.deepEqual(rules[2], { id: "expire-current-versions", status: "Enabled", filter: {}, expiration: { days: 365 } });
    });

    const bad: Array<[string, Record<string, unknown>, RegExp]> = [
        ["noncurrent 0", { noncurrentVersionExpirationDays: 0 }, /invalid P\.noncurrentVersionExpirationDays: 0 — must be a whole number of days from 1 to 36500/],
        ["noncurrent 1.5", { noncurrentVersionExpirationDays: 1.5 }, /invalid P\.noncurrentVersionExpirationDays: 1\.5/],
        ["abort 366", { abortIncompleteMultipartUploadDays: 366 }, /invalid P\.abortIncompleteMultipartUploadDays: 366 — must be a whole number of days from 1 to 365/],
        ["expiration -1", { expirationDays: -1 }, /invalid P\.expirationDays: -1/],
        ["expiration \"30\"", { expirationDays: "30" }, /invalid P\.expirationDays: "30"/],
    ];
    for (const [label, change, message] of bad) {
        test(`lifecycle option ${label} is rejected`, () => {
            const options = { noncurrentVersionExpirationDays: 90, abortIncompleteMultipartUploadDays: 7, ...change };
            assert.throws(() => validateLifecycleOptions(options as never, "P"), message);
        });
    }

    test("validateDays accepts the bounds", () => {
        assert.equal(validateDays(1, "d", 1, 10), 1);
        assert.equal(validateDays(10, "d", 1, 10), 10);
    });
});

describe("validateRoleArns", () => {
    const bad: Array<[string, unknown, RegExp]> = [
        ["not a list", "arn:aws:iam::111122223333:role/a", /invalid S: "arn:aws:iam::111122223333:role\/a" — must be a list of IAM role ARNs/],
        ["a user", ["arn:aws:iam::111122223333:user/alice"], /invalid S\[0\]: .* must be an IAM role ARN/],
        ["the account root", ["arn:aws:iam::111122223333:root"], /invalid S\[0\]/],
        ["a wildcard", ["arn:aws:iam::111122223333:role/*"], /invalid S\[0\]: .*without wildcards/],
        ["an assumed-role session", ["arn:aws:sts::111122223333:assumed-role/a/s"], /invalid S\[0\]/],
        ["another partition", ["arn:aws-cn:iam::111122223333:role/a"], /invalid S\[0\]: .*partition 'aws'/],
        ["a duplicate", [ADMIN, ADMIN], /invalid S\[1\]: .* is listed twice/],
        ["a number", [42], /invalid S\[0\]: 42 — must be an IAM role ARN string/],
    ];
    for (const [label, value, message] of bad) {
        test(`admin role list with ${label} is rejected`, () => {
            assert.throws(() => validateRoleArns(value, "S", ENV), message);
        });
    }

    test("role ARNs with a path, and the empty list, are accepted", () => {
        assert.deepEqual(validateRoleArns([], "S", ENV), []);
        assert.deepEqual(validateRoleArns(["arn:aws:iam::111122223333:role/ops/break-glass"], "S", ENV), ["arn:aws:iam::111122223333:role/ops/break-glass"]);
    });
});
