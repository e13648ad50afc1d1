/**
 * `npm run bench`: the performance figures on this machine — offline engine on the reference program, large programs
 * through the whole `check` path (1,000 to 20,000 resources), pack start-up, policy analysis against the no-op floor,
 * scaling exponents, review throughput.
 * A readable table, or with --json exactly one JSON object on stdout; progress goes to stderr.
 */
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { runProgram } from "../engine";
import type { Mode, ProgramRun } from "../engine";
import { packReady, timedAnalysis } from "./driver";
import type { TimedAnalysis } from "./driver";
import { tempRoot, writeNoopPack, writeTypeScriptCopy } from "./packs";
import { watchPeak } from "./proc";
import { danglingReferences, duplicateUrns, mergeRuns, replicateRun } from "./replicate";
import { reviewAvailable, timeReview, writeLargePreview } from "./review";
import { timedScale } from "./scale";
import type { ScaleRun } from "./scale";
import { percentile, round, scalingExponent, spread } from "./stats";
import type { Spread } from "./stats";

const ROOT = resolve(__dirname, "..");
/** The platform program, once it exists; until then these test programs stand in, merged into one stack. */
const FALLBACK_PROGRAMS = [
    "tests/programs/cluster-private.ts",
    "tests/programs/network-allowlist.ts",
    "tests/programs/data-bucket.ts",
    "tests/programs/detection-stack.ts",
    "tests/programs/k8s-layer.ts",
];
const MB = 1024 * 1024;

export interface BenchOptions {
    /** Resource counts of bench/programs/large.ts run through `check --mode preview` (one run each). */
    programSizes: number[];
    sizes: number[];
    /** Measured runs per figure (after the warm-up), for sizes below largeFrom. */
    runs: number;
    /** Measured runs per pack at sizes ≥ midFrom (and below largeFrom), where one run takes most of a minute. */
    midRuns: number;
    midFrom: number;
    /** Measured runs per pack at sizes ≥ largeFrom, where one run takes minutes. */
    largeRuns: number;
    largeFrom: number;
    /** Discarded runs before measuring (engine, pack start-up, analysis at the smallest size, review). */
    warmup: number;
    /** Reference programs; `[]` means infra/ when it exists, else FALLBACK_PROGRAMS. */
    programs: string[];
    pack: string;
    /** Also time the pack loaded from TypeScript sources. */
    typescript: boolean;
    /** Size of the review input, MiB; 0 skips the review figure. */
    reviewMb: number;
    /** Review runs (no warm-up: one review of 50 MB takes minutes, so its own start-up is noise). */
    reviewRuns: number;
    /** Write a CPU profile of every analysis run's pack here (node --cpu-prof), to see where the time goes. */
    profileDir?: string;
}

export const DEFAULT_OPTIONS: BenchOptions = {
    programSizes: [1000, 5000, 20000],
    sizes: [1000, 10000], runs: 3, midRuns: 2, midFrom: 10000, largeRuns: 1, largeFrom: 50000, warmup: 1,
    programs: [], pack: join(ROOT, "policy-packs/kill-chain"), typescript: true, reviewMb: 50, reviewRuns: 1,
};

/** The JSON of `npm run bench -- --json` (issue 7): medians, seconds / ms / MiB as named. */
export interface BenchJson {
    machine: { cores: number; node: string };
    engine: { preview_s: number; up_s: number; peak_mb: number };
    pack_ready_s: number;
    /** bench/programs/large.ts through `check --mode preview`: wall seconds and peaks (MiB). */
    programs: { resources: number; check_s: number; peak_process_mb: number; peak_total_mb: number; program_peak_mb: number; pack_peak_mb: number }[];
    /** Least-squares slope of log(check seconds) against log(resources) over programs. */
    program_exponent: number;
    analysis: {
        resources: number; analyze_median_ms: number; analyze_p99_ms: number; analyze_total_s: number; stack_s: number;
        floor_analyze_total_s: number; floor_stack_s: number; ratio_analyze: number; ratio_stack: number; pack_peak_mb: number;
    }[];
    scaling_exponent: number;
    /** `mb_per_s` and `peak_ratio` are null when the review command does not exist (yet). */
    review: { input_mb: number | null; mb_per_s: number | null; peak_ratio: number | null };
}

