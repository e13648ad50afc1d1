import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResourcePolicyDocument } from "./bucket-policy";
import { LifecycleOptions, lifecycleRules } from "./lifecycle";

export interface BucketBaselineArgs {
    bucketName: string;
    /** Default encryption (SSE-KMS for data, SSE-S3 where a service requires it). */
    encryption: aws.types.input.s3.BucketServerSideEncryptionConfigurationRule;
    lifecycle: LifecycleOptions;
    policy: ResourcePolicyDocument;
}

export interface BucketBaseline {
    bucket: aws.s3.Bucket;
    publicAccessBlock: aws.s3.BucketPublicAccessBlock;
    policy: aws.s3.BucketPolicy;
}

/**
 * The settings every bucket of this project gets, as `@pulumi/aws` 7 separate resources: the bucket (forceDestroy
 * explicitly false), all four public-access blocks, ACLs disabled, default encryption with SSE-C uploads blocked,
 * versioning, lifecycle, and the bucket policy applied after the public-access block. Children are named
 * `${name}-<role>` under `parent`; renaming them would replace real buckets.
 */
export function createBucketBaseline(name: string, parent: pulumi.Resource, args: BucketBaselineArgs): BucketBaseline {
    const opts = { parent };
    const bucket = new aws.s3.Bucket(`${name}-bucket`, {
        bucket: args.bucketName,
        // Explicit: `pulumi destroy` must fail on a non-empty bucket rather than delete telemetry or audit logs.
        forceDestroy: false,
    }, opts);

    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(`${name}-public-access-block`, {
        bucket: bucket.bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    }, opts);

    new aws.s3.BucketOwnershipControls(`${name}-ownership`, {
        bucket: bucket.bucket,
        rule: { objectOwnership: "BucketOwnerEnforced" },
    }, opts);

    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
        bucket: bucket.bucket,
        // With write access and SSE-C, an attacker could re-encrypt objects under a key only they hold.
        rules: [{ ...args.encryption, blockedEncryptionTypes: ["SSE-C"] }],
    }, opts);

    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, {
        bucket: bucket.bucket,
        versioningConfiguration: { status: "Enabled" },
    }, opts);

    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
        bucket: bucket.bucket,
        rules: lifecycleRules(args.lifecycle),
    }, { ...opts, dependsOn: [versioning] });

    // After the public-access block: S3 rejects concurrent changes to a bucket's access settings.
    const policy = new aws.s3.BucketPolicy(`${name}-policy`, {
        bucket: bucket.bucket,
        policy: JSON.stringify(args.policy),
    }, { ...opts, dependsOn: [publicAccessBlock] });

    return { bucket, publicAccessBlock, policy };
}
