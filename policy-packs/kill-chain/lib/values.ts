/** Small readers for provider input values (bridged providers send some booleans as strings). */
import { isUnknownSentinel, UnknownValueError } from "./unknowns";

export { asBool, asList, asString, isObject, show } from "./plain";

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
