import { AwsEnvironment, parseRoleArn } from "../lib/aws";
import { check, rejectUnknownKeys } from "../lib/validation";
import { parseIpv4Cidr } from "../network/cidr";

/**
 * Kubernetes versions in EKS standard support on 2026-11-25 (1.34 until 2026-12-02, 1.35 until 2027-03-27,
 * 1.36 until 2027-08-02). Extended-support versions are left out: they cost more and are one step from a
 * forced upgrade. Update this list when EKS releases or retires a version.
 */
export const SUPPORTED_KUBERNETES_VERSIONS = ["1.34", "1.35", "1.36"] as const;

/**
 * The newest Kubernetes version GuardDuty lists as verified for its EKS runtime agent ("Prerequisites for Amazon EKS
 * cluster support", verified platforms table: AL2023, v1.21-v1.35). A cluster newer than this may run without the
 * runtime monitoring that sees a miner, so it is not the default. Check with
 * `aws eks describe-addon-versions --addon-name aws-guardduty-agent --kubernetes-version <v>`.
 */
export const GUARDDUTY_AGENT_NEWEST_VERIFIED_VERSION = "1.35";

/** The newest version both EKS standard support and the GuardDuty runtime agent cover. */
export const DEFAULT_KUBERNETES_VERSION = GUARDDUTY_AGENT_NEWEST_VERIFIED_VERSION;

function minor(version: string): number {
    return Number(version.split(".")[1]);
}

/**
 * A warning when the cluster runs a version GuardDuty has not verified its runtime agent on (GuardDuty on), else
 * undefined: the deploy goes on, but the one control that sees a miner inside a pod may not run.
 */
export function guardDutyAgentVersionWarning(version: string, guardDutyOn: boolean): string | undefined {
    if (!guardDutyOn || minor(version) <= minor(GUARDDUTY_AGENT_NEWEST_VERIFIED_VERSION)) return undefined;
    return `hardened-stack:cluster.version ${version} is newer than the newest Kubernetes version GuardDuty verifies its EKS runtime agent on `
        + `(${GUARDDUTY_AGENT_NEWEST_VERIFIED_VERSION}); check that runtime monitoring covers it with `
        + `\`aws eks describe-addon-versions --addon-name aws-guardduty-agent --kubernetes-version ${version}\`, or use ${GUARDDUTY_AGENT_NEWEST_VERIFIED_VERSION}`;
}

export function validateKubernetesVersion(value: unknown, setting: string): string {
    check(typeof value === "string" && (SUPPORTED_KUBERNETES_VERSIONS as readonly string[]).includes(value), setting, value,
        `must be one of ${SUPPORTED_KUBERNETES_VERSIONS.join(", ")} (EKS versions in standard support)`);
    return value as string;
}

/** EKS cluster names: 1-100 characters, starting alphanumeric, then alphanumerics, '-' or '_'. */
export function validateClusterName(value: unknown, setting: string): string {
    check(typeof value === "string" && /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(value), setting, value,
        "must be 1-100 characters of letters, digits, '-' or '_', starting with a letter or digit");
    return value as string;
}

// One definition with the network's, so the component package's schema has one EgressMode enum and one validator.
export { EgressMode, validateEgressMode } from "../network/validate";

/** The VPC CIDR the node security group allows traffic to: a valid IPv4 network address. */
export function validateVpcCidr(value: unknown, setting: string): string {
    const cidr = typeof value === "string" ? parseIpv4Cidr(value) : undefined;
    check(cidr !== undefined && cidr.prefix >= 16 && cidr.prefix <= 28, setting, value,
        "must be the VPC's IPv4 CIDR, /16 to /28, with no host bits set (e.g. 10.0.0.0/16)");
    return value as string;
}

/**
 * IAM role ARNs for access entries. Only roles: IAM users carry long-lived keys, which is what this stack
 * keeps out. Service-linked roles are refused because EKS manages their access itself.
 */
export function validateRoleArns(env: AwsEnvironment, value: unknown, setting: string, opts: { nonEmpty?: string } = {}): string[] {
    check(Array.isArray(value), setting, value, "must be a list of IAM role ARNs");
    const list = value as unknown[];
    if (opts.nonEmpty) check(list.length > 0, setting, value, opts.nonEmpty);
    list.forEach((item, i) => {
        const at = `${setting}[${i}]`;
        check(typeof item === "string" && !/[*?]/.test(item), at, item, "must be an exact IAM role ARN; wildcards are not allowed");
        const parts = parseRoleArn(env, item as string);
        check(parts !== undefined, at, item,
            `must be an IAM role ARN like arn:${env.partition}:iam::${env.accountId}:role/platform-admin (IAM users are not accepted)`);
        check(!parts!.path.startsWith("aws-service-role/"), at, item, "must not be a service-linked role");
    });
    check(new Set(list).size === list.length, setting, value, "must not list a role twice");
    return list as string[];
}

