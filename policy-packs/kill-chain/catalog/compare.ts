/**
 * Value readers and comparators of the review catalog: each comparator returns a PropertyCheck["weakens"], deciding
 * whether a step from an old value to a new one weakens a control. Pure and dependency-free.
 */
import { cidrContains, parseCidr } from "../lib/cidr";
import type { CompareContext, PropertyCheck } from "./model";

// ---------- value helpers ----------

export function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Follows a dotted path; a one-element list on the way is stepped into (bridged providers send blocks as lists). */
export function readPath(obj: unknown, path: string): unknown {
    let cur: unknown = obj;
    for (const key of path.split(".")) {
        if (Array.isArray(cur) && cur.length === 1) cur = cur[0];
        if (!isRecord(cur)) return undefined;
        cur = cur[key];
    }
    return cur;
}

export function bool(v: unknown): boolean | undefined {
    if (v === true || v === "true") return true;
    if (v === false || v === "false") return false;
    return undefined;
}

export function list(v: unknown): unknown[] {
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : [v];
}

/** Deep structural equality of JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
    if (isRecord(a) && isRecord(b)) {
        const ka = Object.keys(a).filter((k) => a[k] !== undefined);
        const kb = Object.keys(b).filter((k) => b[k] !== undefined);
        return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
    }
    return false;
}

/** Whether any part of `v` is unknown. */
export function containsUnknown(v: unknown, ctx: CompareContext): boolean {
    if (ctx.isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some((x) => containsUnknown(x, ctx));
    if (isRecord(v)) return Object.values(v).some((x) => containsUnknown(x, ctx));
    return false;
}

export function short(v: unknown): string {
    const s = typeof v === "string" ? v : JSON.stringify(v);
    return s === undefined ? "unset" : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

// ---------- comparators (each returns a PropertyCheck["weakens"]) ----------

/** A flag whose `true` opens something (public endpoint, public IP). `unset` means the provider default. */
export function turnedOn(unsetMeans: boolean, what: string): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const b = bool(before) ?? unsetMeans;
        const a = bool(after) ?? unsetMeans;
        return !b && a ? `${what} is now on${after === undefined ? " (unset means on)" : ""}` : undefined;
    };
}

/** A flag whose `true` protects something (block public access, key rotation). */
export function turnedOff(unsetMeans: boolean, what: string): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const b = bool(before) ?? unsetMeans;
        const a = bool(after) ?? unsetMeans;
        return b && !a ? `${what} is now off${after === undefined ? " (unset means off)" : ""}` : undefined;
    };
}

/** CIDR lists: a new range not inside any old one widens access. `unset` means the provider default. */
export function cidrsWidened(unsetMeans: readonly string[]): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        const b = (before === undefined || (Array.isArray(before) && before.length === 0) ? unsetMeans : list(before)).map(parseCidr);
        const a = after === undefined || (Array.isArray(after) && after.length === 0) ? [...unsetMeans] : list(after);
        const wider = a.filter((c) => !ctx.isUnknown(c)).filter((c) => {
            const cidr = parseCidr(c);
            return cidr === undefined ? typeof c === "string" : !b.some((o) => o !== undefined && cidrContains(o, cidr));
        });
        return wider.length > 0 ? `admits ${wider.map(short).join(", ")}` : undefined;
    };
}

/** An ordered setting, strongest first (`["API", "API_AND_CONFIG_MAP", "CONFIG_MAP"]`): moving right weakens. */
export function rankLowered(strongestFirst: readonly string[], unsetMeans: string | undefined): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const rank = (v: unknown) => {
            const s = typeof v === "string" ? v : unsetMeans;
            const i = s === undefined ? -1 : strongestFirst.findIndex((x) => x.toLowerCase() === s.toLowerCase());
            return i < 0 ? strongestFirst.length : i;
        };
        return rank(after) > rank(before) ? `${short(before ?? unsetMeans ?? "unset")} → ${short(after ?? unsetMeans ?? "unset")} is weaker` : undefined;
    };
}

/** A number whose growth weakens (IMDS hop limit). */
export function numberRaised(unsetMeans: number): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const b = typeof before === "number" ? before : unsetMeans;
        const a = typeof after === "number" ? after : unsetMeans;
        return a > b ? `raised from ${b} to ${a}` : undefined;
    };
}

/** Log retention in days: 0 or unset keeps logs forever, so any positive value below the old one shortens it. */
export function retentionShortened(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const days = (v: unknown) => (typeof v === "number" && v > 0 ? v : Infinity);
        return days(after) < days(before) ? `logs are kept ${days(after)} days instead of ${days(before) === Infinity ? "forever" : `${days(before)} days`}` : undefined;
    };
}

/** A setting whose presence is the control (a KMS key, an encryption config, a permissions boundary). */
export function removed(what: string): PropertyCheck["weakens"] {
    return (before, after) => {
        const set = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
        return set(before) && !set(after) ? `${what} is removed` : undefined;
    };
}

/** Entries of a set that the control needs (log types, policy types): losing one weakens. */
export function entriesLost(what: string): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const a = list(after).map((x) => String(x).toLowerCase());
        const lost = list(before).filter((x) => !ctx.isUnknown(x) && !a.includes(String(x).toLowerCase()));
        return lost.length > 0 ? `${what} no longer include ${lost.map(short).join(", ")}` : undefined;
    };
}

/** Entries that each grant something (subjects, attached policies, rules): a new one widens. */
export function entriesGained(what: string): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        const b = list(before);
        const gained = list(after).filter((x) => !containsUnknown(x, ctx) && !b.some((y) => sameValue(x, y)));
        return gained.length > 0 ? `${what} gained ${gained.map(short).join(", ")}` : undefined;
    };
}

/** Any change at all is a grant to review (a different attached policy, a different role reference). */
export function changedTo(what: string): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (containsUnknown(after, ctx) || sameValue(before, after)) return undefined;
        return `${what} is now ${short(after)} (was ${short(before)})`;
    };
}
