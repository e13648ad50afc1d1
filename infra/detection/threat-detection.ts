import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccessLogTarget } from "../data/log-bucket";
import { validateRoleArns } from "../data/validators";
import { AwsEnvironment } from "../lib/aws";
import { accountRegionalName, validateBucketName } from "../lib/naming";
import { ValidationError } from "../lib/validation";
import { AuditTrail } from "./audit-trail";
import { FindingAlerts } from "./finding-alerts";
import { GuardDutyProtection } from "./guardduty";
import {
    GuardDutyMode, validateAlertEmail, validateBucketArn, validateDetectorId, validateGuardDutyMode, validateLogRetentionDays, validateNamePrefix,
} from "./validators";
import { componentType, withPreviousType } from "../lib/type-token";

export interface ThreatDetectionArgs {
    env: AwsEnvironment;
    /** Prefix of the trail, topic, rule, role and log group names, e.g. `hardened-stack-dev`. */
    namePrefix: string;
    /** The telemetry bucket (`arn:<partition>:s3:::<name>`): its object reads and writes are recorded as data events. */
    telemetryBucketArn: string;
    /**
     * `create` a GuardDuty detector, attach the features to an `existing` one (an account holds one detector per
     * region), or `off`.
     * @default "create"
     */
    guardDuty?: GuardDutyMode;
    /**
     * Id of the existing detector; required with `guardDuty: "existing"`, refused otherwise.
     * @default - none
     */
    detectorId?: string;
    /**
     * Address subscribed to the alert topic (SNS sends a confirmation mail first).
     * @default - no subscription; subscribe to `alertTopicArn` elsewhere
     */
    alertEmail?: string;
    /**
     * Days CloudTrail files (S3) and CloudTrail log events (CloudWatch Logs) are kept; a CloudWatch Logs retention value.
     * @default 365 - one year, the usual audit requirement
     */
    logRetentionDays?: number;
    /**
     * Also send trail events to a KMS-encrypted CloudWatch Logs group, for metric filters and alarms.
     * @default true
     */
    cloudWatchLogs?: boolean;
    /**
     * Roles that may read trail files from outside this account's VPC endpoints.
     * @default - none: trail files are read through a VPC endpoint of this account
     */
    adminRoleArns?: string[];
    /**
     * Roles running `pulumi up` from outside the VPC: they may list the trail bucket (HeadBucket), not read it.
     * @default - none: deploy through a VPC endpoint of this account
     */
    deployerRoleArns?: string[];
    /**
     * Target for the trail bucket's server access logs.
     * @default - a new AccessLogBucket for the trail bucket
     */
    accessLogBucket?: AccessLogTarget;
    /**
     * Name of the trail's bucket.
     * @default - `<namePrefix>-trail-<account>-<region>` (shortened with a hash when too long)
     */
    trailBucketName?: string;
    /**
     * Deletion protection on the trail's CloudWatch log group. Turn it off only for a teardown or a rebuild,
     * as its own visible update (docs/operations.md, "Teardown").
     * @default true
     */
    deletionProtection?: boolean;
}

/**
 * The "somebody notices" layer: a CloudTrail trail with data events on the telemetry bucket, GuardDuty with EKS audit
 * log, S3 and runtime protection, and an encrypted alert topic fed by the kill-chain findings.
 * Type token `hardened:index:ThreatDetection` (formerly `hardened:detection:ThreatDetection`, kept as an alias); children `${name}-trail`, `${name}-guardduty`, `${name}-alerts`.
 */
export class ThreatDetection extends pulumi.ComponentResource {
    public readonly trail: aws.cloudtrail.Trail;
    /** Known at preview. */
    public readonly trailArn: string;
    public readonly trailBucketName: string;
    /** Undefined when GuardDuty is off. */
    public readonly detectorId: pulumi.Output<string> | undefined;
    /** Known at preview. */
    public readonly alertTopicArn: string;

    constructor(name: string, args: ThreatDetectionArgs, opts?: pulumi.ComponentResourceOptions) {
        const namePrefix = validateNamePrefix(args.namePrefix, "ThreatDetection.namePrefix");
        const telemetryBucketArn = validateBucketArn(args.telemetryBucketArn, "ThreatDetection.telemetryBucketArn", args.env);
        const mode = validateGuardDutyMode(args.guardDuty ?? "create", "ThreatDetection.guardDuty");
        if (mode === "existing") {
            validateDetectorId(args.detectorId, "ThreatDetection.detectorId");
        } else if (args.detectorId !== undefined) {
            throw new ValidationError("ThreatDetection.detectorId", args.detectorId, `is only used with guardDuty "existing" (guardDuty is "${mode}"); remove it or set guardDuty: "existing"`);
        }
        const alertEmail = args.alertEmail === undefined ? undefined : validateAlertEmail(args.alertEmail, "ThreatDetection.alertEmail");
        const retentionDays = validateLogRetentionDays(args.logRetentionDays ?? 365, "ThreatDetection.logRetentionDays");
        const adminRoleArns = validateRoleArns(args.adminRoleArns ?? [], "ThreatDetection.adminRoleArns", args.env);
        const deployerRoleArns = validateRoleArns(args.deployerRoleArns ?? [], "ThreatDetection.deployerRoleArns", args.env);
        const cloudWatchLogs = args.cloudWatchLogs ?? true;
        if (typeof cloudWatchLogs !== "boolean") throw new ValidationError("ThreatDetection.cloudWatchLogs", cloudWatchLogs, "must be true or false");
        const trailBucketName = validateBucketName(
            args.trailBucketName ?? accountRegionalName({ prefix: namePrefix, purpose: "trail", env: args.env }),
            "ThreatDetection.trailBucketName",
        );
        super(componentType("ThreatDetection"), name, {}, withPreviousType("ThreatDetection", opts));

        const auditTrail = new AuditTrail(`${name}-trail`, {
            env: args.env,
            namePrefix,
            bucketName: trailBucketName,
            dataEventBucketArns: [telemetryBucketArn],
            adminRoleArns,
            deployerRoleArns,
            retentionDays,
            cloudWatchLogs,
            accessLogBucket: args.accessLogBucket,
            deletionProtection: args.deletionProtection ?? true,
        }, { parent: this });

        const guardDuty = new GuardDutyProtection(`${name}-guardduty`, { mode, detectorId: args.detectorId }, { parent: this });

        const alerts = new FindingAlerts(`${name}-alerts`, { env: args.env, namePrefix, alertEmail }, { parent: this });

        this.trail = auditTrail.trail;
        this.trailArn = auditTrail.trailArn;
        this.trailBucketName = trailBucketName;
        this.detectorId = guardDuty.detectorId;
        this.alertTopicArn = alerts.topicArn;
        this.registerOutputs({
            trailArn: this.trailArn,
            trailBucketName: this.trailBucketName,
            detectorId: this.detectorId,
            alertTopicArn: this.alertTopicArn,
        });
    }
}
