/**
 * `--fail-on`: which findings make the run exit 1, for `check` and `review` alike. A comma-separated list of
 *   mandatory       a violation of a mandatory policy (the default: what `pulumi preview --policy-pack` fails on)
 *   severity:X      a violation of any level whose policy's severity is X or worse (low < medium < high < critical)
 *   weakening       (review) a change that weakens a security control
 *   deletion        (review) a security resource deleted or replaced
 * Exemptions apply first: an exempted finding never fails the run.
 */
import { UsageError } from "../args";

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface FailOn {
    mandatory: boolean;
    weakening: boolean;
    deletion: boolean;
    /** Any violation at or above this severity. */
    severity?: Severity;
}

export const DEFAULT_FAIL_ON: FailOn = { mandatory: true, weakening: false, deletion: false };

/** Pure: reads `--fail-on`; `kinds` are the words this command accepts besides severity. */
export function parseFailOn(command: string, value: string | undefined, kinds: readonly ("mandatory" | "weakening" | "deletion")[]): FailOn {
    if (value === undefined) return { ...DEFAULT_FAIL_ON, ...(kinds.includes("weakening") ? { weakening: true, deletion: true } : {}) };
    const f: FailOn = { mandatory: false, weakening: false, deletion: false };
    const accepted = [...kinds, "severity:<low|medium|high|critical>"].join(", ");
    for (const part of value.split(",").map((p) => p.trim())) {
        if ((kinds as readonly string[]).includes(part)) {
            f[part as "mandatory" | "weakening" | "deletion"] = true;
        } else if (part.startsWith("severity:") && (SEVERITIES as readonly string[]).includes(part.slice(9))) {
            f.severity = part.slice(9) as Severity;
        } else {
            throw new UsageError(`${command}: --fail-on takes ${accepted} (comma-separated), not ${JSON.stringify(part)}`);
        }
    }
    return f;
}

function rank(s: string | undefined): number {
    return SEVERITIES.indexOf((s ?? "").toLowerCase() as Severity);
}

/** Whether one policy violation fails the run. */
export function violationFails(f: FailOn, v: { enforcementLevel: string; severity?: string }): boolean {
    if (f.mandatory && v.enforcementLevel === "mandatory") return true;
    return f.severity !== undefined && rank(v.severity) >= rank(f.severity);
}
