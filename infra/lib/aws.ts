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
