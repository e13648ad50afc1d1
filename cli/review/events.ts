/**
 * Reads the engine event stream (`pulumi preview --event-log FILE`, or the streaming JSON of
 * `PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi preview --json`): one JSON event per line. Only `policyEvent`s
 * (the packs' verdicts, which `pulumi preview --json` leaves out) and the summary's pack list are kept.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { ReviewInputError } from "./preview";
import { locateJsonError } from "./json-error";
import { printable } from "../terminal";

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
    /** Every `project/stack` named by a URN in the log (resource and policy events), in the order met. */
    stacks: string[];
}

/** The URN an event is about, if it names one (policy, resource and diagnostic events). */
export function urnOf(event: Record<string, unknown>): string | undefined {
    for (const [k, v] of Object.entries(event)) {
        if (!k.endsWith("Event") || typeof v !== "object" || v === null) continue;
        const p = v as Record<string, unknown>;
        const meta = p.metadata as Record<string, unknown> | undefined;
        for (const u of [p.resourceUrn, p.urn, meta?.urn]) if (typeof u === "string" && u.startsWith("urn:pulumi:")) return u;
    }
    return undefined;
}

/**
 * Why an event log cannot be merged into a preview's review: it names another project or stack (a log left over from
 * another job, or a matrix leg crossed with another). undefined when it matches, or names no stack at all.
 */
export function foreignEventLogError(log: EventLog, previewFile: string, project: string, stack: string): string | undefined {
    const own = `${project}/${stack}`;
    const other = log.stacks.find((s) => s !== own);
    if (other === undefined) return undefined;
    return `${log.file}: the event log is of ${printable(other)} but ${previewFile} is a preview of ${printable(own)}; `
        + "pass the --event-log written by the same `pulumi preview` run";
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
    const log: EventLog = { file, verdicts: [], packs: {}, events: 0, stacks: [] };
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
            const urn = urnOf(e);
            // A malformed URN names no stack; the verdict carrying it is still merged by its text.
            const u = urn && /^urn:pulumi:([^:]*)::([^:]*)::/.exec(urn);
            if (u && !log.stacks.includes(`${u[2]}/${u[1]}`)) log.stacks.push(`${u[2]}/${u[1]}`);
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