/** What the table shows beyond the JSON: min and max of every figure, and where the numbers came from. */
export interface BenchDetail {
    loadavg: number[];
    reference: { programs: string[]; skipped: string[]; resources: number };
    pack: { name: string; version: string; policies: number; resourcePolicies: number; stackPolicies: number };
    engine: Record<Mode, { seconds: Spread; peakMb: Spread }>;
    /** The no-op pack's ready time comes from its analysis runs. */
    ready: { compiled: Spread; noop?: Spread; typescript?: { cold: number; cached: Spread } | string };
    analysis: {
        resources: number; runs: number; analyzeMs: Spread; p99Ms: Spread; analyzeTotal: Spread; stack: Spread; phase: Spread;
        floorAnalyzeTotal: Spread; floorStack: Spread; floorPhase: Spread; peakMb: Spread; floorPeakMb: Spread; diagnostics: number;
    }[];
    review: { missing?: string; inputMb?: number; seconds?: Spread; peakMb?: Spread; packPeakMb?: Spread };
    programs: ScaleRun[];
    /** The large program without packs (`plan`) at the size below the largest: the program's own share. */
    planLargest?: ScaleRun;
    wallSeconds: number;
}

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;

async function timedProgram(program: string | undefined, mode: Mode): Promise<{ run: ProgramRun; seconds: number; peakMb: number }> {
    const watch = watchPeak(process.pid);
    const start = process.hrtime.bigint();
    try {
        const run = await runProgram({ program, mode, timeoutMs: 120000 });
        return { run, seconds: since(start), peakMb: watch.stop() };
    } finally {
        watch.stop();
    }
}

async function repeat<T>(warmup: number, runs: number, f: () => Promise<T>): Promise<T[]> {
    for (let i = 0; i < warmup; i++) await f();
    const out: T[] = [];
    for (let i = 0; i < runs; i++) out.push(await f());
    return out;
}

function referencePrograms(opts: BenchOptions): (string | undefined)[] {
    if (opts.programs.length > 0) return opts.programs.map((p) => resolve(p));
    if (existsSync(join(ROOT, "infra/index.ts"))) return [undefined];
    return FALLBACK_PROGRAMS.map((p) => join(ROOT, p)).filter((p) => existsSync(p));
}

const perRun = (a: TimedAnalysis) => ({
    ready: a.readySeconds,
    median: percentile(a.analyzeMs, 50), p99: percentile(a.analyzeMs, 99),
    total: a.analyzeMs.reduce((x, y) => x + y, 0) / 1000, stack: a.stackSeconds, phase: a.resourcePhaseSeconds, peak: a.packPeakMb,
});

