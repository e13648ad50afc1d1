/** IPv4 CIDR arithmetic and the subnet plan. Pure: no Pulumi, no AWS. */

export interface Ipv4Cidr {
    /** Network address as an unsigned 32-bit integer (host bits zero). */
    base: number;
    prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/n` strictly (no leading zeros, which some tools read as octal; no missing prefix), host bits
 * allowed: `base` is the address as written. Undefined for anything else.
 */
export function parseIpv4Prefix(text: string): Ipv4Cidr | undefined {
    const m = CIDR_RE.exec(text);
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if ([...m.slice(1, 5), m[5]].some((o) => o.length > 1 && o.startsWith("0"))) return undefined;
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    return { base, prefix };
}

/** True when the bits after the prefix are all zero (`10.0.0.0/16`, not `10.0.1.0/16`). */
export function hasNoHostBits(c: Ipv4Cidr): boolean {
    return (c.base & hostMask(c.prefix)) === 0;
}

/** Parses `a.b.c.d/n` as a network: undefined for anything else, including host bits set (`10.0.0.1/16`). */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
    const c = parseIpv4Prefix(text);
    return c && hasNoHostBits(c) ? c : undefined;
}

function hostMask(prefix: number): number {
    return prefix === 0 ? 0xffffffff : (2 ** (32 - prefix) - 1) >>> 0;
}

export function formatIpv4Cidr(c: Ipv4Cidr): string {
    const b = c.base;
    return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

export function cidrSize(c: Ipv4Cidr): number {
    return 2 ** (32 - c.prefix);
}

/** True when `inner` lies wholly inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
    return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + cidrSize(inner) <= outer.base + cidrSize(outer);
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
    return a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}

/** The `index`-th block of length `newPrefix` inside `parent`. */
export function nthSubnet(parent: Ipv4Cidr, newPrefix: number, index: number): Ipv4Cidr {
    const count = 2 ** (newPrefix - parent.prefix);
    if (newPrefix < parent.prefix || newPrefix > 32 || !Number.isInteger(index) || index < 0 || index >= count) {
        throw new RangeError(`no block ${index} of /${newPrefix} in ${formatIpv4Cidr(parent)}`);
    }
    return { base: parent.base + index * 2 ** (32 - newPrefix), prefix: newPrefix };
}

/** The RFC 1918 private ranges: a VPC outside them would route its "private" addresses on the internet. */
export const RFC1918_RANGES: readonly Ipv4Cidr[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseIpv4Cidr(c) as Ipv4Cidr);

export function isRfc1918(c: Ipv4Cidr): boolean {
    return RFC1918_RANGES.some((r) => cidrContains(r, c));
}

/** AWS's smallest subnet, and the size used for the firewall and NAT subnets (they hold one ENI per AZ). */
export const INFRA_SUBNET_PREFIX = 28;

export interface SubnetPlan {
    /** Node (and endpoint) subnets, one per AZ, in AZ order. */
    private: string[];
    /** Network Firewall endpoint subnets, one per AZ (used in allowlist mode only). */
    firewall: string[];
    /** NAT gateway subnets, one per AZ (used in allowlist mode only). */
    egress: string[];
}

/**
 * Splits the VPC CIDR into one large private subnet per AZ plus small firewall and egress subnets.
 *
 * The firewall and egress blocks are reserved in BOTH egress modes, so switching `sealed` <-> `allowlist` adds or
 * removes those subnets without renumbering (and so replacing) the node subnets.
 *
 * Private subnets get the largest equal power-of-two share that still leaves at least one spare block holding
 * `2 * azCount` /28s. Throws RangeError when the VPC is too small for that.
 */
export function planSubnets(vpcCidr: string, azCount: number): SubnetPlan {
    const vpc = parseIpv4Cidr(vpcCidr);
    if (!vpc) throw new RangeError(`not an IPv4 CIDR: ${vpcCidr}`);
    if (!Number.isInteger(azCount) || azCount < 1) throw new RangeError(`azCount must be a positive integer, got ${azCount}`);
    const infraNeeded = 2 * azCount * 2 ** (32 - INFRA_SUBNET_PREFIX);
    for (let bits = Math.ceil(Math.log2(azCount + 1)); vpc.prefix + bits <= INFRA_SUBNET_PREFIX; bits++) {
        const privatePrefix = vpc.prefix + bits;
        const blocks = 2 ** bits;
        const spareBlocks = blocks - azCount;
        if (spareBlocks * 2 ** (32 - privatePrefix) < infraNeeded) continue;
        const priv = Array.from({ length: azCount }, (_, i) => nthSubnet(vpc, privatePrefix, i));
        // Infra /28s are carved from the spare blocks after the node subnets, so they never overlap one.
        const infraBase = vpc.base + azCount * 2 ** (32 - privatePrefix);
        const infraAt = (k: number): Ipv4Cidr => ({ base: infraBase + k * 2 ** (32 - INFRA_SUBNET_PREFIX), prefix: INFRA_SUBNET_PREFIX });
        return {
            private: priv.map(formatIpv4Cidr),
            firewall: Array.from({ length: azCount }, (_, i) => formatIpv4Cidr(infraAt(i))),
            egress: Array.from({ length: azCount }, (_, i) => formatIpv4Cidr(infraAt(azCount + i))),
        };
    }
    throw new RangeError(`${vpcCidr} is too small for ${azCount} availability zones`);
}
