/**
 * Secret hygiene for the review, as one mechanism: every string of a finished Review is scrubbed of the secret
 * plaintexts the preview reader met (cli/mask.ts scrubSecrets, the same scrub `check` uses) before any format sees it.
 * Redacting before formatting matters: a format escapes (`<` → `&lt;` in Markdown), cuts (a 600-character cell) and
 * re-encodes (JSON) text, and a secret changed that way no longer matches its plaintext in a scrub of the output.
 */
import { scrubSecrets } from "../mask";
import type { Review } from "./review";

/** The review with every known secret plaintext in any of its strings replaced by "[secret]". */
export function redactReview(r: Review): Review {
    const secrets = r.secretTexts.filter((s) => s.length >= 4);
    if (secrets.length === 0) return r;
    const walk = (v: unknown): unknown => {
        if (typeof v === "string") return secrets.some((s) => v.includes(s)) ? scrubSecrets(v, secrets) : v;
        if (Array.isArray(v)) return v.map(walk);
        if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
        return v;
    };
    const { secretTexts, ...rest } = r;
    return { ...(walk(rest) as Omit<Review, "secretTexts">), secretTexts };
}
