/**
 * The review figure: `hardened-stack review FILE --format json` timed on a large `pulumi preview --json` document
 * made by copying the steps of a real CLI preview with renamed URNs, and its peak memory. The real preview is read from
 * ../shared/fixtures/pulumi-cli at run time (output of the real CLI, not part of this project: public repository
 * dundalek/stratify, MIT licence, test/resources/pulumi/, commit af0ab43).
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { watchPeak } from "./proc";

const ROOT = resolve(__dirname, "..");
export const PREVIEW_FIXTURE = resolve(ROOT, "../shared/fixtures/pulumi-cli/sample-preview-creates.json");
const CLI = resolve(ROOT, "bin/hardened-stack.js");

interface PreviewDocument {
    steps: Record<string, unknown>[];
    [key: string]: unknown;
}

/** Every string holding one of the preview's URNs gets the copy's suffix on that URN (provider refs included). */
export function renameStep(step: Record<string, unknown>, urns: readonly string[], suffix: string): Record<string, unknown> {
    const rename = (s: string): string => {
        for (const urn of urns) {
            if (s === urn) return `${urn}${suffix}`;
            // `<provider urn>::<id>`
            if (s.startsWith(`${urn}::`) && !s.slice(urn.length + 2).includes("::")) return `${urn}${suffix}${s.slice(urn.length)}`;
        }
        return s;
    };
    const walk = (v: unknown): unknown => {
        if (typeof v === "string") return v.startsWith("urn:pulumi:") ? rename(v) : v;
        if (Array.isArray(v)) return v.map(walk);
        if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
        return v;
    };
    return walk(step) as Record<string, unknown>;
}

/**
 * Writes a preview document of at least `targetBytes`: the fixture's top-level fields, and its steps copied with
 * `-c<i>` URN suffixes (the root Stack step kept once, first). Returns the size written and the step count.
 */
export async function writeLargePreview(file: string, targetBytes: number, fixture = PREVIEW_FIXTURE): Promise<{ bytes: number; steps: number }> {
    if (!existsSync(fixture)) {
        throw new Error(`bench: the review figure replicates a real \`pulumi preview --json\` (${fixture}), which is not here; run with --review-mb 0 to skip it`);
    }
    const doc = JSON.parse(readFileSync(fixture, "utf8")) as PreviewDocument;
    const isRoot = (s: Record<string, unknown>) => String(s.urn).includes("::pulumi:pulumi:Stack::");
    const root = doc.steps.filter(isRoot);
    const body = doc.steps.filter((s) => !isRoot(s));
    const urns = body.map((s) => String(s.urn)).sort((a, b) => b.length - a.length);
    const out = createWriteStream(file);
    const write = (s: string) => new Promise<void>((res, rej) => out.write(s, (e) => (e ? rej(e) : res())));
    let bytes = 0;
    let steps = 0;
    const emit = async (step: Record<string, unknown>) => {
        const text = `${steps === 0 ? "" : ",\n"}        ${JSON.stringify(step, null, 4).replace(/\n/g, "\n        ")}`;
        bytes += Buffer.byteLength(text);
        steps++;
        await write(text);
    };
    const { steps: _steps, ...rest } = doc;
    const head = JSON.stringify(rest, null, 4);
    // Steps go first, as the CLI prints them; the other top-level fields follow.
    await write("{\n    \"steps\": [\n");
    for (const s of root) await emit(s);
    for (let copy = 0; bytes < targetBytes || copy === 0; copy++) {
        for (const s of body) await emit(copy === 0 ? s : renameStep(s, urns, `-c${copy}`));
    }
    await write(`\n    ],\n${head.slice(2)}\n`);
    await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
    return { bytes: statSync(file).size, steps };
}

/** Whether the CLI has a `review` command yet (it is being written beside the benchmark). */
export function reviewAvailable(): boolean {
    const r = spawnSync(process.execPath, [CLI, "help"], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
    return /\breview\b/.test(`${r.stdout}${r.stderr}`);
}

export interface ReviewRun {
    seconds: number;
    /** Peak of the review process itself. */
    peakMb: number;
    /** Peak of the policy pack it starts (the analyzer protocol's memory, reported apart). */
    packPeakMb: number;
    exitCode: number | null;
}

/** One `hardened-stack review FILE --format json`; exit 0 (clean) and 1 (findings) both count as a completed review. */
export function timeReview(file: string): Promise<ReviewRun> {
    return new Promise((res, rej) => {
        const start = process.hrtime.bigint();
        const child = spawn(process.execPath, [CLI, "review", file, "--format", "json"], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
        const watch = watchPeak(child.pid!, { self: true });
        const packWatch = watchPeak(child.pid!, { self: false });
        let stderr = "";
        child.stderr!.on("data", (d: Buffer) => { stderr += d.toString(); });
        child.on("error", rej);
        child.on("exit", (code) => {
            const seconds = Number(process.hrtime.bigint() - start) / 1e9;
            const peakMb = watch.stop();
            const packPeakMb = packWatch.stop();
            if (code !== 0 && code !== 1) rej(new Error(`hardened-stack review failed (exit ${code}): ${stderr.trim().split("\n").pop() ?? ""}`));
            else res({ seconds, peakMb, packPeakMb, exitCode: code });
        });
    });
}
