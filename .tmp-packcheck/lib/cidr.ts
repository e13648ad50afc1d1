/**
 * CIDR reading for policies: which ranges mean "the internet", and whether one range lies inside another.
 * Pure and forgiving: anything that is not a CIDR yields `undefined`, never an exception, because a policy
 * that throws fails the whole `pulumi preview`.
 */

export interface Cidr {
    version: 4 | 6;
    /** Network address; IPv4 as a number, IPv6 as a bigint. */
    address: bigint;
    prefix: number;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

function parseV4(text: string): Cidr | undefined {
    const m = V4.exec(text);
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    const prefix = m[5] === undefined ? 32 : Number(m[5]);
    if (prefix > 32) return undefined;
    const address = octets.reduce((acc, o) => acc * 256n + BigInt(o), 0n);
    return { version: 4, address: maskTo(address, prefix, 32), prefix };
}

function parseV6(text: string): Cidr | undefined {
    const [addr, pfx, extra] = text.split("/");
    if (extra !== undefined || addr === undefined || !/^[0-9a-fA-F:.]+$/.test(addr) || !addr.includes(":")) return undefined;
    const prefix = pfx === undefined ? 128 : /^\d{1,3}$/.test(pfx) ? Number(pfx) : NaN;
    if (!(prefix >= 0 && prefix <= 128)) return undefined;
    const halves = addr.split("::");
    if (halves.length > 2) return undefined;
    const groups = (s: string): string[] => (s === "" ? [] : s.split(":"));
    const head = groups(halves[0]!);
    const tail = halves.length === 2 ? groups(halves[1]!) : [];
    // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
    const expand = (gs: string[]): string[] | undefined => {
        const out: string[] = [];
        for (const g of gs) {
            if (g.includes(".")) {
                const v4 = parseV4(g);
                if (!v4 || v4.prefix !== 32) return undefined;
                out.push((v4.address >> 16n).toString(16), (v4.address & 0xffffn).toString(16));
            } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(g);
            else return undefined;
        }
        return out;
    };
    const h = expand(head);
    const t = expand(tail);
    if (!h || !t) return undefined;
    const missing = 8 - h.length - t.length;
    if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
    const all = [...h, ...Array<string>(Math.max(missing, 0)).fill("0"), ...t];
    const address = all.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
    return { version: 6, address: maskTo(address, prefix, 128), prefix };
}

function maskTo(address: bigint, prefix: number, bits: number): bigint {
    const host = BigInt(bits - prefix);
    return (address >> host) << host;
}

/** Parses an IPv4 or IPv6 CIDR (a bare address counts as /32 or /128); host bits are dropped. */
export function parseCidr(text: unknown): Cidr | undefined {
    if (typeof text !== "string") return undefined;
    const s = text.trim();
    return s.includes(":") ? parseV6(s) : parseV4(s);
}

/** `0.0.0.0/0` or `::/0`, however written (`0::/0`, `0.0.0.0/00` is not a CIDR). */
export function isWholeInternet(text: unknown): boolean {
    const c = parseCidr(text);
    return c !== undefined && c.prefix === 0;
}

/** Broadest prefixes accepted as "a range someone owns": anything broader is effectively the internet. */
export const BROADEST_IPV4_PREFIX = 8;
export const BROADEST_IPV6_PREFIX = 16;

/**
 * True for a range broader than /8 (IPv4) or /16 (IPv6). Catches `0.0.0.0/0` and `::/0` and also the
 * "two halves" trick (`0.0.0.0/1` + `128.0.0.0/1`) that opens the internet without writing /0.
 */
export function isInternetWide(text: unknown): boolean {
    const c = parseCidr(text);
    if (!c) return false;
    return c.prefix < (c.version === 4 ? BROADEST_IPV4_PREFIX : BROADEST_IPV6_PREFIX);
}

/** True when `inner` lies wholly inside `outer` (same IP version). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
    if (outer.version !== inner.version || inner.prefix < outer.prefix) return false;
    const bits = outer.version === 4 ? 32 : 128;
    return maskTo(inner.address, outer.prefix, bits) === outer.address;
}

/** Whether `cidr` lies inside one of `allowlist` (strings; invalid entries ignored). */
export function withinAllowlist(cidr: string, allowlist: readonly string[]): boolean {
    const c = parseCidr(cidr);
    if (!c) return false;
    return allowlist.some((a) => {
        const outer = parseCidr(a);
        return outer !== undefined && cidrContains(outer, c);
    });
}
