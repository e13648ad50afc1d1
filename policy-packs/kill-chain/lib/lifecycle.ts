/** S3 lifecycle rules that delete objects, as a log bucket's retention. Pure. */
import { asList, isObject } from "./plain";

/** Enabled lifecycle rules that delete current objects sooner than `minimum` days: `[rule id, days]`. */
export function shortExpirations(rules: unknown, minimum: number): [string, number][] {
    const out: [string, number][] = [];
    asList(rules).filter(isObject).forEach((r, i) => {
        if (r.status !== "Enabled") return;
        const days = asList(r.expiration).filter(isObject).map((e) => e.days).find((d) => typeof d === "number");
        if (typeof days === "number" && days < minimum) out.push([typeof r.id === "string" ? r.id : `rules[${i}]`, days]);
    });
    return out;
}
