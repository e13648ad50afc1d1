/**
 * Validators for the network settings. Each takes the setting name so the config reader can report config keys
 * (`hardened-stack:network.cidr`) and the component can report props (`HardenedVpc.cidr`) with the same checks.
 * Each returns the value, typed, or throws ValidationError.
 */
import { ValidationError, check, enumValue, isPlainObject } from "../lib/validation";
import { isRfc1918, parseIpv4Cidr } from "./cidr";

/**
 * How the VPC reaches the internet. An `as const` object and a type of the same name (not a bare string union), so
 * the component package's schema has a named enum and other languages' SDKs get `EgressMode.Sealed`.
 */
export const EgressMode = {
    /** No internet gateway, no NAT, no default route: AWS is reached only through VPC endpoints. */
    Sealed: "sealed",
    /** The same endpoints, plus HTTPS egress through NAT behind AWS Network Firewall, to allowed domains only. */
    Allowlist: "allowlist",
} as const;
export type EgressMode = (typeof EgressMode)[keyof typeof EgressMode];
export const EGRESS_MODES: readonly EgressMode[] = Object.values(EgressMode);

/** CloudWatch Logs' allowed retention values of a year or more (0, "never expire", is not accepted here). */
export const LOG_RETENTION_DAYS_AT_LEAST_A_YEAR: readonly number[] = [365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** More domains than this would need a Network Firewall rule group larger than we size it. */
export const MAX_EGRESS_DOMAINS = 1000;

export const MAX_AVAILABILITY_ZONES = 6;

export function validateVpcCidr(value: unknown, setting: string): string {
    check(typeof value === "string", setting, value, "must be an IPv4 CIDR string such as \"10.40.0.0/16\"");
    const c = parseIpv4Cidr(value as string);
    check(c !== undefined, setting, value, "must be an IPv4 CIDR such as \"10.40.0.0/16\" with no host bits set");
    check(c!.prefix >= 16 && c!.prefix <= 24, setting, value, "prefix length must be /16 to /24 (the sizes AWS allows for a VPC that still fits node subnets)");
    check(isRfc1918(c!), setting, value, "must lie inside an RFC 1918 private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)");
    return value as string;
}

const AZ_RE = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;

/**
 * At least two distinct availability zone names. When `region` is given, every zone must belong to it.
 */
export function validateAvailabilityZones(value: unknown, setting: string, region?: string): string[] {
    check(Array.isArray(value), setting, value, "must be a list of availability zone names such as [\"eu-west-1a\", \"eu-west-1b\"]");
    const zones = value as unknown[];
    check(zones.length >= 2, setting, value, "needs at least 2 availability zones so the nodes and endpoints survive a zone outage");
    check(zones.length <= MAX_AVAILABILITY_ZONES, setting, value, `at most ${MAX_AVAILABILITY_ZONES} availability zones are supported`);
    zones.forEach((z, i) => {
        check(typeof z === "string" && AZ_RE.test(z), `${setting}[${i}]`, z, "must be an availability zone name such as \"eu-west-1a\"");
        if (region !== undefined) {
            const zone = z as string;
            check(zone.startsWith(region) && /^[a-z]$/.test(zone.slice(region.length)), `${setting}[${i}]`, z,
                `must be a zone of the stack's region ${region}`);
        }
    });
    check(new Set(zones).size === zones.length, setting, value, "must not list the same availability zone twice");
    return zones as string[];
}

export function validateEgressMode(value: unknown, setting: string): EgressMode {
    return enumValue(EgressMode, value, setting, "must be \"sealed\" (AWS endpoints only) or \"allowlist\" (plus firewall-filtered HTTPS)");
}

const LABEL_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * One egress domain: `example.com` (that host only) or `.example.com` (that domain and all its subdomains, the
 * Network Firewall domain-list syntax). Lowercase, at least two labels, no wildcard, scheme, path, port or IP.
 */
export function validateEgressDomain(value: unknown, setting: string): string {
    check(typeof value === "string" && value.length > 0, setting, value, "must be a non-empty domain name such as \"registry.example.com\" or \".example.com\"");
    const d = value as string;
    check(!d.includes("*"), setting, value, "wildcards are not accepted; write \".example.com\" for a domain and all its subdomains");
    check(!/[:/?#@\s]/.test(d), setting, value, "must be a bare domain name: no scheme, port, path or spaces");
    check(d === d.toLowerCase(), setting, value, "must be lowercase");
    const name = d.startsWith(".") ? d.slice(1) : d;
    check(name.length > 0 && name.length <= 253, setting, value, "must be a domain name of 1 to 253 characters");
    const labels = name.split(".");
    check(labels.every((l) => LABEL_RE.test(l)), setting, value,
        "each label must be 1-63 letters, digits or inner hyphens, separated by single dots");
    check(!/^\d+$/.test(labels[labels.length - 1]), setting, value, "IP addresses are not accepted; egress is allowed by domain name only");
    check(labels.length >= 2, setting, value, "must have at least two labels; a bare top-level domain would allow too much");
    return d;
}

/**
 * Cross-field rule: the domain list is required (non-empty) in allowlist mode and rejected in sealed mode, where
 * there is no internet path for it to open.
 */
export function validateEgressDomains(mode: EgressMode, value: unknown, setting: string): string[] | undefined {
    if (mode === "sealed") {
        check(value === undefined || (Array.isArray(value) && value.length === 0), setting, value,
            "must be unset when egressMode is \"sealed\" (there is no internet path); set egressMode to \"allowlist\" to use it");
        return undefined;
    }
    check(Array.isArray(value) && value.length > 0, setting, value,
        "must list at least one domain when egressMode is \"allowlist\"; use egressMode \"sealed\" for no internet egress");
    const list = value as unknown[];
    check(list.length <= MAX_EGRESS_DOMAINS, setting, `${list.length} domains`, `at most ${MAX_EGRESS_DOMAINS} domains are supported`);
    const domains = list.map((d, i) => validateEgressDomain(d, `${setting}[${i}]`));
    domains.forEach((d, i) => check(domains.indexOf(d) === i, `${setting}[${i}]`, d, "is listed twice"));
    return domains;
}

export function validateFlowLogRetentionDays(value: unknown, setting: string): number {
    check(typeof value === "number" && LOG_RETENTION_DAYS_AT_LEAST_A_YEAR.includes(value), setting, value,
        `must be a CloudWatch Logs retention of at least 365 days: one of ${LOG_RETENTION_DAYS_AT_LEAST_A_YEAR.join(", ")}`);
    return value as number;
}

/** Used in log group names, KMS aliases and the firewall name. */
export function validateNamePrefix(value: unknown, setting: string): string {
    check(typeof value === "string" && /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/.test(value), setting, value,
        "must be 2-32 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen");
    return value as string;
}

/** The AWS-managed Route 53 Resolver DNS Firewall threat lists blocked in every VPC. */
export const MANAGED_DOMAIN_LISTS = [
    "AWSManagedDomainsAggregateThreatList",
    "AWSManagedDomainsAmazonGuardDutyThreatList",
    "AWSManagedDomainsMalwareDomainList",
    "AWSManagedDomainsBotnetCommandandControl",
] as const;
export type ManagedDomainListName = (typeof MANAGED_DOMAIN_LISTS)[number];

/**
 * Region-specific ids of the managed lists (`aws route53resolver list-firewall-domain-lists`). A named interface
 * rather than a `Record` over the names, so the component package's schema has an object type with four required
 * properties; `satisfies` below keeps its keys equal to MANAGED_DOMAIN_LISTS.
 */
export interface ManagedDomainListIds {
    AWSManagedDomainsAggregateThreatList: string;
    AWSManagedDomainsAmazonGuardDutyThreatList: string;
    AWSManagedDomainsMalwareDomainList: string;
    AWSManagedDomainsBotnetCommandandControl: string;
}
// Compile-time proof that the interface and the list name the same four lists.
const _sameLists: Record<ManagedDomainListName, true> = {
    AWSManagedDomainsAggregateThreatList: true, AWSManagedDomainsAmazonGuardDutyThreatList: true,
    AWSManagedDomainsMalwareDomainList: true, AWSManagedDomainsBotnetCommandandControl: true,
} satisfies Record<keyof ManagedDomainListIds, true>;
void _sameLists;

const DOMAIN_LIST_ID_RE = /^rslvr-fdl-[0-9a-z]{8,32}$/;

export function validateManagedDomainListIds(value: unknown, setting: string): ManagedDomainListIds {
    check(isPlainObject(value), setting, value, `must map each of ${MANAGED_DOMAIN_LISTS.join(", ")} to its domain list id in this region`);
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
        if (!(MANAGED_DOMAIN_LISTS as readonly string[]).includes(key)) {
            throw new ValidationError(`${setting}.${key}`, obj[key], `unknown managed domain list; known lists are ${MANAGED_DOMAIN_LISTS.join(", ")}`);
        }
    }
    for (const name of MANAGED_DOMAIN_LISTS) {
        check(typeof obj[name] === "string" && DOMAIN_LIST_ID_RE.test(obj[name] as string), `${setting}.${name}`, obj[name],
            "must be the list's id in this region (rslvr-fdl-...), from `aws route53resolver list-firewall-domain-lists`");
    }
    const ids = MANAGED_DOMAIN_LISTS.map((n) => obj[n]);
    check(new Set(ids).size === ids.length, setting, value, "each managed list must have its own id");
    return obj as unknown as ManagedDomainListIds;
}
