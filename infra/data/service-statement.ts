/**
 * A bucket-policy grant to an AWS service principal (CloudTrail log delivery, say), in a shape every language's SDK
 * can build: one service, lists of actions and resources, one value per condition key. The IAM JSON form
 * (`Principal: {Service}`, `Action: string | string[]`) is a union the component package's schema cannot express.
 */
import type { ResourcePolicyStatement } from "./bucket-policy";

export interface ServiceStatement {
    /** Statement id, unique in the bucket policy. */
    Sid: string;
    /** The service principal, e.g. `cloudtrail.amazonaws.com`. */
    Service: string;
    /** S3 actions the service may call (at least one). */
    Actions: string[];
    /** Bucket or object ARNs (at least one). */
    Resources: string[];
    /**
     * Operator -> condition key -> value; scope every grant with `aws:SourceArn` or `aws:SourceAccount` (service
     * principals are exempt from the VPC-endpoint rule, so the condition is what confines them).
     * @default - no condition
     */
    Condition?: Record<string, Record<string, string>>;
}

// IAM reads "x" and ["x"] alike; one element is written as a scalar so documents stay as they were written by hand.
const scalarOrList = (v: string[]): string | string[] => (v.length === 1 ? v[0]! : [...v]);

/** The statement as IAM JSON: an Allow for the service principal, nothing else. */
export function serviceStatementToPolicy(s: ServiceStatement): ResourcePolicyStatement {
    return {
        Sid: s.Sid,
        Effect: "Allow",
        Principal: { Service: s.Service },
        Action: scalarOrList(s.Actions),
        Resource: scalarOrList(s.Resources),
        ...(s.Condition ? { Condition: s.Condition } : {}),
    };
}
