/**
 * The field accessors of k8s.io/apimachinery's unstructured package (NestedFieldNoCopy, getNestedString,
 * SetNestedField, RemoveNestedField) over wire values.
 */
import { isUnknown } from "../../constants";
import { isMapValue, setKey } from "./wire";
import type { Obj } from "./wire";

/** unstructured.NestedFieldNoCopy: `found` is false for a missing key and for a path through a non-map. */
export function nested(o: Obj, ...path: string[]): { found: boolean; value: unknown } {
    let cur: unknown = o;
    for (const p of path) {
        if (!isMapValue(cur) || !Object.hasOwn(cur, p)) return { found: false, value: undefined };
        cur = cur[p];
    }
    return { found: true, value: cur };
}

/** unstructured's getNestedString (GetName, GetNamespace, GetKind, ...): "" unless it is a string, and an unknown is not one. */
export function nestedString(o: Obj, ...path: string[]): string {
    const { value } = nested(o, ...path);
    return typeof value === "string" && !isUnknown(value) ? value : "";
}

/** unstructured.SetNestedField: creates missing maps, fails (false) through a non-map such as an unknown. */
export function setNested(o: Obj, value: unknown, ...path: string[]): boolean {
    let m = o;
    for (const p of path.slice(0, -1)) {
        if (!Object.hasOwn(m, p)) setKey(m, p, {});
        const next = m[p];
        if (!isMapValue(next)) return false;
        m = next;
    }
    setKey(m, path[path.length - 1]!, value);
    return true;
}

export function removeNested(o: Obj, ...path: string[]): void {
    const parent = nested(o, ...path.slice(0, -1));
    if (parent.found && isMapValue(parent.value)) delete parent.value[path[path.length - 1]!];
}
