import { AwsEnvironment, roleArnParts } from "../lib/aws";
import { ValidationError } from "../lib/validation";

/** Validates a list of IAM role ARNs in the stack's partition; the empty list is allowed. */
export function validateRoleArns(value: unknown, setting: string, env: Pick<AwsEnvironment, "partition">): string[] {
    if (!Array.isArray(value)) throw new ValidationError(setting, value, "must be a list of IAM role ARNs (may be empty)");
    const seen = new Set<string>();
    value.forEach((item, i) => {
        const s = `${setting}[${i}]`;
        if (typeof item !== "string") throw new ValidationError(s, item, "must be an IAM role ARN string");
        // No wildcard: the bucket policy compares `aws:PrincipalArn` with these exactly.
        const m = roleArnParts(item);
        if (!m) {
            throw new ValidationError(s, item, "must be an IAM role ARN like arn:<partition>:iam::<12-digit account>:role/<name>, without wildcards (users, root and assumed-role sessions are not accepted)");
        }
        if (m.partition !== env.partition) throw new ValidationError(s, item, `must be in the stack's partition '${env.partition}'`);
        if (seen.has(item)) throw new ValidationError(s, item, "is listed twice");
        seen.add(item);
    });
    return value as string[];
}

/** Validates a whole number of days in [min, max]. */
export function validateDays(value: unknown, setting: string, min: number, max: number): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw new ValidationError(setting, value, `must be a whole number of days from ${min} to ${max}`);
    }
    return value;
}
