/**
 * How much of the internet a set of ranges opens, taken together. Rule-by-rule checks catch `0.0.0.0/0` and broad
 * prefixes; a union of narrow ones (`0.0.0.0/1` + `128.0.0.0/1`, a hundred public /8s, a prefix list of /9s) opens
 * the same. The measure: public addresses covered (private, shared, loopback, link-local and multicast space not
 * counted, `except` blocks removed), compared with one /8 (IPv4) or /16 (IPv6), the broadest single range the pack
 * accepts. Pure: interval arithmetic on bigints.
 */
import { BROADEST_IPV4_PREFIX, BROADEST_IPV6_PREFIX, parseCidr } from "./cidr";

type Interval = [bigint, bigint]; // [start, end)

/** Non-public IPv4 space (RFC 1918, 6598, loopback, link-local, multicast and reserved, "this network"). */
const NOT_PUBLIC_V4 = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3"];
/** Non-public IPv6 space: everything outside global unicast 2000::/3. */
const NOT_PUBLIC_V6 = ["::/3", "4000::/2", "8000::/1"];

function interval(text: string, version: 4 | 6): Interval | undefined {
    const c = parseCidr(text);
    if (!c || c.version !== version) return undefined;
    const bits = version === 4 ? 32 : 128;
    return [c.address, c.address + (1n << BigInt(bits - c.prefix))];
}

function merge(list: Interval[]): Interval[] {
    const sorted = [...list].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: Interval[] = [];
    for (const [s, e] of sorted) {
        const last = out[out.length - 1];
        if (last && s <= last[1]) last[1] = e > last[1] ? e : last[1];
        else out.push([s, e]);
    }
    return out;
}

function subtract(from: Interval[], cut: Interval[]): Interval[] {
    let out = from;
    for (const [cs, ce] of merge(cut)) {
        const next: Interval[] = [];
        for (const [s, e] of out) {
            if (ce <= s || cs >= e) next.push([s, e]);
            else {
                if (s < cs) next.push([s, cs]);
                if (ce < e) next.push([ce, e]);
            }
        }
        out = next;
    }
    return out;
}

/** A set of ranges with the blocks removed from them (a NetworkPolicy ipBlock's `except`). */
export interface RangeSet {
    cidrs: readonly string[];
    except: readonly string[];
}

/** Public addresses the union of the sets covers, each set's excepts removed from that set only, for one IP version. */
export function publicCoverageOf(sets: readonly RangeSet[], version: 4 | 6): bigint {
    const toIntervals = (xs: readonly string[]) => xs.map((x) => interval(x, version)).filter((i): i is Interval => i !== undefined);
    const parts = sets.flatMap((s) => subtract(merge(toIntervals(s.cidrs)), toIntervals(s.except)));
    const open = subtract(merge(parts), toIntervals(version === 4 ? NOT_PUBLIC_V4 : NOT_PUBLIC_V6));
    return open.reduce((sum, [st, e]) => sum + (e - st), 0n);
}

/** Public addresses the union of the sets covers, IPv4 and IPv6 together (a size to compare, not a count to show). */
export function publicAddresses(sets: readonly RangeSet[]): bigint {
    return publicCoverageOf(sets, 4) + publicCoverageOf(sets, 6);
}

/** Public addresses the union of `cidrs` covers, `except` removed, for one IP version. */
export function publicCoverage(cidrs: readonly string[], except: readonly string[], version: 4 | 6): bigint {
    return publicCoverageOf([{ cidrs, except }], version);
}

/** The most public space taken together the pack accepts: one /8 of IPv4, one /16 of IPv6. */
export const UNION_LIMIT = { 4: 1n << BigInt(32 - BROADEST_IPV4_PREFIX), 6: 1n << BigInt(128 - BROADEST_IPV6_PREFIX) } as const;

/** How many /8s (IPv4) or /16s (IPv6) of public space the sets open together, when more than one; undefined otherwise. */
export function internetWideUnionOf(sets: readonly RangeSet[]): string | undefined {
    for (const version of [4, 6] as const) {
        const covered = publicCoverageOf(sets, version);
        if (covered > UNION_LIMIT[version]) {
            const units = Number((covered * 10n) / UNION_LIMIT[version]) / 10;
            return `${units} ${version === 4 ? "/8s of public IPv4" : "/16s of public IPv6"} together`;
        }
    }
    return undefined;
}

/** internetWideUnionOf for one set of ranges. */
export function internetWideUnion(cidrs: readonly string[], except: readonly string[] = []): string | undefined {
    return internetWideUnionOf([{ cidrs, except }]);
}
