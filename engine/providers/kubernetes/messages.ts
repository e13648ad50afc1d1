/**
 * How the provider's error messages show a value: encoding/json's type names, the type names of the ConfigGroup
 * args' errors, and printUnstructured's JSON cut to 100 characters (provider/pkg/provider/yaml/v2/yaml.go).
 */
import { isMapValue } from "./wire";
import type { Obj } from "./wire";

export function goTypeName(v: unknown): string {
    return Array.isArray(v) ? "array" : typeof v === "string" ? "string" : typeof v === "number" ? "number" : "bool";
}

export function wireType(v: unknown): string {
    return v === null ? "null" : Array.isArray(v) ? "[]" : isMapValue(v) ? "object" : typeof v === "number" ? "number" : typeof v;
}

/** Go's json.Marshal of the object, cut to 100 characters (printUnstructured), for error messages. */
export function printObject(obj: Obj): string {
    const sorted = (v: unknown): unknown => (Array.isArray(v) ? v.map(sorted) : isMapValue(v)
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
    const s = [...JSON.stringify(sorted(obj))];
    return s.length <= 100 ? s.join("") : `${s.slice(0, 97).join("")}...`;
}
