/**
 * IAM Condition evaluation against one request scenario of the path model (a pod calling S3 through the VPC
 * endpoint, someone on the internet, another account, an AWS service...). Semantics follow the IAM reference
 * ("IAM JSON policy elements: Condition operators"): values of one key are ORed, keys and operators ANDed; a key
 * absent from the request makes a positive operator false and a negated one (`StringNotEquals`, `ArnNotLike`,
 * `NotIpAddress`...) true; `...IfExists` is true when the key is absent; `Null` tests presence; `ForAllValues` over an
 * absent key is true.
 *
 * A scenario decides only the keys it models. A condition on any other key is `free`: the caller may be able to
 * arrange it, so an Allow counts it as met and a Deny as not met. Erring that way can only make the model find a
 * path that is not there, never miss one.
 */
import { Condition } from "./iam";
import { matches } from "./iam-match";
import { BROADEST_IPV4_PREFIX, BROADEST_IPV6_PREFIX, cidrContains, parseCidr } from "./cidr";

/** true / false; `free`: on a key the scenario does not model; `unknown`: on a value the stack does not know yet. */
export type CondResult = true | false | "free" | "unknown";

export interface RequestContext {
    /** Modelled keys present in the request, lower-cased, with their values. */
    present: Record<string, string[]>;
    /** Modelled keys absent from the request, lower-cased. */
    absent: readonly string[];
    /** Modelled keys present with a value the stack does not know yet (e.g. a role ARN before create), lower-cased. */
    unknown?: readonly string[];
    /** The caller picks its source address anywhere on the internet: `aws:SourceIp` holds whatever a condition needs. */
    sourceIpAnywhere?: boolean;
}

/**
 * Addresses in the union of the IPv4 `cidrs` (overlaps counted once), and whether an IPv6 range broader than the
 * pack's limit is among them. `0.0.0.0/1` + `128.0.0.0/1` is all of IPv4 although neither is written /0.
 */
export function ipUnion(cidrs: readonly string[]): { v4Addresses: bigint; broadV6: boolean } {
    const v4: [bigint, bigint][] = [];
    let broadV6 = false;
    for (const text of cidrs) {
        const c = parseCidr(text);
        if (!c) continue;
        if (c.version === 6) broadV6 ||= c.prefix < BROADEST_IPV6_PREFIX;
        else v4.push([c.address, c.address + 2n ** BigInt(32 - c.prefix)]);
    }
    v4.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let total = 0n;
    let end = -1n;
    for (const [s, e] of v4) {
        if (s >= end) { total += e - s; end = e; } else if (e > end) { total += e - end; end = e; }
    }
    return { v4Addresses: total, broadV6 };
}

/** Whether the union of `cidrs` is broader than the pack's limit for "a range someone owns" (a /8). */
export function ipUnionBroad(cidrs: readonly string[]): boolean {
    const u = ipUnion(cidrs);
    return u.broadV6 || u.v4Addresses > 2n ** BigInt(32 - BROADEST_IPV4_PREFIX);
}

function inCidr(ip: string, cidr: string): boolean {
    const a = parseCidr(ip);
    const c = parseCidr(cidr);
    return a !== undefined && c !== undefined && cidrContains(c, a);
}

type Compare = (want: string, have: string) => boolean;

const COMPARE: Record<string, Compare> = {
    stringequals: (w, h) => w === h,
    stringequalsignorecase: (w, h) => w.toLowerCase() === h.toLowerCase(),
    stringlike: (w, h) => matches(w, h),
    arnequals: (w, h) => matches(w, h),
    arnlike: (w, h) => matches(w, h),
    bool: (w, h) => w.toLowerCase() === h.toLowerCase(),
    numericequals: (w, h) => Number(h) === Number(w),
    numericlessthan: (w, h) => Number(h) < Number(w),
    numericlessthanequals: (w, h) => Number(h) <= Number(w),
    numericgreaterthan: (w, h) => Number(h) > Number(w),
    numericgreaterthanequals: (w, h) => Number(h) >= Number(w),
    ipaddress: (w, h) => inCidr(h, w),
    binaryequals: (w, h) => w === h,
};

const NEGATED: Record<string, string> = {
    stringnotequals: "stringequals",
    stringnotequalsignorecase: "stringequalsignorecase",
    stringnotlike: "stringlike",
    arnnotequals: "arnequals",
    arnnotlike: "arnlike",
    numericnotequals: "numericequals",
    notipaddress: "ipaddress",
};

/** Operator parts: `ForAnyValue:StringLikeIfExists` -> set qualifier, base operator (lower case), IfExists. */
export function operatorParts(operator: string): { set?: "any" | "all"; base: string; ifExists: boolean } {
    let op = operator;
    let set: "any" | "all" | undefined;
    const m = /^For(Any|All)Values?:(.*)$/i.exec(op);
    if (m) {
        set = m[1]!.toLowerCase() === "any" ? "any" : "all";
        op = m[2]!;
    }
    const ifExists = /IfExists$/i.test(op);
    if (ifExists) op = op.slice(0, -"IfExists".length);
    return { set, base: op.toLowerCase(), ifExists };
}

/** One condition (one operator, one key, its values) in one scenario. */
export function evaluateCondition(c: Condition, ctx: RequestContext): CondResult {
    const key = c.key.toLowerCase();
    const { set, base, ifExists } = operatorParts(c.operator);
    const modelled = key in ctx.present || ctx.absent.includes(key) || (ctx.unknown ?? []).includes(key);
    if (!modelled) return "free";
    if ((ctx.unknown ?? []).includes(key)) return base === "null" ? c.values.every((v) => v.toLowerCase() === "false") : "unknown";
    const have = ctx.present[key];
    if (base === "null") {
        const wantsAbsent = c.values.some((v) => v.toLowerCase() === "true");
        return have === undefined ? wantsAbsent : !wantsAbsent;
    }
    // Own keys only: an operator named like an object property (`constructor`) is just an operator this model does not read.
    const negated = Object.prototype.hasOwnProperty.call(NEGATED, base) ? NEGATED[base] : undefined;
    const name = negated ?? base;
    const compare = Object.prototype.hasOwnProperty.call(COMPARE, name) ? COMPARE[name] : undefined;
    if (!compare) return "free"; // an operator this model does not read (Date*, Binary variants): the caller's choice
    if (have === undefined) {
        if (ifExists) return true;
        if (set === "all") return true;
        return negated !== undefined;
    }
    if (key === "aws:sourceip" && ctx.sourceIpAnywhere) {
        // The caller stands wherever a range lets it: inside a broad union, or outside any union that is not everything.
        return negated ? ipUnion(c.values).v4Addresses < 2n ** 32n : ipUnionBroad(c.values);
    }
    const one = (h: string): boolean => c.values.some((w) => compare(w, h));
    if (negated) {
        // StringNotEquals: none of the condition's values match (for every request value).
        return set === "any" ? have.some((h) => !one(h)) : have.every((h) => !one(h));
    }
    return set === "all" ? have.every(one) : have.some(one);
}

/** All conditions of a statement: ANDed, a definite false winning over anything undecided. */
export function evaluateConditions(conditions: readonly Condition[], ctx: RequestContext): CondResult {
    let result: CondResult = true;
    for (const c of conditions) {
        const r = evaluateCondition(c, ctx);
        if (r === false) return false;
        if (r === "unknown") result = "unknown";
        else if (r === "free" && result === true) result = "free";
    }
    return result;
}
