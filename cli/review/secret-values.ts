/**
 * Secret values in a preview. `pulumi preview --json` writes every secret as the string "[secret]" (and the reader
 * masks secret signature objects to the same), so the review never has the plaintext that the real preview's packs
 * judged. A pack run by the review must not judge the placeholder as if it were the value ("policy is not valid
 * JSON"), so the placeholder reaches the packs as an unknown: a policy that needs it defers, and the review reports
 * it as "cannot judge offline: secret", with the real preview's verdict from the event log where there is one.
 */
import { UNKNOWN } from "../../engine/constants";

/** How the CLI prints a secret in `--json` output (and how the reader masks one). */
export const SECRET_PLACEHOLDER = "[secret]";

export function isSecretPlaceholder(v: unknown): boolean {
    return v === SECRET_PLACEHOLDER;
}

/** Whether any part of `v` is a secret placeholder. */
export function containsSecret(v: unknown): boolean {
    if (isSecretPlaceholder(v)) return true;
    if (Array.isArray(v)) return v.some(containsSecret);
    if (typeof v === "object" && v !== null) return Object.values(v).some(containsSecret);
    return false;
}

/** The property paths (`a.b[0]`) that hold a secret placeholder, in document order. */
export function secretPaths(v: unknown, prefix = ""): string[] {
    if (isSecretPlaceholder(v)) return [prefix || "(the whole value)"];
    if (Array.isArray(v)) return v.flatMap((x, i) => secretPaths(x, `${prefix}[${i}]`));
    if (typeof v === "object" && v !== null) return Object.entries(v).flatMap(([k, x]) => secretPaths(x, prefix ? `${prefix}.${k}` : k));
    return [];
}

/** `v` with every secret placeholder replaced by the engine's unknown sentinel; `v` itself when it holds none. */
export function blindSecrets<T>(v: T): T {
    if (isSecretPlaceholder(v)) return UNKNOWN as T;
    if (!containsSecret(v)) return v;
    if (Array.isArray(v)) return v.map(blindSecrets) as T;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, blindSecrets(x)])) as T;
}
