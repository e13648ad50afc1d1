/**
 * Reads `pulumi preview --json` (pkg/backend/display/json.go: `{config, steps, diagnostics, duration, changeSummary}`)
 * as a stream. The document is scanned once, byte by byte; each step is parsed on its own and kept only in the compact
 * form the review needs (old outputs are dropped except for unchanged resources, whose outputs the stack policies
 * read), so memory follows the retained steps, not the file: tests/review/preview-reader.test.ts measures it.
 * Every problem with the input is one ReviewInputError naming the file and the position.
 */
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { maskSecrets } from "../mask";
import { isSecret, SECRET_SIG } from "../../engine/constants";
import { locateJsonError } from "./json-error";
import { KNOWN_OPS } from "./run";
import { parseUrn } from "../../engine/urn";
import { printable } from "../terminal";

/** Bad input (exit 2). The message is one line and never quotes the input. */
export class ReviewInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ReviewInputError";
    }
}

/** A resource state as the preview prints it (apitype.ResourceV3), reduced to what the review reads. */
export interface StepState {
    type: string;
    custom: boolean;
    id?: string;
    parent?: string;
    provider?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    protect?: boolean;
    retainOnDelete?: boolean;
    additionalSecretOutputs?: string[];
    aliases?: string[];
    customTimeouts?: { create?: number; update?: number; delete?: number; read?: number };
    deleteBeforeReplace?: boolean;
    /** `project:///path#line,column` */
    sourcePosition?: string;
}

export interface PreviewStep {
    op: string;
    urn: string;
    provider?: string;
    oldState?: StepState;
    newState?: StepState;
    detailedDiff?: Record<string, { kind?: string; inputDiff?: boolean }>;
    diffReasons?: string[];
    replaceReasons?: string[];
}

export interface PreviewDiagnostic {
    urn?: string;
    message: string;
    severity: string;
}

export interface Preview {
    /** The name the user gave (`-` reads stdin and is shown as `<stdin>`). */
    file: string;
    steps: PreviewStep[];
    config: Record<string, unknown>;
    diagnostics: PreviewDiagnostic[];
    changeSummary: Record<string, number>;
    bytes: number;
    /** Plaintexts of any secret signature objects met (masked in the steps); scrubbed from every output. */
    secretTexts: string[];
}

const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a, NEWLINE = 0x0a;

