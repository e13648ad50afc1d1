import { ValidationError, check } from "../lib/validation";
import { hasNoHostBits, parseIpv4Prefix } from "../network/cidr";

/** Broadest prefix accepted for the public endpoint allowlist: a /16 is already 65,536 addresses. */
export const MIN_PUBLIC_ACCESS_PREFIX = 16;
/** EKS accepts at most 40 public access CIDRs. */
export const MAX_PUBLIC_ACCESS_CIDRS = 40;

/**
 * Validates the public endpoint allowlist. `undefined` means "no public endpoint" and is the secure default;
 * anything else must be a non-empty list of IPv4 CIDRs no broader than /16 with no host bits set. An empty list
 * is rejected rather than read as "private", because EKS reads a public endpoint with no CIDRs as 0.0.0.0/0.
 */
export function validatePublicAccessCidrs(value: unknown, setting: string): string[] | undefined {
    if (value === undefined) return undefined;
    check(Array.isArray(value), setting, value, "must be a list of IPv4 CIDRs, or unset to keep the API endpoint private");
    const list = value as unknown[];
    check(list.length > 0, setting, value,
        "must not be empty: EKS treats a public endpoint without CIDRs as open to 0.0.0.0/0; unset it to keep the API endpoint private");
    check(list.length <= MAX_PUBLIC_ACCESS_CIDRS, setting, value, `must list at most ${MAX_PUBLIC_ACCESS_CIDRS} CIDRs (the EKS limit)`);
    list.forEach((item, i) => {
        const at = `${setting}[${i}]`;
        check(typeof item === "string", at, item, "must be an IPv4 CIDR string such as 203.0.113.0/24");
        const s = item as string;
        check(!s.includes(":"), at, s, "must be an IPv4 CIDR; IPv6 ranges (including ::/0) are not accepted for the public endpoint");
        const cidr = parseIpv4Prefix(s);
        if (!cidr) throw new ValidationError(at, s, "must be an IPv4 CIDR written a.b.c.d/n, such as 203.0.113.0/24");
        check(cidr.prefix >= MIN_PUBLIC_ACCESS_PREFIX, at, s,
            `must be /${MIN_PUBLIC_ACCESS_PREFIX} or narrower; list the exact office or VPN egress ranges instead of a broad block`);
        check(hasNoHostBits(cidr), at, s, "must not have host bits set; write the network address of the range");
    });
    check(new Set(list).size === list.length, setting, value, "must not list a CIDR twice");
    return list as string[];
}

/** The endpoint part of the EKS `vpcConfig`: private always on, public only with an allowlist. */
export interface EndpointAccess {
    endpointPrivateAccess: true;
    endpointPublicAccess: boolean;
    publicAccessCidrs?: string[];
}

export function endpointAccess(publicAccessCidrs: string[] | undefined): EndpointAccess {
    if (publicAccessCidrs === undefined) {
        // Set to false explicitly: the EKS API's own default for endpointPublicAccess is true.
        return { endpointPrivateAccess: true, endpointPublicAccess: false };
    }
    return { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: [...publicAccessCidrs] };
}
