import * as aws from "@pulumi/aws";
import { KeyServiceGrant } from "../kms/customer-key";
import { AwsEnvironment, arn } from "../lib/aws";
import { bucketArn } from "../data/bucket-policy";
import { ServiceStatement } from "../data/service-statement";

/** `arn:<partition>:cloudtrail:<region>:<account>:trail/<name>`: deterministic, so policies can pin it before the trail exists. */
export function trailArn(env: AwsEnvironment, trailName: string): string {
    return arn(env, "cloudtrail", `trail/${trailName}`);
}

export function logGroupArn(env: AwsEnvironment, logGroupName: string): string {
    return arn(env, "logs", `log-group:${logGroupName}`);
}

/**
 * Key-policy grants for a trail's KMS key, after the CloudTrail guide's key policy: CloudTrail may generate data keys
 * only for this trail (aws:SourceArn) and only under a CloudTrail encryption context of this account; CloudWatch
 * Logs may use the key only for the trail's log group (encryption context aws:logs:arn).
 */
export function trailKeyGrants(env: AwsEnvironment, trail: string, logGroup?: string): KeyServiceGrant[] {
    const grants: KeyServiceGrant[] = [
        {
            sid: "CloudTrailEncryptLogs",
            service: "cloudtrail.amazonaws.com",
            actions: ["kms:GenerateDataKey*"],
            condition: {
                StringEquals: { "aws:SourceArn": trail },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": arn({ ...env, region: "*" }, "cloudtrail", "trail/*") },
            },
        },
        {
            // The trail bucket uses an S3 Bucket Key on this key. The CloudTrail guide ("Required KMS key policy
            // elements for trails") requires kms:Decrypt to create or update a trail with SSE-KMS on an existing
            // bucket with a Bucket Key; without it CreateTrail fails with InsufficientEncryptionPolicyException.
            sid: "CloudTrailDecryptForBucketKey",
            service: "cloudtrail.amazonaws.com",
            actions: ["kms:Decrypt"],
            condition: { StringEquals: { "aws:SourceArn": trail } },
        },
        {
            sid: "CloudTrailDescribeKey",
            service: "cloudtrail.amazonaws.com",
            actions: ["kms:DescribeKey"],
            condition: { StringEquals: { "aws:SourceArn": trail } },
        },
    ];
    if (logGroup) {
        grants.push({
            sid: "CloudWatchLogsEncryptTrailLogGroup",
            service: `logs.${env.region}.${env.dnsSuffix}`,
            actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroup } },
        });
    }
    return grants;
}

/**
 * Bucket-policy statements that let CloudTrail deliver this trail's log files (and nothing else) into the bucket,
 * following the CloudTrail guide's bucket policy with the aws:SourceArn confused-deputy condition.
 */
export function trailBucketStatements(env: AwsEnvironment, bucketName: string, trail: string): ServiceStatement[] {
    const bucket = bucketArn(env, bucketName);
    return [
        {
            Sid: "AWSCloudTrailAclCheck",
            Service: "cloudtrail.amazonaws.com",
            Actions: ["s3:GetBucketAcl"],
            Resources: [bucket],
            Condition: { StringEquals: { "aws:SourceArn": trail } },
        },
        {
            Sid: "AWSCloudTrailWrite",
            Service: "cloudtrail.amazonaws.com",
            Actions: ["s3:PutObject"],
            Resources: [`${bucket}/AWSLogs/${env.accountId}/*`],
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trail } },
        },
    ];
}

/**
 * All management events, plus S3 object-level data events (reads and writes) on the given buckets, so that reading
 * telemetry with stolen credentials leaves a record even when the request is allowed.
 */
export function trailEventSelectors(dataEventBucketArns: string[]): aws.types.input.cloudtrail.TrailAdvancedEventSelector[] {
    const selectors: aws.types.input.cloudtrail.TrailAdvancedEventSelector[] = [
        { name: "all-management-events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
    ];
    if (dataEventBucketArns.length > 0) {
        selectors.push({
            name: "s3-object-events-on-protected-buckets",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::S3::Object"] },
                // The trailing slash keeps `telemetry-2` out of a selector for `telemetry`.
                { field: "resources.ARN", startsWiths: dataEventBucketArns.map((b) => `${b}/`) },
            ],
        });
    }
    return selectors;
}

/** Trust policy for the role CloudTrail uses to write to CloudWatch Logs (CloudTrail does not support source conditions here). */
export function cloudTrailLogsTrustPolicy(): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
}

/** Permissions of that role: create streams and put events in the trail's log group only. */
export function cloudTrailLogsRolePolicy(logGroup: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Sid: "WriteTrailLogGroupOnly",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${logGroup}:log-stream:*`,
        }],
    });
}
