/** S3 lifecycle rules that delete objects, as a log bucket's retention. Pure. */
import { asList, isObject } from "./plain";

/** Enabled lifecycle rules that delete current objects after a number of days: `[rule id, days]`. */
export function expirations(rules: unknown): [string, number][] {
    const out: [string, number][] = [];
    asList(rules).filter(isObject).forEach((r, i) => {
        if (r.status !== "Enabled") return;
        const days = asList(r.expiration).filter(isObject).map((e) => e.days).find((d) => typeof d === "number");
        if (typeof days === "number") out.push([typeof r.id === "string" ? r.id : `rules[${i}]`, days]);
    });
    return out;
}

/** Enabled lifecycle rules that delete current objects sooner than `minimum` days: `[rule id, days]`. */
export function shortExpirations(rules: unknown, minimum: number): [string, number][] {
    return expirations(rules).filter(([, days]) => days < minimum);
}