function isWs(b: number): boolean {
    return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

type Mode = "start" | "keyOrEnd" | "key" | "colon" | "value" | "commaOrEnd" | "itemOrEnd" | "item" | "itemCommaOrEnd" | "done";

interface Capture {
    target: "key" | "value" | "step";
    kind: "container" | "string" | "primitive";
    parts: Buffer[];
    depth: number;
    inString: boolean;
    escape: boolean;
    offset: number;
    line: number;
    column: number;
}

interface Position {
    offset: number;
    line: number;
    column: number;
}

function where(p: Position): string {
    return `line ${p.line}, column ${p.column} (byte ${p.offset})`;
}

/** Incremental scanner of one preview document; feed() chunks, then end(). */
export class PreviewScanner {
    private mode: Mode = "start";
    private pos: Position = { offset: 0, line: 1, column: 1 };
    private cap: Capture | undefined;
    private key = "";
    private sawSteps = false;
    private stepsNotArray = false;
    private topKeys: string[] = [];
    private lastHasSecret = false;
    private readonly secrets = new Set<string>();
    readonly preview: Preview;

    constructor(file: string) {
        this.preview = { file, steps: [], config: {}, diagnostics: [], changeSummary: {}, bytes: 0, secretTexts: [] };
    }

    private error(reason: string, at: Position = this.pos): never {
        throw new ReviewInputError(`${this.preview.file}: ${reason} at ${where(at)}`);
    }

    feed(chunk: Buffer): void {
        let i = 0;
        const n = chunk.length;
        // Start of the captured run inside this chunk.
        let capStart = this.cap ? 0 : -1;
        while (i < n) {
            const b = chunk[i]!;
            const cap = this.cap;
            if (cap) {
                let ended = false;
                let consume = true;
                if (cap.kind === "primitive") {
                    if (isWs(b) || b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET) { ended = true; consume = false; }
                } else if (cap.inString) {
                    if (cap.escape) cap.escape = false;
                    else if (b === BACKSLASH) cap.escape = true;
                    else if (b === QUOTE) {
                        cap.inString = false;
                        if (cap.kind === "string") ended = true;
                    }
                } else if (b === QUOTE) cap.inString = true;
                else if (b === OPEN_BRACE || b === OPEN_BRACKET) cap.depth++;
                else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
                    cap.depth--;
                    if (cap.depth === 0) ended = true;
                }
                if (ended) {
                    const endIndex = consume ? i + 1 : i;
                    cap.parts.push(chunk.subarray(capStart, endIndex));
                    this.cap = undefined;
                    capStart = -1;
                    if (consume) this.advance(b);
                    this.finish(cap);
                    if (consume) i++;
                    continue;
                }
                this.advance(b);
                i++;
                continue;
            }
            if (isWs(b)) { this.advance(b); i++; continue; }
            if (this.pos.offset === 0 && b === 0xef && chunk[i + 1] === 0xbb && chunk[i + 2] === 0xbf) {
                // A UTF-8 byte order mark (PowerShell's Out-File writes one).
                this.pos.offset += 3; i += 3; continue;
            }
            switch (this.mode) {
                case "start":
                    if (b !== OPEN_BRACE) this.error("not a Pulumi preview: expected a JSON object (the output of `pulumi preview --json`)");
                    this.mode = "keyOrEnd";
                    break;
                case "keyOrEnd":
                case "key":
                    if (b === CLOSE_BRACE && this.mode === "keyOrEnd") { this.mode = "done"; break; }
                    if (b !== QUOTE) this.error("not valid JSON: expected a property name in double quotes");
                    this.begin("key", "string", b);
                    capStart = i;
                    break;
                case "colon":
                    if (b !== COLON) this.error("not valid JSON: expected ':' after a property name");
                    this.mode = "value";
                    break;
                case "value":
                    if (this.key === "steps" && b === OPEN_BRACKET) {
                        this.sawSteps = true;
                        this.mode = "itemOrEnd";
                        break;
                    }
                    this.begin("value", b === OPEN_BRACE || b === OPEN_BRACKET ? "container" : b === QUOTE ? "string" : "primitive", b);
                    capStart = i;
                    break;
                case "commaOrEnd":
                    if (b === COMMA) this.mode = "key";
                    else if (b === CLOSE_BRACE) this.mode = "done";
                    else this.error("not valid JSON: expected ',' or '}'");
                    break;
                case "itemOrEnd":
                case "item":
                    if (b === CLOSE_BRACKET && this.mode === "itemOrEnd") { this.mode = "commaOrEnd"; break; }
                    if (b !== OPEN_BRACE) this.error(`not a Pulumi preview: step ${this.preview.steps.length + 1} is not a JSON object`);
                    this.begin("step", "container", b);
                    capStart = i;
                    break;
                case "itemCommaOrEnd":
                    if (b === COMMA) this.mode = "item";
                    else if (b === CLOSE_BRACKET) this.mode = "commaOrEnd";
                    else this.error("not valid JSON: expected ',' or ']' in the steps array");
                    break;
                case "done":
                    this.error(b === OPEN_BRACE
                        ? "more than one JSON document (an event log? pass it with --events)"
                        : "unexpected data after the JSON document");
            }
            this.advance(b);
            i++;
        }
        if (this.cap && capStart >= 0) this.cap.parts.push(Buffer.from(chunk.subarray(capStart)));
        this.preview.bytes += n;
    }

    private begin(target: Capture["target"], kind: Capture["kind"], first: number): void {
        this.cap = {
            target, kind, parts: [], depth: kind === "container" ? 1 : 0, inString: kind === "string" && first === QUOTE,
            escape: false, offset: this.pos.offset, line: this.pos.line, column: this.pos.column,
        };
    }

    private advance(b: number): void {
        this.pos.offset++;
        if (b === NEWLINE) { this.pos.line++; this.pos.column = 1; } else if ((b & 0xc0) !== 0x80) this.pos.column++;
    }

    /** Parses a finished capture; a JSON error is placed at its own line and column. */
    private parse(cap: Capture): unknown {
        const text = Buffer.concat(cap.parts).toString("utf8");
        // Most steps hold no secret signature object: those skip the walks that find and mask secrets.
        this.lastHasSecret = text.includes(SECRET_SIG);
        try {
            return JSON.parse(text);
        } catch {
            const fault = locateJsonError(text);
            const before = text.slice(0, fault.index);
            const lines = before.split("\n");
            const line = cap.line + lines.length - 1;
            const column = lines.length > 1 ? lines[lines.length - 1]!.length + 1 : cap.column + before.length;
            this.error(`not valid JSON (${fault.reason})`, { offset: cap.offset + Buffer.byteLength(before), line, column });
        }
    }

    private finish(cap: Capture): void {
        const value = this.parse(cap);
        if (cap.target === "key") {
            this.key = value as string;
            this.topKeys.push(this.key);
            this.mode = "colon";
            return;
        }
        if (cap.target === "value") {
            this.mode = "commaOrEnd";
            const isObj = typeof value === "object" && value !== null && !Array.isArray(value);
            if (this.key === "steps") { this.sawSteps = true; this.stepsNotArray = true; }
            else if (this.key === "config" && isObj) this.preview.config = value as Record<string, unknown>;
            else if (this.key === "changeSummary" && isObj) this.preview.changeSummary = value as Record<string, number>;
            else if (this.key === "diagnostics" && Array.isArray(value)) {
                this.preview.diagnostics = value.filter((d): d is Record<string, unknown> => typeof d === "object" && d !== null)
                    .map((d) => ({ urn: typeof d.urn === "string" ? d.urn : undefined, message: String(d.message ?? ""), severity: String(d.severity ?? "info") }));
            }
            return;
        }
        this.mode = "itemCommaOrEnd";
        this.preview.steps.push(this.compact(value, cap));
    }

    private compact(raw: unknown, cap: Capture): PreviewStep {
        const s = raw as Record<string, unknown>;
        if (typeof s.op !== "string" || typeof s.urn !== "string") {
            this.error(`not a Pulumi preview: step ${this.preview.steps.length + 1} has no "op" and "urn"`, cap);
        }
        if (!/^urn:pulumi:[^:]*::[^:]*::.+::/s.test(s.urn)) this.error(`not a Pulumi preview: step ${this.preview.steps.length + 1} has no valid "urn"`, cap);
        if (!KNOWN_OPS.has(s.op)) {
            this.error(`not a preview this review understands: step ${this.preview.steps.length + 1} (${printable(s.urn)}) has the unknown op "${printable(s.op)}"; `
                + `expected one of ${[...KNOWN_OPS].join(", ")} (a newer Pulumi CLI? the review cannot judge a change it does not know)`, cap);
        }
        const step: PreviewStep = { op: s.op, urn: s.urn };
        if (typeof s.provider === "string") step.provider = s.provider;
        if (s.detailedDiff && typeof s.detailedDiff === "object") step.detailedDiff = s.detailedDiff as PreviewStep["detailedDiff"];
        if (Array.isArray(s.diffReasons)) step.diffReasons = s.diffReasons.map(String);
        if (Array.isArray(s.replaceReasons)) step.replaceReasons = s.replaceReasons.map(String);
        // Every secret anywhere in the step, in the parts kept and the parts dropped alike: an event log's message or a
        // pack may echo any of them, and the finished review is scrubbed of them all.
        if (this.lastHasSecret) this.collectSecrets(s);
        const same = s.op === "same";
        if (s.oldState) step.oldState = this.state(s.oldState, same ? "outputs" : "inputs");
        if (s.newState) step.newState = this.state(s.newState, "inputs");
        return step;
    }

    /** Keeps one of inputs/outputs, everything else small; secrets are masked and remembered. */
    private state(raw: unknown, keep: "inputs" | "outputs"): StepState | undefined {
        if (typeof raw !== "object" || raw === null) return undefined;
        const r = raw as Record<string, unknown>;
        const st: StepState = { type: String(r.type ?? ""), custom: r.custom === true };
        for (const k of ["id", "parent", "provider", "sourcePosition"] as const) if (typeof r[k] === "string") st[k] = r[k] as string;
        for (const k of ["protect", "retainOnDelete", "deleteBeforeReplace"] as const) if (typeof r[k] === "boolean") st[k] = r[k] as boolean;
        for (const k of ["dependencies", "additionalSecretOutputs", "aliases"] as const) if (Array.isArray(r[k])) st[k] = (r[k] as unknown[]).map(String);
        if (r.propertyDependencies && typeof r.propertyDependencies === "object") st.propertyDependencies = r.propertyDependencies as Record<string, string[]>;
        if (r.customTimeouts && typeof r.customTimeouts === "object") {
            // The state file holds seconds (resource.CustomTimeouts); anything else is not a timeout.
            const t = r.customTimeouts as Record<string, unknown>;
            const secs = (v: unknown) => (typeof v === "number" ? v : undefined);
            st.customTimeouts = { create: secs(t.create), update: secs(t.update), delete: secs(t.delete), read: secs(t.read) };
        }
        const v = r[keep];
        if (v && typeof v === "object") st[keep] = (this.lastHasSecret ? maskSecrets(v) : v) as Record<string, unknown>;
        return st;
    }

    /**
     * Remembers the plaintext of every secret in `v`: each string and number inside it, as cli/mask.ts secretTexts
     * collects them, and the text of a secret JSON string (`"\"pw\""` holds `pw`). A secret JSON document is not taken
     * apart: its words ("Allow", a date) would then be scrubbed from every line of the review.
     */
    private collectSecrets(v: unknown): void {
        if (isSecret(v)) {
            const o = v as Record<string, unknown>;
            this.secretLeaves(o.value);
            this.secretLeaves(o.plaintext);
            return;
        }
        if (Array.isArray(v)) v.forEach((x) => this.collectSecrets(x));
        else if (typeof v === "object" && v !== null) Object.values(v).forEach((x) => this.collectSecrets(x));
    }

    private secretLeaves(v: unknown): void {
        if (typeof v === "number") this.remember(String(v));
        else if (Array.isArray(v)) v.forEach((x) => this.secretLeaves(x));
        else if (typeof v === "object" && v !== null) {
            this.remember(JSON.stringify(v));
            Object.values(v).forEach((x) => this.secretLeaves(x));
        } else if (typeof v === "string") {
            this.remember(v);
            if (!v.startsWith("\"")) return;
            try {
                const inner: unknown = JSON.parse(v);
                if (typeof inner === "string") this.remember(inner);
            } catch { /* not JSON: the text itself is the secret */ }
        }
    }

    private remember(text: string): void {
        if (this.secrets.has(text)) return;
        this.secrets.add(text);
        this.preview.secretTexts.push(text);
    }

    end(): Preview {
        if (this.cap || (this.mode !== "done" && this.mode !== "start")) {
            const inside = this.mode === "itemOrEnd" || this.mode === "item" || this.mode === "itemCommaOrEnd" || this.cap?.target === "step"
                ? `inside the steps array, after ${this.preview.steps.length} complete steps` : "before the document is complete";
            this.error(`truncated: the JSON ends ${inside}`);
        }
        if (this.mode === "start") throw new ReviewInputError(`${this.preview.file}: empty input: expected the output of \`pulumi preview --json\``);
        if (this.stepsNotArray) throw new ReviewInputError(`${this.preview.file}: not a Pulumi preview: "steps" is not an array`);
        if (!this.sawSteps) {
            const hint = this.topKeys.includes("deployment") ? " (this looks like `pulumi stack export` output)" : "";
            throw new ReviewInputError(`${this.preview.file}: not a Pulumi preview: no "steps" array${hint}; expected the output of \`pulumi preview --json\``);
        }
        return this.preview;
    }
}

/** The project and stack a preview is of (its first step's URN); undefined for a preview without steps. */
export function previewOrigin(p: Preview): { project: string; stack: string } | undefined {
    const first = p.steps[0];
    if (!first) return undefined;
    const u = parseUrn(first.urn);
    return { project: u.project, stack: u.stack };
}

/** Reads a preview from a file, or from stdin for `-`. */
export async function readPreview(file: string, stdin: Readable = process.stdin): Promise<Preview> {
    const name = file === "-" ? "<stdin>" : file;
    const scanner = new PreviewScanner(name);
    let stream: Readable;
    if (file === "-") stream = stdin;
    else stream = createReadStream(file, { highWaterMark: 1 << 20 });
    try {
        for await (const chunk of stream) scanner.feed(chunk as Buffer);
    } catch (e) {
        if (e instanceof ReviewInputError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        throw new ReviewInputError(`${name}: cannot read the preview (${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message})`);
    } finally {
        if (file !== "-") stream.destroy();
    }
    return scanner.end();
}
