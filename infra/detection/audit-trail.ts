import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccessLogTarget } from "../data/log-bucket";
import { PrivateBucket } from "../data/private-bucket";
import { CustomerKey } from "../kms/customer-key";
import { validateRoleArns } from "../data/validators";
import { AwsEnvironment } from "../lib/aws";
import { validateBucketName } from "../lib/naming";
import {
    cloudTrailLogsRolePolicy, cloudTrailLogsTrustPolicy, logGroupArn, trailArn, trailBucketStatements, trailEventSelectors, trailKeyGrants,
} from "./trail-policies";
import { validateBucketArn, validateLogRetentionDays, validateNamePrefix } from "./validators";

export interface AuditTrailArgs {
    env: AwsEnvironment;
    /** Names the trail `<namePrefix>-trail`, its key alias, log group and delivery role. */
    namePrefix: string;
    /** Name of the trail's own bucket. */
    bucketName: string;
    /** Buckets whose object-level reads and writes are recorded as data events. */
    dataEventBucketArns: string[];
    /** Roles that may read trail files from outside the VPC endpoints. */
    adminRoleArns: string[];
    /**
     * Roles running `pulumi up` from outside the VPC: may list the trail bucket, not read it.
     * @default - none
     */
    deployerRoleArns?: string[];
    /** Days trail files and CloudWatch log events are kept (a CloudWatch Logs retention value). */
    retentionDays: number;
    /** Also deliver events to a KMS-encrypted CloudWatch Logs group (for metric filters and alarms). */
    cloudWatchLogs: boolean;
    /**
     * Deletion protection on the trail's CloudWatch log group. Turn it off only for a teardown or a rebuild,
     * as its own visible update (docs/operations.md, "Teardown").
     * @default true
     */
    deletionProtection?: boolean;
    /**
     * Target for the trail bucket's server access logs.
     * @default - a new AccessLogBucket for the trail bucket
     */
    accessLogBucket?: AccessLogTarget;
}

/**
 * A multi-region CloudTrail trail with log file validation, SSE-KMS under its own customer key, S3 data events on the
 * protected buckets, delivery into a PrivateBucket, and optionally CloudWatch Logs.
 * Type token `hardened:detection:AuditTrail`.
 */
export class AuditTrail extends pulumi.ComponentResource {
    public readonly trail: aws.cloudtrail.Trail;
    public readonly trailName: string;
    /** Known at preview. */
    public readonly trailArn: string;
    public readonly key: CustomerKey;
    public readonly bucket: PrivateBucket;
    public readonly logGroup?: aws.cloudwatch.LogGroup;

    constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        validateNamePrefix(args.namePrefix, "AuditTrail.namePrefix");
        validateBucketName(args.bucketName, "AuditTrail.bucketName");
        args.dataEventBucketArns.forEach((b, i) => validateBucketArn(b, `AuditTrail.dataEventBucketArns[${i}]`, args.env));
        validateRoleArns(args.adminRoleArns, "AuditTrail.adminRoleArns", args.env);
        validateLogRetentionDays(args.retentionDays, "AuditTrail.retentionDays");
        super("hardened:detection:AuditTrail", name, {}, opts);
        const { env } = args;
        this.trailName = `${args.namePrefix}-trail`;
        this.trailArn = trailArn(env, this.trailName);
        const logGroupName = `/aws/cloudtrail/${args.namePrefix}`;
        const logGroup = args.cloudWatchLogs ? logGroupArn(env, logGroupName) : undefined;

        this.key = new CustomerKey(`${name}-key`, {
            env,
            description: `CloudTrail trail ${this.trailName}: log files${logGroup ? " and CloudWatch log group" : ""}`,
            alias: `${args.namePrefix}-trail`,
            serviceGrants: trailKeyGrants(env, this.trailArn, logGroup),
        }, { parent: this });

        this.bucket = new PrivateBucket(`${name}-bucket`, {
            env,
            bucketName: args.bucketName,
            key: this.key,
            accessLogBucket: args.accessLogBucket,
            adminRoleArns: args.adminRoleArns,
            deployerRoleArns: args.deployerRoleArns,
            serviceStatements: trailBucketStatements(env, args.bucketName, this.trailArn),
            expirationDays: args.retentionDays,
        }, { parent: this });

        let cloudWatch: { cloudWatchLogsGroupArn: pulumi.Input<string>; cloudWatchLogsRoleArn: pulumi.Input<string> } | undefined;
        const trailDependencies: pulumi.Resource[] = [this.bucket];
        if (logGroup) {
            this.logGroup = new aws.cloudwatch.LogGroup(`${name}-log-group`, {
                name: logGroupName,
                kmsKeyId: this.key.arn,
                retentionInDays: args.retentionDays,
                // Erasing the audit trail is a classic way to stay unnoticed; deleting the group takes a deliberate change.
                deletionProtectionEnabled: args.deletionProtection ?? true,
            }, { parent: this, dependsOn: [this.key] });
            const role = new aws.iam.Role(`${name}-logs-role`, {
                name: `${args.namePrefix}-trail-to-logs`,
                description: `CloudTrail ${this.trailName} delivery to ${logGroupName}`,
                assumeRolePolicy: cloudTrailLogsTrustPolicy(),
            }, { parent: this });
            const rolePolicy = new aws.iam.RolePolicy(`${name}-logs-role-policy`, {
                role: role.name,
                policy: cloudTrailLogsRolePolicy(logGroup),
            }, { parent: this });
            trailDependencies.push(rolePolicy, this.logGroup);
            cloudWatch = {
                // CloudTrail expects the log group ARN with the `:*` stream wildcard.
                cloudWatchLogsGroupArn: pulumi.interpolate`${this.logGroup.arn}:*`,
                cloudWatchLogsRoleArn: role.arn,
            };
        }

        this.trail = new aws.cloudtrail.Trail(`${name}-trail`, {
            name: this.trailName,
            s3BucketName: this.bucket.bucket.bucket,
            kmsKeyId: this.key.arn,
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            enableLogFileValidation: true,
            enableLogging: true,
            advancedEventSelectors: trailEventSelectors(args.dataEventBucketArns),
            ...(cloudWatch ?? {}),
        }, { parent: this, dependsOn: trailDependencies });

        this.registerOutputs({ trailArn: this.trailArn, trailName: this.trailName, bucketName: this.bucket.bucketName });
    }
}
