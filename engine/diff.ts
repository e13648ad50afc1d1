/**
 * What the provider's Check and Diff would make of a resource that exists already, as far as the offline engine can
 * tell without the provider: defaults re-applied from the old state, and whether the inputs changed.
 */
import type { Wire } from "./properties";

/** The keys the provider defaulted, as the bridge records them in the checked inputs. */
const DEFAULTS_KEY = "__defaults";

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Check with old inputs: a property the provider defaulted last time (listed in the old inputs' `__defaults`) and the
 * program still leaves unset gets the old value again (pulumi-terraform-bridge keeps a defaulted value, autonames
 * included, stable across updates).
 */
export function applyOldDefaults<T extends Record<string, unknown>>(inputs: T, oldInputs: Record<string, Wire>): T {
    const defaulted = oldInputs[DEFAULTS_KEY];
    if (!Array.isArray(defaulted)) return inputs;
    const out: Record<string, unknown> = { ...inputs };
    for (const k of defaulted) {
        if (typeof k === "string" && !(k in out) && k in oldInputs) out[k] = oldInputs[k];
    }
    if (!(DEFAULTS_KEY in out)) out[DEFAULTS_KEY] = defaulted;
    return out as T;
}

function equal(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
    }
    if (isObject(a) && isObject(b)) {
        const ka = Object.keys(a).filter((k) => a[k] !== undefined);
        const kb = Object.keys(b).filter((k) => b[k] !== undefined);
        return ka.length === kb.length && ka.every((k) => k in b && equal(a[k], b[k]));
    }
    return false;
}

/**
 * Whether new checked inputs equal the old ones, internal keys (`__defaults`, `__internal`) aside: the offline
 * stand-in for the provider's Diff saying "no changes". An unknown new value never equals an old one.
 */
export function sameInputs(news: Record<string, unknown>, olds: Record<string, Wire>): boolean {
    const strip = (m: Record<string, unknown>) => Object.fromEntries(Object.entries(m).filter(([k]) => !k.startsWith("__")));
    return equal(strip(news), strip(olds));
}
