/** How the review shows values, resources and text, in every format. Secrets and unknowns are never shown raw. */
import { isSecret, isUnknown } from "../../engine/constants";
import { tryParseUrn } from "../../engine/urn";
import { SECRET_PLACEHOLDER } from "./secret-values";

export const KNOWN_AFTER_APPLY = "(known after apply)";
const SECRET = SECRET_PLACEHOLDER;

/** A value for a reader: unknowns as "(known after apply)", secrets as "[secret]", long values cut. */
export function showValue(v: unknown, max = 160): string {
    if (v === undefined) return "unset";
    if (isUnknown(v)) return KNOWN_AFTER_APPLY;
    if (isSecret(v) || v === SECRET) return SECRET;
    const masked = mask(v);
    let s = typeof masked === "string" ? masked : JSON.stringify(masked);
    // A policy document held as a JSON string reads better compact.
    if (typeof masked === "string" && /^\s*[{[]/.test(masked)) {
        try { s = JSON.stringify(JSON.parse(masked)); } catch { /* not JSON: shown as written */ }
    }
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function mask(v: unknown): unknown {
    if (isUnknown(v)) return KNOWN_AFTER_APPLY;
    if (isSecret(v)) return SECRET;
    if (Array.isArray(v)) return v.map(mask);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mask(x)]));
    return v;
}

/** `urn:pulumi:dev::proj::a$b:c/d:D::name` -> `b:c/d:D::name` (the resource's own type and name). */
export function shortUrn(urn: string): string {
    const u = tryParseUrn(urn);
    return u ? `${u.type}::${u.name}` : urn;
}

/** `project:///infra/x.ts#12,5` -> { path: "infra/x.ts", line: 12, column: 5 }. */
export function parseSourcePosition(pos: string | undefined): { path: string; line: number; column: number } | undefined {
    if (!pos) return undefined;
    const m = /^project:\/\/\/(.+?)(?:#(\d+)(?:,(\d+))?)?$/.exec(pos);
    if (!m) return undefined;
    return { path: m[1]!, line: m[2] ? Number(m[2]) : 1, column: m[3] ? Number(m[3]) : 1 };
}
