import type { PolicyConfigSchema } from "@pulumi/policy";
import { isObject } from "./values";

/**
 * A policy's configuration with its defaults applied. The engine fills schema defaults when it runs the pack, but
 * `getConfig()` returns `{}` when no config was sent (tests, older CLIs), so the defaults are applied here too.
 */
export function configWithDefaults<T extends object>(raw: unknown, defaults: T): T {
    if (!isObject(raw)) return { ...defaults };
    const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const k of Object.keys(defaults)) if (raw[k] !== undefined && raw[k] !== null) out[k] = raw[k];
    return out as T;
}

/** A config schema of string-list properties, each with its default and description. */
export function stringListSchema(props: Record<string, { description: string; default: string[] }>): PolicyConfigSchema {
    const properties: PolicyConfigSchema["properties"] = {};
    for (const [k, v] of Object.entries(props)) {
        properties[k] = { type: "array", items: { type: "string" }, default: v.default, description: v.description };
    }
    return { properties };
}

/** Strings of a config list; other entries are ignored (the engine validated the schema already). */
export function stringList(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
