/**
 * An engine event log (`pulumi preview --event-log`) for a large bench preview, as the real preview would write it
 * when it ran the same packs: one `policyEvent` per verdict (shapes as in tests/fixtures/review/*.events.jsonl) and
 * the closing `summaryEvent` naming the packs. Made from a `hardened-stack review --format json --rerun-packs` of the
 * preview, so the verdicts are the packs' own.
 */
import { spawn } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { watchPeak } from "./proc";

interface ReviewVerdict {
    policyPack: string;
    policy: string;
    enforcementLevel: string;
    severity: string;
    urn: string;
    message: string;
}

interface ReviewJson {
    packs: { name: string; version: string }[];
    mandatoryViolations: ReviewVerdict[];
    advisoryViolations: ReviewVerdict[];
    deferred: ReviewVerdict[];
    unchangedResourceViolations: ReviewVerdict[];
}

export async function writeEventLog(reviewJsonFile: string, out: string): Promise<{ events: number }> {
    const r = JSON.parse(readFileSync(reviewJsonFile, "utf8")) as ReviewJson;
    const versions = Object.fromEntries(r.packs.map((p) => [p.name, p.version]));
    const file = createWriteStream(out);
    let n = 0;
    const write = (e: unknown) => { file.write(`${JSON.stringify({ sequence: n++, timestamp: 0, ...(e as object) })}\n`); };
    write({ preludeEvent: { config: {} } });
    for (const v of [...r.mandatoryViolations, ...r.advisoryViolations, ...r.unchangedResourceViolations]) {
        write({ policyEvent: { resourceUrn: v.urn, message: `<{%reset%}>${v.message}<{%reset%}>\n`, color: "raw", policyName: v.policy,
            policyPackName: v.policyPack, policyPackVersion: versions[v.policyPack] ?? "", enforcementLevel: v.enforcementLevel, severity: v.severity } });
    }
    for (const v of r.deferred) {
        write({ policyEvent: { resourceUrn: v.urn, message: `can't run policy '${v.policy}' from policy pack '${v.policyPack}' during preview: ${v.message}\n`,
            color: "raw", policyName: v.policy, policyPackName: v.policyPack, policyPackVersion: versions[v.policyPack] ?? "", enforcementLevel: "advisory" } });
    }
    write({ summaryEvent: { maybeCorrupt: false, durationSeconds: 0, resourceChanges: {}, PolicyPacks: versions, isPreview: true } });
    await new Promise<void>((res, rej) => file.end((e?: Error | null) => (e ? rej(e) : res())));
    return { events: n };
}

/** One `hardened-stack review` with `args`: wall seconds, the review process's peak and its packs' (VmHWM, MiB). */
export function timeReviewArgs(args: readonly string[]): Promise<{ seconds: number; peakMb: number; packPeakMb: number; exitCode: number | null }> {
    return new Promise((res, rej) => {
        const start = process.hrtime.bigint();
        const child = spawn(process.execPath, [resolve(__dirname, "../bin/hardened-stack.js"), "review", ...args], { stdio: ["ignore", "ignore", "inherit"] });
        const self = watchPeak(child.pid!, { self: true });
        const packs = watchPeak(child.pid!, { self: false });
        child.on("error", rej);
        child.on("exit", (code) => res({ seconds: Number(process.hrtime.bigint() - start) / 1e9, peakMb: self.stop(), packPeakMb: packs.stop(), exitCode: code }));
    });
}

if (require.main === module) {
    const [cmd, ...rest] = process.argv.slice(2);
    if (cmd === "write" && rest.length === 2) {
        void writeEventLog(rest[0]!, rest[1]!).then((r) => process.stdout.write(`${rest[1]}: ${r.events} events\n`));
    } else if (cmd === "time" && rest.length >= 1) {
        void timeReviewArgs(rest).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
    } else {
        process.stderr.write("usage: node --import tsx bench/review-events.ts write REVIEW.json EVENTS.jsonl | time PREVIEW [review flags...]\n");
        process.exit(2);
    }
}
