/**
 * Wire values as the provider sees them (what `Struct.toJavaScript()` gives: unknowns are the sentinel strings, secrets
 * `{ [SPECIAL_SIG]: SECRET_SIG, value }`): Go maps, secrets stripped or wrapped, and the `x_kubernetes_*` keys renamed
 * (provider/pkg/provider/provider.go propMapToUnstructured, mapReplStripSecrets, underscoreToDashMap).
 */
import { isSecret, isUnknown, SECRET_SIG, SPECIAL_SIG } from "../../constants";

export type Obj = Record<string, unknown>;

/** A Go `map[string]interface{}`: a plain object that is neither a secret nor an unknown. */
export function isMapValue(v: unknown): v is Obj {
    return typeof v === "object" && v !== null && !Array.isArray(v) && !isSecret(v);
}

export function secretOf(v: unknown): Obj {
    return { [SPECIAL_SIG]: SECRET_SIG, value: v };
}

/** Own-property assignment that a `__proto__` key from a manifest cannot turn into a prototype change. */
export function setKey(o: Obj, k: string, v: unknown): void {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function walk(v: unknown, f: (x: unknown) => boolean): boolean {
    if (f(v)) return true;
    if (isSecret(v)) return walk(v.value, f);
    if (Array.isArray(v)) return v.some((e) => walk(e, f));
    if (isMapValue(v)) return Object.values(v).some((e) => walk(e, f));
    return false;
}

export const containsUnknown = (v: unknown): boolean => walk(v, isUnknown);
export const containsSecret = (v: unknown): boolean => walk(v, isSecret);

/** provider.go mapReplStripSecrets: the provider works on the values under the secrets. */
export function stripSecrets(v: unknown): unknown {
    return unwrap(v, false);
}

// provider.go underscoreToDashMap: the SDKs' names for the OpenAPI extension keys of a CRD schema.
const DASHED_KEYS = new Map(["embedded_resource", "int_or_string", "list_map_keys", "list_type", "map_type", "preserve_unknown_fields", "validations"]
    .map((k) => [`x_kubernetes_${k}`, `x-kubernetes-${k.replaceAll("_", "-")}`]));

/**
 * provider.go propMapToUnstructured: secrets stripped and, outside them (the replacer is not passed into a secret),
 * the `x_kubernetes_*` keys renamed `x-kubernetes-*`. Check hands the renamed keys back.
 */
export function unwrap(v: unknown, renameKeys: boolean): unknown {
    if (isSecret(v)) return unwrap(v.value, false);
    if (Array.isArray(v)) return v.map((e) => unwrap(e, renameKeys));
    if (isMapValue(v)) {
        const out: Obj = {};
        for (const [k, e] of Object.entries(v)) setKey(out, (renameKeys && DASHED_KEYS.get(k)) || k, unwrap(e, renameKeys));
        return out;
    }
    return v;
}
