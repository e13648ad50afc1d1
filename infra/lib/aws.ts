/** AWS facts that policy documents and names are built from. All known at preview time (invokes run in preview). */
export interface AwsEnvironment {
    /** e.g. `aws`, `aws-cn`, `aws-us-gov`; never hard-code `arn:aws:`. */
    partition: string;
    region: string;
    accountId: string;
    /** DNS suffix for service endpoints (`amazonaws.com`, `amazonaws.com.cn`). */
    dnsSuffix: string;
}

export function arn(env: AwsEnvironment, service: string, resource: string, opts: { region?: boolean; account?: boolean } = {}): string {
    const region = opts.region === false ? "" : env.region;
    const account = opts.account === false ? "" : env.accountId;
    return `arn:${env.partition}:${service}:${region}:${account}:${resource}`;
}

export function partitionOf(region: string): { partition: string; dnsSuffix: string } {
    if (region.startsWith("cn-")) return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };
    if (region.startsWith("us-gov-")) return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com" };
    return { partition: "aws", dnsSuffix: "amazonaws.com" };
}

/** Service principal for the partition (`logs.<region>.amazonaws.com` style principals take the region). */
export function servicePrincipal(env: AwsEnvironment, service: string): string {
    return `${service}.${env.dnsSuffix === "amazonaws.com.cn" ? "amazonaws.com.cn" : "amazonaws.com"}`;
}

/**
 * `arn:<partition>:iam::<account>:role/[path/]name` with IAM's role-name characters and no wildcard (policies compare
 * `aws:PrincipalArn` with these exactly, so a `*` would silently match every role).
 */
const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

export interface RoleArnParts {
    partition: string;
    accountId: string;
    path: string;
    roleName: string;
}

/** The parts of an IAM role ARN in any partition, or undefined when the text is not one. */
export function roleArnParts(arn: string): RoleArnParts | undefined {
    const m = ROLE_ARN.exec(arn);
    return m ? { partition: m[1]!, accountId: m[2]!, path: m[3]!, roleName: m[4]! } : undefined;
}

/** The parts of an IAM role ARN in the stack's partition, or undefined. */
export function parseRoleArn(env: Pick<AwsEnvironment, "partition">, arn: string): RoleArnParts | undefined {
    const parts = roleArnParts(arn);
    return parts && parts.partition === env.partition ? parts : undefined;
}
