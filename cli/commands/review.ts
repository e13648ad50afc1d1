import { parseArgs } from "../args";
import { usageOf } from "../../bin/help.js";
import { packsOf, readPackConfigs } from "../packs";
import { foreignEventLogError, readEventLog } from "../review/events";
import { previewOrigin, readPreview, ReviewInputError } from "../review/preview";
import { exitCodeOf, packMetadata as startPackMetadata, reviewPreview } from "../review/review";
import type { Review } from "../review/review";
import { renderMarkdown } from "../review/markdown";
import { renderSarif } from "../review/sarif";
import { renderText, reviewJson } from "../review/text";
import { scrubSecrets } from "../mask";
import { redactReview } from "../review/redact";
import { gateReview, reviewJUnitCases } from "../review/gate";
import { parseFailOn } from "../report/fail-on";
import { parseFormats, writeOutputs } from "../report/outputs";
import { renderJUnit } from "../report/junit";
import { loadExemptions } from "../report/load-exemptions";

export const REVIEW_USAGE = usageOf("review");

/** The review's own formats, each complete; `junit` adds a pass/fail summary of the findings for CI dashboards. */
export const REVIEW_FORMATS = ["markdown", "sarif", "json", "text"] as const;
export const REVIEW_OUTPUT_FORMATS = [...REVIEW_FORMATS, "junit"] as const;
export type ReviewFormat = (typeof REVIEW_OUTPUT_FORMATS)[number];

/** The review in one format. Secrets are redacted from the review before it is formatted, and scrubbed once more after. */
export function renderReview(review: Review, format: ReviewFormat, sourceRoot?: string): string {
    const r = redactReview(review);
    const out = format === "markdown" ? renderMarkdown(r)
        : format === "sarif" ? JSON.stringify(renderSarif(r, { sourceRoot }), null, 2)
            : format === "json" ? JSON.stringify(reviewJson(r), null, 2)
                : format === "junit" ? renderJUnit(`hardened-stack review ${r.project}/${r.stack}`, reviewJUnitCases(r))
                    : renderText(r);
    return scrubSecrets(out, r.secretTexts);
}

/**
 * `hardened-stack review`: a security review of a real `pulumi preview --json`, with the event log's policy verdicts.
 * Exit 0 nothing blocking, 1 mandatory violations / control-weakening changes / deleted security resources / a preview
 * that reported an error, 2 bad input (one line; an unknown step op and an event log of another stack included).
 */
export async function reviewCommand(argv: string[], out: (s: string) => void): Promise<number> {
    const a = parseArgs("review", argv, {
        values: ["events", "format", "source-root", "output-dir", "exemptions", "fail-on"], repeatable: ["policy-pack", "policy-pack-config"],
        booleans: ["rerun-packs"], positionals: 1,
    });
    const formats = parseFormats("review", a.values.format, REVIEW_OUTPUT_FORMATS, "text", a.values["output-dir"]) as ReviewFormat[];
    const failOn = parseFailOn("review", a.values["fail-on"], ["mandatory", "weakening", "deletion"]);
    const exemptions = loadExemptions(a.values.exemptions);
    const file = a.positionals[0];
    if (file === undefined) {
        process.stderr.write(`hardened-stack: review: missing the preview file (\`pulumi preview --json > preview.json\`, or - for stdin)\n  ${REVIEW_USAGE}\n`);
        return 2;
    }
    try {
        const events = a.values.events !== undefined ? await readEventLog(a.values.events) : undefined;
        const packs = packsOf(a.lists["policy-pack"] ?? []);
        const packConfig = readPackConfigs(packs, a.lists["policy-pack-config"] ?? []);
        const rerunPacks = a.flags.has("rerun-packs");
        // When the event log may hold the packs' verdicts, the packs start (for their metadata) while the preview is read.
        const [project, stack] = events?.stacks[0]?.split("/") ?? [];
        const packMetadata = events && !rerunPacks && project !== undefined && stack !== undefined && Object.keys(events.packs).length > 0
            ? startPackMetadata(packs, { project, stack, config: {} }, { packConfig }) : undefined;
        packMetadata?.catch(() => undefined); // awaited by reviewPreview; a failure is reported there, not as unhandled
        const preview = await readPreview(file);
        const origin = previewOrigin(preview);
        const foreign = events && origin ? foreignEventLogError(events, preview.file, origin.project, origin.stack) : undefined;
        if (foreign) throw new ReviewInputError(foreign);
        const review = gateReview(await reviewPreview(preview, { packs, events, rerunPacks, packMetadata, analyzeOptions: { packConfig } }), exemptions, failOn);
        const outputDir = a.values["output-dir"];
        if (outputDir === undefined) {
            out(renderReview(review, formats[0]!, a.values["source-root"]));
        } else {
            // One review, every format: the packs ran (or the event log was read) once.
            const rendered = formats.map((format) => ({ format, text: renderReview(review, format, a.values["source-root"]) }));
            out(`wrote ${writeOutputs(outputDir, "review", rendered).join(", ")}`);
        }
        return exitCodeOf(review);
    } catch (e) {
        if (e instanceof ReviewInputError) {
            process.stderr.write(`hardened-stack: review: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
}
