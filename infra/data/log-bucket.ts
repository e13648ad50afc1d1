import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../lib/aws";
import { validateBucketName } from "../lib/naming";
import { ValidationError } from "../lib/validation";
import { accessLogBucketPolicy, bucketArn } from "./bucket-policy";
import { createBucketBaseline } from "./bucket-baseline";
import { validateLifecycleOptions } from "./lifecycle";
import { componentType, withPreviousType } from "../lib/type-token";

/**
 * Where a bucket's server access logs go, as a reference other languages can pass (a component package's schema
 * cannot reference a local component class). AccessLogBucket.target is one.
 */
export interface AccessLogTarget {
    /**
     * The log bucket's name. From AccessLogBucket.target it is an Output of the log bucket's policy, so logging is
     * configured only once delivery is allowed. (Not `bucketName`: an AccessLogBucket itself must not pass for a
     * target, its plain name would lose that dependency.)
     */
    logBucketName: pulumi.Input<string>;
    /**
     * The buckets the log bucket accepts logs from; a PrivateBucket refuses a target that does not list it.
     * @default - any bucket of this account
     */
    sourceBucketArns?: string[];
}

export interface AccessLogBucketArgs {
    env: AwsEnvironment;
    /** Globally unique bucket name (see `globalName` / `derivedBucketName` in infra/lib/naming.ts). */
    bucketName: string;
    /**
     * ARNs of the buckets that may deliver server access logs here.
     * @default - any bucket in this account (aws:SourceAccount still pins delivery to this account).
     */
    sourceBucketArns?: string[];
    /**
     * Days log objects are kept.
     * @default 365 - a year of access history for investigations.
     */
    expirationDays?: number;
    /**
     * Days a replaced or deleted log object version is kept.
     * @default 30
     */
    noncurrentVersionExpirationDays?: number;
    /**
     * Days before parts of an abandoned multipart upload are discarded.
     * @default 7
     */
    abortIncompleteMultipartUploadDays?: number;
}

/**
 * Target bucket for S3 server access logs, hardened like a PrivateBucket except for two documented constraints of
 * S3 server access logging: default encryption must be SSE-S3 (AES256) because SSE-KMS default encryption is not
 * supported on a log target, and the bucket does not log its own access (that would loop).
 * ACLs stay disabled (BucketOwnerEnforced); delivery is granted to `logging.s3.amazonaws.com` by bucket policy.
 * Type token `hardened:index:AccessLogBucket` (formerly `hardened:data:AccessLogBucket`, kept as an alias).
 */
export class AccessLogBucket extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly bucketName: string;
    /** `arn:<partition>:s3:::<name>`, known at preview. */
    public readonly arn: string;
    /** The bucket policy as JSON, known in a preview (the document object's unions have no schema type). */
    public readonly policyJson: string;
    public readonly policy: aws.s3.BucketPolicy;
    public readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
    /** Buckets allowed to deliver here; undefined means any bucket of this account. */
    public readonly sourceBucketArns?: string[];
    /** This bucket as the access-log target of a PrivateBucket or ThreatDetection. */
    public readonly target: AccessLogTarget;

    constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        validateBucketName(args.bucketName, "AccessLogBucket.bucketName");
        const lifecycle = validateLifecycleOptions({
            noncurrentVersionExpirationDays: args.noncurrentVersionExpirationDays ?? 30,
            abortIncompleteMultipartUploadDays: args.abortIncompleteMultipartUploadDays ?? 7,
            expirationDays: args.expirationDays ?? 365,
        }, "AccessLogBucket");
        for (const [i, source] of (args.sourceBucketArns ?? []).entries()) {
            if (!source.startsWith(`arn:${args.env.partition}:s3:::`)) {
                throw new ValidationError(`AccessLogBucket.sourceBucketArns[${i}]`, source, `must be an S3 bucket ARN in partition '${args.env.partition}'`);
            }
        }
        super(componentType("AccessLogBucket"), name, {}, withPreviousType("AccessLogBucket", opts));

        this.bucketName = args.bucketName;
        this.sourceBucketArns = args.sourceBucketArns && args.sourceBucketArns.length > 0 ? [...args.sourceBucketArns] : undefined;
        this.arn = bucketArn(args.env, args.bucketName);
        const policyDocument = accessLogBucketPolicy({ env: args.env, bucketName: args.bucketName, sourceBucketArns: args.sourceBucketArns });
        const baseline = createBucketBaseline(name, this, {
            bucketName: args.bucketName,
            // SSE-S3, not SSE-KMS: S3 documents that server access log targets support only SSE-S3 default encryption.
            encryption: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
            lifecycle,
            policy: policyDocument,
        });
        this.policyJson = JSON.stringify(policyDocument);
        this.bucket = baseline.bucket;
        this.publicAccessBlock = baseline.publicAccessBlock;
        this.policy = baseline.policy;
        // The name as an Output of the bucket and of its policy: logging set up with it waits for delivery to be allowed.
        const logBucketName = pulumi.all([this.bucket.bucket, this.policy.urn]).apply(([bucket]) => bucket);
        this.target = { logBucketName, ...(this.sourceBucketArns ? { sourceBucketArns: this.sourceBucketArns } : {}) };

        this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
    }
}
