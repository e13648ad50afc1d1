/**
 * Secret hygiene, in one place: what `check` and `plan` print is redacted here before it is formatted, so no format
 * (text, markdown, report, json) can carry a value the engine knows to be secret — a pack that echoes the properties
 * it was given (packs see plaintext, as under `pulumi preview`) included.
 */
import { isSecret } from "../engine/constants";
import { ProgramError } from "../engine";
import type { ProgramRun } from "../engine";
import type { AnalysisResult, Diagnostic } from "../engine/analyzer";

export const SECRET = "[secret]";

/**
 * A whole secret shorter than this is not searched for in text: "abc" or "1" would erase ordinary words and numbers.
 * A JSON document's parts are searched from PART_MIN_LENGTH (see secretFragments).
 */
const WHOLE_MIN_LENGTH = 4;
/**
 * Parts of a secret JSON document (a bucket policy built with pulumi.secret) shorter than this stay: they are the
 * document's vocabulary ("Allow", "*", "false", "s3:*"), which a message needs to state its fix, while identifiers
 * (a Sid, an ARN, an action, a VPC endpoint or account ID) are longer.
 */
const PART_MIN_LENGTH = 6;

/** Replaces every secret (the engine's secret signature object) with "[secret]", as the CLI prints them. */
export function maskSecrets(v: unknown): unknown {
    if (isSecret(v)) return SECRET;
    if (Array.isArray(v)) return v.map(maskSecrets);
    if (typeof v === "object" && v !== null) {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) out[k] = maskSecrets(x);
        return out;
    }
    return v;
}

/** The JSON document a string holds, when it holds an object or an array. */
function jsonDocument(s: string): object | undefined {
    if (!/^\s*[{[]/.test(s)) return undefined;
    try {
        const doc: unknown = JSON.parse(s);
        return typeof doc === "object" && doc !== null ? doc : undefined;
    } catch {
        return undefined;
    }
}

/**
 * Every text a message could quote a secret plaintext by: each string and number it holds; when one of them is a JSON
 * document, also the document re-serialised (compact, indented), each object or array inside it serialised, and each
 * of its values — so an echoed Sid, statement or pretty-printed policy is found, not only the string as written.
 */
export function secretFragments(plaintext: unknown): string[] {
    const out: string[] = [];
    const add = (s: string, min: number) => { if (s.length >= min) out.push(s); };
    const parts = (v: unknown): void => {
        if (typeof v === "string") { add(v, PART_MIN_LENGTH); const doc = jsonDocument(v); if (doc) document(doc); }
        else if (typeof v === "number") add(String(v), PART_MIN_LENGTH);
        else if (typeof v === "object" && v !== null) { add(JSON.stringify(v), PART_MIN_LENGTH); Object.values(v).forEach(parts); }
    };
    const document = (doc: object): void => {
        for (const indent of [2, 4, "\t"]) add(JSON.stringify(doc, null, indent), PART_MIN_LENGTH);
        parts(doc);
    };
    const whole = (v: unknown): void => {
        if (typeof v === "string") { add(v, WHOLE_MIN_LENGTH); const doc = jsonDocument(v); if (doc) document(doc); }
        else if (typeof v === "number") add(String(v), WHOLE_MIN_LENGTH);
        else if (Array.isArray(v)) v.forEach(whole);
        else if (typeof v === "object" && v !== null) { add(JSON.stringify(v), WHOLE_MIN_LENGTH); Object.values(v).forEach(whole); }
    };
    whole(plaintext);
    return out;
}

/** The secret config values as fragments: known before the program runs, so its own output can be scrubbed too. */
export function configSecretTexts(config: Record<string, unknown>, secretKeys: readonly string[]): string[] {
    // Config reaches the program as strings (PULUMI_CONFIG): a structured secret is also known as its JSON.
    return [...new Set(secretKeys.flatMap((k) => [...secretFragments(config[k]), ...(typeof config[k] === "string" ? [] : secretFragments(JSON.stringify(config[k])))]))];
}

/** Every secret plaintext a run knows, as fragments: secret config values and the values inside secret inputs and outputs. */
export function secretTexts(run: Pick<ProgramRun, "resources"> & Partial<Pick<ProgramRun, "stackOutputs">>, config: Record<string, unknown> = {},
    secretKeys: readonly string[] = []): string[] {
    const out: string[] = configSecretTexts(config, secretKeys);
    const walk = (v: unknown): void => {
        if (isSecret(v)) out.push(...secretFragments(v.value));
        else if (Array.isArray(v)) v.forEach(walk);
        else if (typeof v === "object" && v !== null) Object.values(v).forEach(walk);
    };
    for (const r of run.resources) { walk(r.inputs); walk(r.outputs); }
    walk(run.stackOutputs);
    return [...new Set(out)];
}

/**
 * Removes every known secret plaintext from a text, longest first (a document before its parts), also in its
 * JSON-escaped form (a message quoting a property bag).
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
    let out = text;
    for (const s of [...new Set(secrets)].filter((x) => x.length >= WHOLE_MIN_LENGTH).sort((a, b) => b.length - a.length)) {
        out = out.split(s).join(SECRET);
        const escaped = JSON.stringify(s).slice(1, -1);
        if (escaped !== s) out = out.split(escaped).join(SECRET);
    }
    return out;
}

/**
 * The error with every known secret scrubbed from its message: a failure line quotes the program's or a pack's words.
 * A failed program's error also names what it had registered, whose secrets a throwing policy may have quoted.
 */
export function redactError<T>(e: T, secrets: readonly string[]): T {
    if (!(e instanceof Error)) return e;
    const registered = e instanceof ProgramError ? secretTexts({ resources: [...e.registered] }) : [];
    e.message = scrubSecrets(e.message, [...secrets, ...registered]);
    return e;
}

function redactDiagnostic(d: Diagnostic, secrets: readonly string[]): Diagnostic {
    return { ...d, message: scrubSecrets(d.message, secrets), description: scrubSecrets(d.description, secrets) };
}

/** The analysis with every message redacted: what any format of `check` may show of what packs said. */
export function redactAnalysis(analysis: AnalysisResult, secrets: readonly string[]): AnalysisResult {
    return {
        ...analysis,
        violations: analysis.violations.map((d) => redactDiagnostic(d, secrets)),
        deferred: analysis.deferred.map((d) => redactDiagnostic(d, secrets)),
        logs: analysis.logs.map((l) => scrubSecrets(l, secrets)),
    };
}

/**
 * The run as reports may show it: its logs redacted. Its properties keep their secret signature objects (no format
 * prints a property value, and callers such as an export of the run need them as they are); maskSecrets is for
 * formats that print properties (`plan --json`).
 */
export function redactRun(run: ProgramRun, secrets: readonly string[]): ProgramRun {
    return { ...run, logs: run.logs.map((l) => scrubSecrets(l, secrets)) };
}
