/** Small readers for provider input values (bridged providers send some booleans as strings). */
import { isUnknownSentinel, UnknownValueError } from "./unknowns";

/**
 * Whether `parent[key]` is set, without needing its value: an unknown value counts as set, so "is a key ARN
 * given?" is decided in a preview even though the ARN itself is only known after create. Never throws.
 */
export function hasValue(parent: unknown, key: string): boolean {
    if (parent === null || typeof parent !== "object") return false;
    if (!(key in parent)) return false;
    try {
        const v = (parent as Record<string, unknown>)[key];
        if (isUnknownSentinel(v)) return true;
        return v !== undefined && v !== null && v !== "";
    } catch (e) {
        if (e instanceof UnknownValueError) return true;
        throw e;
    }
}

/** `true`, `"true"` (launch template network interfaces take strings) -> true; `false`, `"false"` -> false. */
export function asBool(v: unknown): boolean | undefined {
    if (v === true || v === "true") return true;
    if (v === false || v === "false") return false;
    return undefined;
}

export function asString(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

/** A list value as an array (a single value becomes a one-element list; absent becomes []). */
export function asList(v: unknown): unknown[] {
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : [v];
}

export function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON for messages, short. */
export function show(v: unknown): string {
    if (typeof v === "symbol") return "<unknown>";
    if (v === undefined) return "unset";
    const s = JSON.stringify(v);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
