/**
 * Validation errors thrown before any resource is registered. The message is one line that names the
 * setting (a config key like `hardened-stack:cluster.publicAccessCidrs[1]` or a component prop like
 * `PrivateCluster.nodeGroup.maxSize`), the bad value and what to do instead.
 */
export class ValidationError extends Error {
    constructor(
        public readonly setting: string,
        public readonly value: unknown,
        public readonly requirement: string,
    ) {
        super(`invalid ${setting}: ${describeValue(value)} — ${requirement}`);
        this.name = "ValidationError";
    }
}

export function describeValue(value: unknown): string {
    if (value === undefined) return "(unset)";
    if (typeof value === "string") return JSON.stringify(value);
    try {
        const s = JSON.stringify(value);
        return s.length > 120 ? `${s.slice(0, 117)}...` : s;
    } catch {
        return String(value);
    }
}

/** Throws a ValidationError unless `ok` holds. */
export function check(ok: boolean, setting: string, value: unknown, requirement: string): void {
    if (!ok) throw new ValidationError(setting, value, requirement);
}

/**
 * The value, if it is one of an `as const` enum object's values (the shape the component package's schema needs);
 * otherwise a ValidationError naming the setting, the value and the allowed values (or `requirement`).
 */
export function enumValue<E extends Record<string, string>>(e: E, value: unknown, setting: string, requirement?: string): E[keyof E] {
    const allowed: readonly string[] = Object.values(e);
    check(typeof value === "string" && allowed.includes(value), setting, value, requirement ?? `must be one of ${allowed.join(", ")}`);
    return value as E[keyof E];
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Rejects keys the reader does not know, so a typo (`egresMode`) is an error rather than a silent default. */
export function rejectUnknownKeys(setting: string, obj: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(obj)) {
        if (!known.includes(key)) {
            throw new ValidationError(`${setting}.${key}`, obj[key], `unknown setting; known settings are ${known.join(", ")}`);
        }
    }
}
