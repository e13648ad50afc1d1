import { isSecret } from "../engine/constants";
import type { ProgramRun } from "../engine";

const SECRET = "[secret]";

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

/**
 * Removes every known secret plaintext from a finished output. Values are masked where they are read; this is the
 * second line, for a pack that echoes a value it was given into its message.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
    let out = text;
    for (const s of [...new Set(secrets)].filter((x) => x.length >= 4).sort((a, b) => b.length - a.length)) {
        out = out.split(s).join(SECRET);
        // The same text as it appears inside JSON output.
        const escaped = JSON.stringify(s).slice(1, -1);
        if (escaped !== s) out = out.split(escaped).join(SECRET);
    }
    return out;
}

/** Every secret plaintext a run knows: secret config values and the values inside secret inputs and outputs. */
export function secretTexts(run: ProgramRun, config: Record<string, unknown> = {}, secretKeys: readonly string[] = []): string[] {
    const out: string[] = [];
    const leaves = (v: unknown): void => {
        if (typeof v === "string") out.push(v);
        else if (Array.isArray(v)) v.forEach(leaves);
        else if (typeof v === "object" && v !== null) Object.values(v).forEach(leaves);
        else if (typeof v === "number") out.push(String(v));
    };
    const walk = (v: unknown): void => {
        if (isSecret(v)) leaves(v.value);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (typeof v === "object" && v !== null) Object.values(v).forEach(walk);
    };
    for (const k of secretKeys) {
        const v = config[k];
        leaves(v);
        if (typeof v === "object" && v !== null) out.push(JSON.stringify(v));
    }
    for (const r of run.resources) { walk(r.inputs); walk(r.outputs); }
    walk(run.stackOutputs);
    return out;
}
