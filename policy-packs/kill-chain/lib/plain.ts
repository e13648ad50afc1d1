/**
 * Small readers for provider input values (bridged providers send some booleans as strings). Dependency-free, so
 * the review catalog (which never loads the policy SDK) can share them with the policies.
 */

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
