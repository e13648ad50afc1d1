/**
 * Reads the engine event stream (`pulumi preview --event-log FILE`, or the streaming JSON of
 * `PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi preview --json`): one JSON event per line. Only `policyEvent`s
 * (the packs' verdicts, which `pulumi preview --json` leaves out) and the summary's pack list are kept.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { ReviewInputError } from "./preview";
import { locateJsonError } from "./json-error";

export interface PolicyEventVerdict {
    policyPack: string;
    policyPackVersion: string;
    policy: string;
    enforcementLevel: string;
    /** "" for stack policies that name no resource. */
    urn: string;
    message: string;
    severity: string;
}

export interface EventLog {
    file: string;
    verdicts: PolicyEventVerdict[];
    /** Pack name -> version, from the summary event. */
    packs: Record<string, string>;
    events: number;
}

/** The engine colours messages with `<{%reset%}>`-style tags; they mean nothing outside a terminal. */
export function stripColorTags(s: string): string {
    return s.replace(/<\{%[^%]*%\}>/g, "");
}

/** One event line -> what the review keeps from it (pure, for tests). */
export function policyVerdictOf(event: Record<string, unknown>): PolicyEventVerdict | undefined {
    const p = event.policyEvent;
    if (typeof p !== "object" || p === null) return undefined;
    const e = p as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === "string" ? v : "");
    return {
        policyPack: str(e.policyPackName), policyPackVersion: str(e.policyPackVersion), policy: str(e.policyName),
        enforcementLevel: str(e.enforcementLevel) || "advisory", urn: str(e.resourceUrn),
        message: stripColorTags(str(e.message)).trim(), severity: str(e.severity),
    };
}

export async function readEventLog(file: string): Promise<EventLog> {
    const log: EventLog = { file, verdicts: [], packs: {}, events: 0 };
    const stream = createReadStream(file);
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    let lineNo = 0;
    let sawEvent = false;
    try {
        for await (const line of lines) {
            lineNo++;
            if (!line.trim()) continue;
            let event: unknown;
            try {
                event = JSON.parse(line);
            } catch {
                const fault = locateJsonError(line);
                throw new ReviewInputError(`${file}: line ${lineNo} is not valid JSON (${fault.reason}) at column ${fault.index + 1}; expected one engine event per line (\`pulumi preview --event-log\`)`);
            }
            if (typeof event !== "object" || event === null || Array.isArray(event)) {
                throw new ReviewInputError(`${file}: line ${lineNo} is not an engine event object; expected one engine event per line (\`pulumi preview --event-log\`)`);
            }
            const e = event as Record<string, unknown>;
            if (Object.keys(e).some((k) => k.endsWith("Event"))) sawEvent = true;
            log.events++;
            const verdict = policyVerdictOf(e);
            if (verdict) log.verdicts.push(verdict);
            const summary = e.summaryEvent as Record<string, unknown> | undefined;
            if (summary && typeof summary.PolicyPacks === "object" && summary.PolicyPacks !== null) {
                for (const [k, v] of Object.entries(summary.PolicyPacks as Record<string, unknown>)) log.packs[k] = String(v ?? "");
            }
        }
    } catch (e) {
        if (e instanceof ReviewInputError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        throw new ReviewInputError(`${file}: cannot read the event log (${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message})`);
    } finally {
        stream.destroy();
    }
    if (log.events === 0) throw new ReviewInputError(`${file}: empty event log: expected one engine event per line (\`pulumi preview --event-log\`)`);
    if (!sawEvent) throw new ReviewInputError(`${file}: not a Pulumi event log: no line carries an engine event (policyEvent, summaryEvent, ...)`);
    return log;
}
