/** Summary statistics for the benchmark: every figure is the median of its runs, shown with min and max. */

export interface Spread {
    median: number;
    min: number;
    max: number;
    runs: number;
}

/** Nearest-rank percentile (p in 0..100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
    if (values.length === 0) return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The median (mean of the middle two for an even count), so one slow run cannot move the figure. */
export function median(values: readonly number[]): number {
    if (values.length === 0) return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function spread(values: readonly number[]): Spread {
    return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/**
 * The exponent k of time ≈ c·n^k, fitted by least squares on log(time) against log(n): 1.0 is linear, 2.0 means
 * a rule compares every resource with every other.
 */
export function scalingExponent(points: readonly { n: number; seconds: number }[]): number {
    const usable = points.filter((p) => p.n > 0 && p.seconds > 0);
    if (usable.length < 2) return Number.NaN;
    const xs = usable.map((p) => Math.log(p.n));
    const ys = usable.map((p) => Math.log(p.seconds));
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let num = 0;
    let den = 0;
    for (let i = 0; i < xs.length; i++) {
        num += (xs[i]! - mx) * (ys[i]! - my);
        den += (xs[i]! - mx) ** 2;
    }
    return den === 0 ? Number.NaN : num / den;
}

/** Rounds for display and JSON: figures are measured to a few significant digits, no more. */
export function round(value: number, digits = 3): number {
    if (!Number.isFinite(value)) return value;
    const f = 10 ** digits;
    return Math.round(value * f) / f;
}
