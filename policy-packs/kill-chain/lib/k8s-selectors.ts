/**
 * Kubernetes label selectors (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors),
 * evaluated against a pod template's labels: which NetworkPolicies select which pods. Pure, over snapshots (values
 * with the pack's UNKNOWN sentinel where a part is not known yet).
 */
import { UNKNOWN } from "./unknowns";
import { isObject } from "./values";

/**
 * Whether `selector` selects a pod with `labels`: every matchLabels pair equal, every matchExpression true (In: the
 * label is set to one of the values; NotIn: unset or none of them; Exists; DoesNotExist). An absent or empty
 * selector selects every pod. UNKNOWN when an unknown part could decide it; an unrecognised operator selects
 * nothing (the API server rejects it, so no such policy exists).
 */
export function selects(selector: unknown, labels: unknown): boolean | typeof UNKNOWN {
    if (selector === UNKNOWN || labels === UNKNOWN) return UNKNOWN;
    if (selector === undefined || selector === null) return true;
    if (!isObject(selector)) return false;
    const pod = isObject(labels) ? labels : {};
    let unknown = false;
    const { matchLabels, matchExpressions } = selector;
    if (matchLabels === UNKNOWN || matchExpressions === UNKNOWN) return UNKNOWN;
    if (isObject(matchLabels)) {
        for (const [k, v] of Object.entries(matchLabels)) {
            if (v === UNKNOWN || pod[k] === UNKNOWN) unknown = true;
            else if (pod[k] !== v) return false;
        }
    }
    for (const e of Array.isArray(matchExpressions) ? matchExpressions : []) {
        if (!isObject(e) || e.key === UNKNOWN || e.operator === UNKNOWN || e.values === UNKNOWN) {
            unknown = true;
            continue;
        }
        const value = pod[String(e.key)];
        if (value === UNKNOWN) {
            unknown = true;
            continue;
        }
        const values = Array.isArray(e.values) ? e.values : [];
        if (values.includes(UNKNOWN)) {
            unknown = true;
            continue;
        }
        const has = Object.prototype.hasOwnProperty.call(pod, String(e.key));
        const ok = e.operator === "In" ? has && values.includes(value)
            : e.operator === "NotIn" ? !has || !values.includes(value)
                : e.operator === "Exists" ? has
                    : e.operator === "DoesNotExist" ? !has : false;
        if (!ok) return false;
    }
    return unknown ? UNKNOWN : true;
}
