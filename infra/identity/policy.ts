import * as pulumi from "@pulumi/pulumi";

/**
 * One IAM policy statement. Values may be Outputs (a KMS key ARN is only known after `up`), so documents are
 * serialised with `pulumi.jsonStringify`, never with an `aws.iam.getPolicyDocument` invoke.
 */
export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action: string[];
    Resource: pulumi.Input<string>[];
    Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

export function policyDocument(statements: PolicyStatement[]): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** Statements whose actions or resources are a bare `*`: a grant helper must never produce one. */
export function wildcardStatements(statements: PolicyStatement[]): PolicyStatement[] {
    return statements.filter((s) => s.Action.some((a) => a === "*" || a.endsWith(":*")) || s.Resource.some((r) => r === "*"));
}