export async function runBench(opts: BenchOptions): Promise<{ json: BenchJson; detail: BenchDetail }> {
    const started = process.hrtime.bigint();
    const load = loadavg().map((x) => round(x, 2));
    const candidates = referencePrograms(opts);
    if (candidates.length === 0) throw new Error("no reference program: pass --program FILE");
    const nameOf = (p: string | undefined) => (p === undefined ? "infra/ (Pulumi.yaml main)" : p.replace(`${ROOT}/`, ""));
    const skipped: string[] = [];

    // The reference stack: every candidate's preview; a stand-in program that fails (the tree is being written
    // around the benchmark) is left out and named, unless the programs were given explicitly.
    const previews: { program: string | undefined; run: ProgramRun }[] = [];
    for (const p of candidates) {
        log(`reference run: ${nameOf(p)}`);
        try {
            previews.push({ program: p, run: await runProgram({ program: p, mode: "preview", timeoutMs: 120000 }) });
        } catch (e) {
            if (opts.programs.length > 0) throw e;
            skipped.push(`${nameOf(p)}: ${(e as Error).message.split("\n")[0]}`);
            log(`left out ${skipped[skipped.length - 1]}`);
        }
    }
    if (previews.length === 0) throw new Error(`no reference program ran: ${skipped.join("; ")}`);
    const names = previews.map((p) => nameOf(p.program));

    // 1. Offline engine, on the first reference program.
    const engine = {} as BenchDetail["engine"];
    for (const mode of ["preview", "up"] as const) {
        log(`offline engine, ${mode}: ${names[0]}`);
        // The reference run above already warmed the preview (module caches on disk, tsx's cache).
        const runs = await repeat(mode === "preview" ? 0 : opts.warmup, opts.runs, () => timedProgram(previews[0]!.program, mode));
        engine[mode] = { seconds: spread(runs.map((r) => r.seconds)), peakMb: spread(runs.map((r) => r.peakMb)) };
    }
    const reference = mergeRuns(previews.map((p) => p.run));
    const problems = [...duplicateUrns(reference).map((u) => `duplicate URN ${u}`), ...danglingReferences(reference)];
    if (problems.length > 0) throw new Error(`the reference stack is inconsistent: ${problems.slice(0, 3).join("; ")}`);

    const temp = tempRoot();
    try {
        // 2. Pack start-up: compiled (package.json main) and from TypeScript sources.
        log(`pack ready: ${opts.pack.replace(`${ROOT}/`, "")}`);
        const compiled = await repeat(opts.warmup, opts.runs, () => packReady(opts.pack));
        const pack = compiled[0]!.pack;
        const noop = writeNoopPack(temp.dir, pack);
        const ready: BenchDetail["ready"] = { compiled: spread(compiled.map((r) => r.seconds)) };
        if (opts.typescript) {
            try {
                const ts = writeTypeScriptCopy(temp.dir, opts.pack);
                // ts-node keeps compiled output in a cache under the temp folder: the first start compiles, later ones read it.
                const times = (await repeat(0, opts.runs + 1, () => packReady(ts))).map((r) => r.seconds);
                ready.typescript = { cold: times[0]!, cached: spread(times.slice(1)) };
            } catch (e) {
                ready.typescript = `did not start: ${(e as Error).message}`;
            }
        }

        // 3. Large programs through the whole path, after a warm-up that fills ts-node's compile cache.
        const programs: ScaleRun[] = [];
        let planLargest: ScaleRun | undefined;
        const psizes = [...opts.programSizes].sort((a, b) => a - b);
        if (psizes.length > 0) {
            if (opts.warmup > 0) {
                log(`large program warm-up at ${Math.min(psizes[0]!, 200)} resources`);
                await timedScale(Math.min(psizes[0]!, 200), opts.pack);
            }
            for (const n of psizes) {
                log(`large program through check: ${n} resources`);
                programs.push(await timedScale(n, opts.pack));
            }
            // The program's own share, without packs, at the size below the largest (the largest alone takes minutes).
            const planSize = psizes[Math.max(0, psizes.length - 2)]!;
            log(`large program without packs (plan): ${planSize} resources`);
            planLargest = await timedScale(planSize, undefined);
        }

        // 4. Analysis, ours and the floor interleaved so that a busy moment of the machine hits both alike.
        const sizes = [...opts.sizes].sort((a, b) => a - b);
        if (opts.warmup > 0) {
            log(`analysis warm-up at ${sizes[0]} resources`);
            const warm = replicateRun(reference, sizes[0]!);
            for (let i = 0; i < opts.warmup; i++) { await timedAnalysis(warm, opts.pack); await timedAnalysis(warm, noop); }
        }
        const analysis: BenchDetail["analysis"] = [];
        const noopReady: number[] = [];
        for (const n of sizes) {
            const stack = replicateRun(reference, n);
            // Fewer runs where each takes long, so the whole benchmark stays under 10 minutes on 2 cores.
            const runs = n >= opts.largeFrom ? opts.largeRuns : n >= opts.midFrom ? opts.midRuns : opts.runs;
            const ours: ReturnType<typeof perRun>[] = [];
            const floor: ReturnType<typeof perRun>[] = [];
            let diagnostics = 0;
            for (let i = 0; i < runs; i++) {
                log(`analysis: ${n} resources, run ${i + 1}/${runs}`);
                const a = await timedAnalysis(stack, opts.pack, { profileDir: opts.profileDir });
                diagnostics = a.diagnostics;
                ours.push(perRun(a));
                floor.push(perRun(await timedAnalysis(stack, noop)));
                noopReady.push(floor[floor.length - 1]!.ready);
            }
            const s = (xs: ReturnType<typeof perRun>[], k: keyof ReturnType<typeof perRun>) => spread(xs.map((x) => x[k]));
            analysis.push({
                resources: n, runs, analyzeMs: s(ours, "median"), p99Ms: s(ours, "p99"), analyzeTotal: s(ours, "total"), stack: s(ours, "stack"),
                phase: s(ours, "phase"), floorAnalyzeTotal: s(floor, "total"), floorStack: s(floor, "stack"), floorPhase: s(floor, "phase"),
                peakMb: s(ours, "peak"), floorPeakMb: s(floor, "peak"), diagnostics,
            });
        }

        ready.noop = spread(noopReady);

        // 5. Review throughput.
        const review: BenchDetail["review"] = {};
        if (opts.reviewMb > 0) {
            const file = join(temp.dir, "preview.json");
            const built = await writeLargePreview(file, opts.reviewMb * MB);
            review.inputMb = built.bytes / MB;
            if (!reviewAvailable()) review.missing = "`hardened-stack review` does not exist yet";
            else {
                log(`review: ${round(review.inputMb, 1)} MB, ${built.steps} steps`);
                try {
                    const runs = await repeat(0, opts.reviewRuns, () => timeReview(file));
                    review.seconds = spread(runs.map((r) => r.seconds));
                    review.peakMb = spread(runs.map((r) => r.peakMb));
                    review.packPeakMb = spread(runs.map((r) => r.packPeakMb));
                } catch (e) {
                    review.missing = (e as Error).message;
                }
            }
        }

        const rows = analysis.map((a) => ({
            resources: a.resources, analyze_median_ms: round(a.analyzeMs.median, 4), analyze_p99_ms: round(a.p99Ms.median, 4),
            analyze_total_s: round(a.analyzeTotal.median), stack_s: round(a.stack.median), floor_analyze_total_s: round(a.floorAnalyzeTotal.median),
            floor_stack_s: round(a.floorStack.median), ratio_analyze: round(a.analyzeTotal.median / a.floorAnalyzeTotal.median),
            ratio_stack: round(a.stack.median / a.floorStack.median), pack_peak_mb: round(a.peakMb.median, 1),
        }));
        const json: BenchJson = {
            machine: { cores: availableParallelism(), node: process.version },
            engine: { preview_s: round(engine.preview.seconds.median), up_s: round(engine.up.seconds.median), peak_mb: round(Math.max(engine.preview.peakMb.median, engine.up.peakMb.median), 1) },
            pack_ready_s: round(ready.compiled.median),
            programs: programs.map((p) => ({
                resources: p.resources, check_s: round(p.seconds), peak_process_mb: round(p.peakProcessMb, 1), peak_total_mb: round(p.peakTotalMb, 1),
                program_peak_mb: round(p.programPeakMb, 1), pack_peak_mb: round(p.packPeakMb, 1),
            })),
            program_exponent: programs.length >= 2 ? round(scalingExponent(programs.map((p) => ({ n: p.resources, seconds: p.seconds }))), 3) : Number.NaN,
            analysis: rows,
            scaling_exponent: round(scalingExponent(analysis.map((a) => ({ n: a.resources, seconds: a.analyzeTotal.median + a.stack.median }))), 3),
            review: {
                input_mb: review.inputMb === undefined ? null : round(review.inputMb, 1),
                mb_per_s: review.seconds ? round(review.inputMb! / review.seconds.median, 2) : null,
                peak_ratio: review.peakMb ? round(review.peakMb.median / review.inputMb!, 2) : null,
            },
        };
        const detail: BenchDetail = {
            loadavg: load,
            reference: { programs: names, skipped, resources: reference.resources.length },
            pack: {
                name: pack.name, version: pack.version, policies: pack.policies.length,
                resourcePolicies: pack.policies.filter((p) => p.policyType === "resource").length,
                stackPolicies: pack.policies.filter((p) => p.policyType === "stack").length,
            },
            engine, ready, analysis, review, programs, ...(planLargest ? { planLargest } : {}), wallSeconds: since(started),
        };
        return { json, detail };
    } finally {
        temp.remove();
    }
}

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
const fs = (s: Spread, d = 2) => `${f(s.median, d)} (${f(s.min, d)}–${f(s.max, d)})`;
const mark = (ok: boolean) => (ok ? "ok" : "MISSED");

