import { isSecret } from "../engine/constants";

/** Replaces every secret (the engine's secret signature object) with "[secret]", as the CLI prints them. */
export function maskSecrets(v: unknown): unknown {
    if (isSecret(v)) return "[secret]";
    if (Array.isArray(v)) return v.map(maskSecrets);
    if (typeof v === "object" && v !== null) {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) out[k] = maskSecrets(x);
        return out;
    }
    return v;
}
