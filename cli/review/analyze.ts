/**
 * The packs' judgement of a preview's new stack, for the review: one PolicySession (engine/analyzer.ts, the same
 * driver as `check`) with several Analyze calls in flight, so the review process builds the next requests while the
 * pack judges the last ones (on two cores the two processes overlap instead of waiting on each other). The verdicts
 * are the same as one call at a time: the session keeps them in registration order whatever order the answers arrive
 * in, resource policies judge one resource each, and the review runs no remediation (its order could matter).
 */
import { PolicySession } from "../../engine/analyzer";
import type { AnalysisResult, AnalyzeOptions } from "../../engine/analyzer";
import type { ProgramRun, RecordedResource } from "../../engine/record";

/** Analyze calls in flight: enough to keep the pack busy while requests are built; more only queues in gRPC. */
export const IN_FLIGHT = 8;

/**
 * Runs the packs over `run`: Analyze for each resource `judge` accepts (in the run's order), then one AnalyzeStack of
 * the whole stack. Remediation is off: the preview's new states already hold remediated inputs.
 */
export async function analyzePreviewRun(run: ProgramRun, packDirs: readonly string[], judge: (r: RecordedResource) => boolean,
    options: AnalyzeOptions = {}, inFlight = IN_FLIGHT): Promise<AnalysisResult> {
    const session = PolicySession.open([...packDirs], run, { ...options, remediate: false });
    try {
        await session.whenReady();
        const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
        // Skipped before a request is built for them (the session would build one and then drop it).
        const judged = run.resources.filter(judge);
        let next = 0;
        const worker = async () => {
            while (next < judged.length) {
                const r = judged[next++]!;
                const provider = r.provider ? byUrn.get(r.provider.split("::").slice(0, -1).join("::")) : undefined;
                await session.analyze(r, provider);
            }
        };
        await Promise.all(Array.from({ length: Math.max(1, inFlight) }, worker));
        await session.analyzeStack(run);
        return session.result();
    } finally {
        session.close();
    }
}