/** The readable report: figures as median (min–max), each target beside its figure. */
export function table(json: BenchJson, d: BenchDetail): string {
    const L: string[] = [];
    L.push(`HardenedStack benchmark — ${json.machine.cores} cores, Node ${json.machine.node}, load average at start ${d.loadavg.join(" ")}`);
    L.push(`reference: ${d.reference.programs.join(" + ")} (${d.reference.resources} resources); pack ${d.pack.name}@${d.pack.version}: ${d.pack.policies} policies (${d.pack.resourcePolicies} resource, ${d.pack.stackPolicies} stack)`);
    for (const x of d.reference.skipped) L.push(`  left out of the reference (failed): ${x}`);
    L.push("figures: median (min–max) of the measured runs after the warm-up");
    L.push("");
    L.push("offline engine (reference program)      wall s               peak MiB        target");
    for (const m of ["preview", "up"] as const) {
        L.push(`  ${m.padEnd(38)} ${fs(d.engine[m].seconds).padEnd(20)} ${fs(d.engine[m].peakMb, 0).padEnd(15)} ≤ 5 s ${mark(d.engine[m].seconds.median <= 5)}`);
    }
    L.push("");
    if (d.programs.length > 0) {
        L.push("large program (bench/programs/large.ts) through check --mode preview");
        L.push("  resources   wall s   peak MiB: largest process  all processes  program  pack      target 20,000: ≤ 60 s, ≤ 2048 MiB");
        for (const p of d.programs) {
            L.push(`  ${String(p.resources).padStart(9)}  ${f(p.seconds, 1).padStart(7)}  ${f(p.peakProcessMb, 0).padStart(24)}  ${f(p.peakTotalMb, 0).padStart(13)}  ${f(p.programPeakMb, 0).padStart(7)}  ${f(p.packPeakMb, 0).padStart(4)}`
                + (p.resources >= 20000 ? `      ${mark(p.seconds <= 60)} / ${mark(p.peakTotalMb <= 2048)}` : ""));
        }
        if (d.planLargest) L.push(`  without packs (plan), ${d.planLargest.resources} resources: ${f(d.planLargest.seconds, 1)} s, program peak ${f(d.planLargest.programPeakMb, 0)} MiB — the program's own share`);
        L.push(`  scaling exponent: ${f(json.program_exponent, 3)}, target ≤ 1.1 ${mark(json.program_exponent <= 1.1)}`);
        L.push("");
    }
    L.push("pack ready (start to port)              s");
    L.push(`  compiled (package.json main)           ${fs(d.ready.compiled).padEnd(36)} ≤ 2 s ${mark(d.ready.compiled.median <= 2)}`);
    if (d.ready.noop) L.push(`  no-op pack (floor, from its analysis runs) ${fs(d.ready.noop)}`);
    if (typeof d.ready.typescript === "string") L.push(`  TypeScript sources (ts-node)           ${d.ready.typescript}`);
    else if (d.ready.typescript) L.push(`  TypeScript sources (ts-node)           first start ${f(d.ready.typescript.cold)}, then ${fs(d.ready.typescript.cached)} from ts-node's cache`);
    L.push("");
    L.push("policy analysis     runs  Analyze ms median / p99      Analyze total s        floor s       ratio  AnalyzeStack s        floor s   ratio  resource phase s (floor)   pack peak MiB (floor)  diagnostics");
    for (const [i, a] of d.analysis.entries()) {
        const j = json.analysis[i]!;
        L.push(`  ${String(a.resources).padStart(6)}            ${String(a.runs).padStart(2)}  ${f(a.analyzeMs.median, 3)} / ${f(a.p99Ms.median, 3)}`.padEnd(55)
            + ` ${fs(a.analyzeTotal).padEnd(22)} ${f(a.floorAnalyzeTotal.median).padEnd(13)} ${f(j.ratio_analyze).padEnd(6)} ${fs(a.stack).padEnd(21)} ${f(a.floorStack.median).padEnd(9)} ${f(j.ratio_stack).padEnd(6)} ${(`${f(a.phase.median)} (${f(a.floorPhase.median)})`).padEnd(26)} ${`${f(a.peakMb.median, 0)} (${f(a.floorPeakMb.median, 0)})`.padEnd(22)} ${a.diagnostics}`);
    }
    const at10k = json.analysis.find((a) => a.resources === 10000);
    if (at10k) L.push(`  target at 10,000: ratio ≤ 1.5 — Analyze ${mark(at10k.ratio_analyze <= 1.5)}, AnalyzeStack ${mark(at10k.ratio_stack <= 1.5)}`);
    const biggest = json.analysis[json.analysis.length - 1];
    if (biggest) L.push(`  pack peak at ${biggest.resources}: ${f(biggest.pack_peak_mb, 0)} MiB, target ≤ 1536 MiB ${mark(biggest.pack_peak_mb <= 1536)}`);
    L.push(`  scaling exponent (Analyze + AnalyzeStack time vs resources): ${f(json.scaling_exponent, 3)}, target ≤ 1.1 ${mark(json.scaling_exponent <= 1.1)}`);
    L.push("");
    if (d.review.missing || !d.review.seconds) {
        L.push(`review: missing — ${d.review.missing ?? "skipped"}${d.review.inputMb ? ` (input built: ${f(d.review.inputMb, 1)} MB)` : ""}`);
    } else {
        L.push(`review of a ${f(d.review.inputMb!, 1)} MB preview: ${fs(d.review.seconds)} s, ${f(json.review.mb_per_s!)} MB/s (target ≥ 20 ${mark(json.review.mb_per_s! >= 20)}); peak of the review process ${fs(d.review.peakMb!, 0)} MiB = ${f(json.review.peak_ratio!)}× the input (target ≤ 3 ${mark(json.review.peak_ratio! <= 3)}); the pack it drives peaks at ${fs(d.review.packPeakMb!, 0)} MiB`);
    }
    L.push(`benchmark wall time: ${f(d.wallSeconds, 0)} s`);
    return L.join("\n");
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions & { json: boolean } {
    const o = { ...DEFAULT_OPTIONS, programs: [] as string[], json: false };
    const num = (flag: string, v: string | undefined) => {
        const n = Number(v);
        if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`invalid ${flag}: ${JSON.stringify(v)} — must be a number ≥ 0`);
        return n;
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]!;
        const next = () => argv[++i];
        if (a === "--json") o.json = true;
        else if (a === "--no-typescript") o.typescript = false;
        else if (a === "--sizes") o.sizes = (next() ?? "").split(",").map((s) => num("--sizes", s)).filter((n) => n >= 1);
        else if (a === "--program-sizes") o.programSizes = (next() ?? "").split(",").filter((s) => s !== "").map((s) => num(a, s)).filter((n) => n >= 1);
        else if (a === "--runs") o.runs = Math.max(1, num(a, next()));
        else if (a === "--mid-runs") o.midRuns = Math.max(1, num(a, next()));
        else if (a === "--mid-from") o.midFrom = num(a, next());
        else if (a === "--large-runs") o.largeRuns = Math.max(1, num(a, next()));
        else if (a === "--large-from") o.largeFrom = num(a, next());
        else if (a === "--warmup") o.warmup = num(a, next());
        else if (a === "--review-mb") o.reviewMb = num(a, next());
        else if (a === "--review-runs") o.reviewRuns = Math.max(1, num(a, next()));
        else if (a === "--program") o.programs.push(next() ?? "");
        else if (a === "--pack") o.pack = resolve(next() ?? "");
        else if (a === "--profile") o.profileDir = resolve(next() ?? "");
        else throw new Error(`unknown option ${a}; options: --json --program-sizes N,N --sizes N,N --runs N --mid-runs N --mid-from N --large-runs N --large-from N --warmup N --review-mb N --review-runs N --program FILE --pack DIR --profile DIR --no-typescript`);
    }
    if (o.sizes.length === 0) throw new Error("invalid --sizes: none — give at least one resource count");
    return o;
}

if (require.main === module) {
    (async () => {
        const opts = parseBenchArgs(process.argv.slice(2));
        const { json, detail } = await runBench(opts);
        process.stdout.write(opts.json ? `${JSON.stringify(json)}\n` : `${table(json, detail)}\n`);
    })().catch((e: unknown) => {
        process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
    });
}
