import { AwsEnvironment } from "../lib/aws";
import { bucketNameProblem } from "../lib/naming";
import { ValidationError, enumValue } from "../lib/validation";

/**
 * Prefix for the trail, rule, topic, log group and role names. Lowercase so every derived name is also a valid
 * bucket-name part; at most 40 characters so `<prefix>-guardduty-findings` fits EventBridge's 64-character limit.
 */
export function validateNamePrefix(value: unknown, setting: string): string {
    if (typeof value !== "string" || !/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/.test(value) || value.includes("--")) {
        throw new ValidationError(setting, value, "must be 3-40 lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or digit");
    }
    return value;
}

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export function validateLogRetentionDays(value: unknown, setting: string): number {
    if (typeof value !== "number" || !(LOG_RETENTION_DAYS as readonly number[]).includes(value)) {
        throw new ValidationError(setting, value, `must be one of the CloudWatch Logs retention periods: ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    return value;
}

/** A GuardDuty detector id: 32 lowercase hex-like characters, as returned by `aws guardduty list-detectors`. */
export function validateDetectorId(value: unknown, setting: string): string {
    if (typeof value !== "string" || !/^[a-z0-9]{32}$/.test(value)) {
        throw new ValidationError(setting, value, "must be the 32-character id of this account's GuardDuty detector in this region (aws guardduty list-detectors)");
    }
    return value;
}

/** What ThreatDetection does about GuardDuty (a const object and a type of one name: a named enum in the schema). */
export const GuardDutyMode = {
    /** Create the account's detector with the EKS and runtime features. */
    Create: "create",
    /** Use the account's existing detector (`detectorId`) and check its features; never write it. */
    Existing: "existing",
    /** No GuardDuty: CloudTrail and the alerts only. */
    Off: "off",
} as const;
export type GuardDutyMode = (typeof GuardDutyMode)[keyof typeof GuardDutyMode];
export const GUARDDUTY_MODES: readonly GuardDutyMode[] = Object.values(GuardDutyMode);

export function validateGuardDutyMode(value: unknown, setting: string): GuardDutyMode {
    return enumValue(GuardDutyMode, value, setting);
}

/** One plain address; SNS sends a confirmation mail to it, so a typo means alerts silently go nowhere. */
export function validateAlertEmail(value: unknown, setting: string): string {
    if (typeof value !== "string" || value.length > 254 || !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(value)) {
        throw new ValidationError(setting, value, "must be a single e-mail address like security@example.com");
    }
    return value;
}

/** `arn:<partition>:s3:::<bucket>` for a bucket name this project accepts. */
export function validateBucketArn(value: unknown, setting: string, env: Pick<AwsEnvironment, "partition">): string {
    const prefix = `arn:${env.partition}:s3:::`;
    if (typeof value !== "string" || !value.startsWith(prefix) || bucketNameProblem(value.slice(prefix.length)) !== undefined) {
        throw new ValidationError(setting, value, `must be an S3 bucket ARN like ${prefix}<bucket-name> (no object path, no wildcard)`);
    }
    return value;
}
