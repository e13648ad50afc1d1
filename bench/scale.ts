/**
 * Large programs through the whole offline path, as `hardened-stack check --mode preview` runs them: the pack started
 * and configured, bench/programs/large.ts run under the SDK's own entry point with N resources, each resource
 * analysed as it registers, AnalyzeStack at the end. Also the same program without packs (`plan`), so that the
 * program's own cost (the SDK, in its process) and the analysis's can be told apart.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { programMeta, runProgram } from "../engine";
import { PolicySession } from "../engine/analyzer";
import { peakRssMb } from "./driver";
import { descendants } from "./proc";

const PROGRAM = resolve(__dirname, "programs/large.ts");

export interface ScaleRun {
    resources: number;
    /** Wall time of the whole run, seconds. */
    seconds: number;
    /** The largest peak (VmHWM) of any one process: this one, the program, the pack. MiB. */
    peakProcessMb: number;
    /** The peaks of every process of the run added up (an upper bound of the memory in use at once). MiB. */
    peakTotalMb: number;
    /** Peak of the program's process (the SDK), MiB. */
    programPeakMb: number;
    /** Peak of the pack's process, MiB (NaN without packs). */
    packPeakMb: number;
    violations: number;
    deferred: number;
}

/** Per-process peaks of this process and its descendants, sampled until stopped. */
function watchTree(intervalMs = 50) {
    const peaks = new Map<number, { mb: number; args: string }>();
    const sample = () => {
        for (const pid of [process.pid, ...descendants(process.pid)]) {
            const mb = peakRssMb(pid);
            if (!Number.isFinite(mb)) continue;
            const seen = peaks.get(pid);
            if (!seen || mb > seen.mb) peaks.set(pid, { mb, args: seen?.args ?? commandOf(pid) });
        }
    };
    const timer = setInterval(sample, intervalMs);
    sample();
    return {
        stop: () => {
            clearInterval(timer);
            sample();
            return [...peaks.values()];
        },
    };
}

function commandOf(pid: number): string {
    try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    } catch {
        return "";
    }
}

/** One run of the large program with `n` resources; with `pack`, as `check` runs it, else as `plan` runs it. */
export async function timedScale(n: number, pack: string | undefined, timeoutMs = 15 * 60_000): Promise<ScaleRun> {
    const opts = { program: PROGRAM, mode: "preview" as const, config: { "bench:resources": n }, timeoutMs };
    const watch = watchTree();
    const start = process.hrtime.bigint();
    let session: PolicySession | undefined;
    try {
        let violations = 0;
        let deferred = 0;
        let count = 0;
        if (pack) {
            session = PolicySession.open([pack], programMeta(opts));
            await session.whenReady();
            const run = await runProgram({ ...opts, analysis: session });
            await session.analyzeStack(run);
            const result = session.result();
            violations = result.violations.length;
            deferred = result.deferred.length;
            count = run.resources.length;
        } else {
            count = (await runProgram(opts)).resources.length;
        }
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const peaks = watch.stop();
        const program = peaks.filter((p) => p.args.includes("cmd/run"));
        const packs = peaks.filter((p) => p.args.includes("run-policy-pack"));
        return {
            resources: count, seconds,
            peakProcessMb: Math.max(...peaks.map((p) => p.mb)),
            peakTotalMb: peaks.reduce((s, p) => s + p.mb, 0),
            programPeakMb: program.length ? Math.max(...program.map((p) => p.mb)) : Number.NaN,
            packPeakMb: packs.length ? Math.max(...packs.map((p) => p.mb)) : Number.NaN,
            violations, deferred,
        };
    } finally {
        watch.stop();
        session?.close();
    }
}

export const LARGE_PROGRAM = PROGRAM;
export const DEFAULT_PACK = join(__dirname, "../policy-packs/kill-chain");
