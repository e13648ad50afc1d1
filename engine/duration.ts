/**
 * Go's time.ParseDuration, which the engine applies to custom timeouts (source_eval.go generateTimeoutInSeconds):
 * "1h30m", "90s", "1.5h", "300ms"; units ns, us (µs, μs), ms, s, m, h; an optional sign; "0" alone.
 */
const UNIT_SECONDS: Record<string, number> = {
    ns: 1e-9, us: 1e-6, "µs": 1e-6, "μs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600,
};

export class DurationError extends Error {}

/** Seconds in a Go duration string; throws DurationError with the engine's message when it is not one. */
export function parseGoDurationSeconds(text: string): number {
    const fail = () => new DurationError(`unable to parse customTimeout Value ${text}`);
    let s = text;
    let sign = 1;
    if (s.startsWith("-") || s.startsWith("+")) {
        if (s[0] === "-") sign = -1;
        s = s.slice(1);
    }
    if (s === "0") return 0;
    if (s === "") throw fail();
    let total = 0;
    const part = /^(\d*)(?:\.(\d*))?([a-zµμ]+)/;
    while (s.length > 0) {
        const m = part.exec(s);
        if (!m || (m[1] === "" && (m[2] === undefined || m[2] === ""))) throw fail();
        const unit = UNIT_SECONDS[m[3]!];
        if (unit === undefined) throw fail();
        total += Number(`${m[1] || "0"}.${m[2] ?? "0"}`) * unit;
        s = s.slice(m[0].length);
    }
    return sign * total;
}
