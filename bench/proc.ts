/**
 * Peak memory of processes the benchmark does not hold a handle on (the offline engine's child, the review CLI):
 * /proc/<pid>/status VmHWM, the kernel's own high-water mark, sampled until the process is gone. A sample taken
 * after the peak sees it, so only a peak in the last interval before exit can be missed.
 */
import { readFileSync, readdirSync } from "node:fs";
import { peakRssMb } from "./driver";

function parentOf(pid: number): number | undefined {
    try {
        // Field 4 of /proc/<pid>/stat, after the parenthesised command name (which may hold spaces).
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
        return undefined;
    }
}

/** Every live descendant of `root`. */
export function descendants(root: number): number[] {
    let pids: number[];
    try {
        pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
    } catch {
        return [];
    }
    const parents = new Map(pids.map((p) => [p, parentOf(p)]));
    const out: number[] = [];
    const frontier = [root];
    while (frontier.length > 0) {
        const p = frontier.pop()!;
        for (const [child, parent] of parents) if (parent === p) { out.push(child); frontier.push(child); }
    }
    return out;
}

export interface PeakWatch {
    /** Stops sampling; the largest VmHWM seen of any one watched process, MiB (NaN when none was seen). */
    stop(): number;
}

/**
 * Samples every `intervalMs` the peak of `root` and its descendants (`root` itself left out when it is this process);
 * with `self`, only `root`; with `self: false`, only its descendants.
 */
export function watchPeak(root: number, o: { self?: boolean; intervalMs?: number } = {}): PeakWatch {
    let peak = Number.NaN;
    const sample = () => {
        const pids = o.self === true ? [root] : o.self === false || root === process.pid ? descendants(root) : [root, ...descendants(root)];
        for (const pid of pids) {
            const mb = peakRssMb(pid);
            if (Number.isFinite(mb) && !(mb <= peak)) peak = mb;
        }
    };
    const timer = setInterval(sample, o.intervalMs ?? 20);
    sample();
    return { stop: () => { clearInterval(timer); return peak; } };
}
