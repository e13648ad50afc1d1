import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CustomerKey } from "../kms/customer-key";
import { AwsEnvironment } from "../lib/aws";
import { derivedBucketName, validateBucketName } from "../lib/naming";
import { ValidationError } from "../lib/validation";
import { bucketArn, privateBucketPolicy } from "./bucket-policy";
import { createBucketBaseline } from "./bucket-baseline";
import { validateLifecycleOptions } from "./lifecycle";
import { AccessLogBucket, AccessLogTarget } from "./log-bucket";
import { ServiceStatement, serviceStatementToPolicy } from "./service-statement";
import { validateRoleArns } from "./validators";
import { componentType, withPreviousType } from "../lib/type-token";

/** A KMS key by ARN: a CustomerKey, or any key the caller manages (a named type in the component schema). */
export interface KeyReference {
    arn: pulumi.Input<string>;
}

export interface PrivateBucketArgs {
    env: AwsEnvironment;
    /** Globally unique bucket name (see `globalName` in infra/lib/naming.ts); validated, dots refused. */
    bucketName: string;
    /**
     * KMS key for default encryption (a CustomerKey, or any object with the key's ARN).
     * @default - a new CustomerKey `${name}-key` with rotation on, used by this bucket only.
     */
    key?: KeyReference;
    /**
     * Where server access logs go (`AccessLogBucket.target`, or a name and the log bucket's accepted sources).
     * @default - a new AccessLogBucket `${name}-access-logs` named `<bucketName>-access-logs`.
     */
    accessLogBucket?: AccessLogTarget;
    /**
     * IAM roles that may read, write and list objects from outside this account's VPC endpoints (break-glass and
     * incident response). Every other principal must come through a VPC endpoint owned by this account.
     * Required so that the choice is explicit; `[]` means nobody.
     */
    adminRoleArns: string[];
    /**
     * Roles that run `pulumi up` from outside the VPC: they may list the bucket (the provider's HeadBucket needs
     * `s3:ListBucket`) but, unlike admin roles, never read or write objects from there.
     * @default - none: deploy through a VPC endpoint of this account, or the provider cannot read the bucket back
     */
    deployerRoleArns?: string[];
    /**
     * Allow statements for AWS service principals (e.g. CloudTrail log delivery). Service principals are exempt
     * from the VPC-endpoint rule, so each statement should be scoped with aws:SourceArn / aws:SourceAccount.
     * @default - none
     */
    serviceStatements?: ServiceStatement[];
    /**
     * Days an overwritten or deleted object version is kept (the recovery window after a destructive write).
     * @default 90
     */
    noncurrentVersionExpirationDays?: number;
    /**
     * Days before parts of an abandoned multipart upload are discarded.
     * @default 7
     */
    abortIncompleteMultipartUploadDays?: number;
    /**
     * Days after which current objects expire.
     * @default - objects are kept until deleted
     */
    expirationDays?: number;
}

/**
 * An S3 bucket nobody can read from the internet: all four public-access blocks, ACLs disabled, SSE-KMS with a
 * customer key and S3 Bucket Keys, SSE-C uploads blocked, versioning, server access logs, lifecycle, and a bucket
 * policy that refuses non-TLS requests and data-plane requests not coming through this account's VPC endpoints.
 * Type token `hardened:index:PrivateBucket` (formerly `hardened:data:PrivateBucket`, kept as an alias).
 */
export class PrivateBucket extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly bucketName: string;
    /** `arn:<partition>:s3:::<name>`, known at preview. */
    public readonly arn: string;
    public readonly keyArn: pulumi.Output<string>;
    /** Name of the bucket server access logs go to (the one passed in, or the one this component created). */
    public readonly accessLogBucketName: pulumi.Output<string>;
    public readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
    public readonly policy: aws.s3.BucketPolicy;
    /** The bucket policy as JSON, known in a preview (the document object's unions have no schema type). */
    public readonly policyJson: string;

    constructor(name: string, args: PrivateBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        validateBucketName(args.bucketName, "PrivateBucket.bucketName");
        const adminRoleArns = validateRoleArns(args.adminRoleArns, "PrivateBucket.adminRoleArns", args.env);
        const deployerRoleArns = validateRoleArns(args.deployerRoleArns ?? [], "PrivateBucket.deployerRoleArns", args.env);
        const lifecycle = validateLifecycleOptions({
            noncurrentVersionExpirationDays: args.noncurrentVersionExpirationDays ?? 90,
            abortIncompleteMultipartUploadDays: args.abortIncompleteMultipartUploadDays ?? 7,
            expirationDays: args.expirationDays,
        }, "PrivateBucket");
        const policyDocument = privateBucketPolicy({
            env: args.env,
            bucketName: args.bucketName,
            adminRoleArns,
            deployerRoleArns,
            serviceStatements: args.serviceStatements?.map(serviceStatementToPolicy),
        });
        const ownArn = bucketArn(args.env, args.bucketName);
        const sharedSources = args.accessLogBucket?.sourceBucketArns;
        if (sharedSources && !sharedSources.includes(ownArn)) {
            throw new ValidationError("PrivateBucket.accessLogBucket.sourceBucketArns", sharedSources,
                `only accepts logs from ${sharedSources.join(", ")}; add ${ownArn} to its sourceBucketArns or leave them unset`);
        }
        super(componentType("PrivateBucket"), name, {}, withPreviousType("PrivateBucket", opts));

        this.bucketName = args.bucketName;
        this.arn = ownArn;
        this.policyJson = JSON.stringify(policyDocument);

        this.keyArn = args.key ? pulumi.output(args.key.arn) : new CustomerKey(`${name}-key`, {
            env: args.env,
            description: `Default encryption for s3://${args.bucketName}`,
            alias: args.bucketName,
        }, { parent: this }).arn;

        const logTarget = args.accessLogBucket ?? new AccessLogBucket(`${name}-access-logs`, {
            env: args.env,
            bucketName: derivedBucketName(args.bucketName, "access-logs"),
            sourceBucketArns: [this.arn],
        }, { parent: this }).target;
        this.accessLogBucketName = pulumi.output(logTarget.logBucketName);

        const baseline = createBucketBaseline(name, this, {
            bucketName: args.bucketName,
            encryption: {
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.keyArn },
                // Bucket Keys cut KMS requests (AWS: by up to 99%) without weakening the key policy.
                bucketKeyEnabled: true,
            },
            lifecycle,
            policy: policyDocument,
        });
        this.bucket = baseline.bucket;
        this.publicAccessBlock = baseline.publicAccessBlock;
        this.policy = baseline.policy;

        new aws.s3.BucketLogging(`${name}-logging`, {
            bucket: this.bucket.bucket,
            targetBucket: logTarget.logBucketName,
            targetPrefix: `${args.bucketName}/`,
            targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
        }, { parent: this });

        this.registerOutputs({ bucketName: this.bucketName, arn: this.arn, keyArn: this.keyArn });
    }
}