/** CloudWatch Logs retention values of a year or more (CIS 2.1.2 / CKV_AWS_338 want at least 365 days). */
export const LOG_RETENTION_DAYS_ALLOWED = [365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
export const DEFAULT_LOG_RETENTION_DAYS = 365;

export function validateLogRetentionDays(value: unknown, setting: string): number {
    check(typeof value === "number" && (LOG_RETENTION_DAYS_ALLOWED as readonly number[]).includes(value), setting, value,
        `must be a CloudWatch retention of at least a year: one of ${LOG_RETENTION_DAYS_ALLOWED.join(", ")}`);
    return value as number;
}

export interface NodeGroupSettings {
    /** EC2 instance types, all of one CPU architecture (e.g. `["m7i.large"]` or `["m7g.large", "c7g.large"]`). */
    instanceTypes: string[];
    minSize: number;
    maxSize: number;
    desiredSize: number;
    /** Root volume size in GiB. */
    diskSizeGiB: number;
}

/** Upper bound on nodes: a cap on how far a compromised workload (or a miner) can scale the bill. */
export const MAX_NODE_GROUP_SIZE = 100;
export const MIN_DISK_SIZE_GIB = 20;
export const MAX_DISK_SIZE_GIB = 1000;

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

export function validateNodeGroup(value: unknown, setting: string): NodeGroupSettings {
    check(typeof value === "object" && value !== null && !Array.isArray(value), setting, value,
        "must be an object with instanceTypes, minSize, maxSize, desiredSize and diskSizeGiB");
    const ng = value as Record<string, unknown>;
    rejectUnknownKeys(setting, ng, ["instanceTypes", "minSize", "maxSize", "desiredSize", "diskSizeGiB"]);
    const types = ng.instanceTypes;
    check(Array.isArray(types) && types.length > 0 && types.length <= 20, `${setting}.instanceTypes`, types, "must list 1 to 20 EC2 instance types");
    (types as unknown[]).forEach((t, i) => {
        check(typeof t === "string" && INSTANCE_TYPE.test(t), `${setting}.instanceTypes[${i}]`, t, "must be an EC2 instance type such as m7i.large");
    });
    check(new Set(types as string[]).size === (types as string[]).length, `${setting}.instanceTypes`, types, "must not list a type twice");
    const archs = new Set((types as string[]).map(architectureOf));
    check(archs.size === 1, `${setting}.instanceTypes`, types, "must all be of one CPU architecture (all Graviton or all x86), since one AMI type serves the group");
    const whole = (k: string, lo: number, hi: number): number => {
        const v = ng[k];
        check(typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi, `${setting}.${k}`, v, `must be a whole number from ${lo} to ${hi}`);
        return v as number;
    };
    const minSize = whole("minSize", 0, MAX_NODE_GROUP_SIZE);
    const maxSize = whole("maxSize", 1, MAX_NODE_GROUP_SIZE);
    const desiredSize = whole("desiredSize", 0, MAX_NODE_GROUP_SIZE);
    const diskSizeGiB = whole("diskSizeGiB", MIN_DISK_SIZE_GIB, MAX_DISK_SIZE_GIB);
    check(minSize <= maxSize, `${setting}.minSize`, minSize, `must not exceed maxSize (${maxSize})`);
    check(desiredSize >= minSize && desiredSize <= maxSize, `${setting}.desiredSize`, desiredSize, `must be between minSize (${minSize}) and maxSize (${maxSize})`);
    return { instanceTypes: [...(types as string[])], minSize, maxSize, desiredSize, diskSizeGiB };
}

/** Graviton families carry a `g` right after the generation digit (`m7g`, `c7gn`, `r8gd`, `t4g`, `im4gn`). */
export function architectureOf(instanceType: string): "arm64" | "x86_64" {
    const family = instanceType.split(".")[0];
    return /^[a-z]+\d+g/.test(family) ? "arm64" : "x86_64";
}

/**
 * AL2023 rather than Bottlerocket: the EKS-optimised AL2023 AMI enforces IMDSv2, ships the SSM agent the node
 * role's AmazonSSMManagedInstanceCore is for, and boots from a single root volume, so one encrypted block
 * device mapping covers all node storage (Bottlerocket splits OS and data volumes).
 */
export function amiTypeFor(instanceTypes: string[]): "AL2023_ARM_64_STANDARD" | "AL2023_x86_64_STANDARD" {
    return architectureOf(instanceTypes[0]) === "arm64" ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD";
}
