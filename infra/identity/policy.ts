import * as pulumi from "@pulumi/pulumi";

/**
 * One IAM policy statement. Values may be Outputs (a KMS key ARN is only known after `up`), so documents are
 * serialised with `pulumi.jsonStringify`, never with an `aws.iam.getPolicyDocument` invoke.
 */
export const PolicyEffect = {
    Allow: "Allow",
    Deny: "Deny",
} as const;
// A const object and a type of one name (not `"Allow" | "Deny"`): the component package's schema needs a named enum.
export type PolicyEffect = (typeof PolicyEffect)[keyof typeof PolicyEffect];

export interface PolicyStatement {
    Sid?: string;
    Effect: PolicyEffect;
    Action: string[];
    Resource: pulumi.Input<string>[];
    /**
     * Operator -> condition key -> one value. One value per key (not `string | string[]`) so the statement has a
     * schema type other languages can build; the grant helpers never need more.
     */
    Condition?: Record<string, Record<string, pulumi.Input<string>>>;
}

export function policyDocument(statements: PolicyStatement[]): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** Statements whose actions or resources are a bare `*`: a grant helper must never produce one. */
export function wildcardStatements(statements: PolicyStatement[]): PolicyStatement[] {
    return statements.filter((s) => s.Action.some((a) => a === "*" || a.endsWith(":*")) || s.Resource.some((r) => r === "*"));
}
