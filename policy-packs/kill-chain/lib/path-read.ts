/**
 * Reading resource values for the path model. The model is shared by several stack policies (lib/path-model.ts), so
 * it cannot record unknown values on one policy's Reads: every unknown it meets becomes a Reason carried by the
 * answer that needed it, and a policy turns those into its own deferrals only when its verdict depends on them.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Reads, UNKNOWN } from "./unknowns";
import { Statement, parsePolicyDocument } from "./iam";
import type { PolicySource, Reason } from "./iam-eval";

/**
 * Parsed statements by document text. Stacks repeat documents (one per workload, per copy of a component); parsing
 * each text once also lets per-statement answers be cached by the statements' identity (WeakMap). Bounded, so a
 * long-lived pack process does not grow with every stack it judges.
 */
const parsed = new Map<string, readonly Statement[]>();
const PARSE_CACHE_LIMIT = 20_000;

/** The statements of a policy document (JSON text or object); a malformed one has none (AWS refuses it, and other policies report it). */
export function statementsOf(doc: unknown): readonly Statement[] {
    if (typeof doc !== "string") return parsePolicyDocument(doc).statements ?? [];
    let out = parsed.get(doc);
    if (!out) {
        if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
        parsed.set(doc, (out = parsePolicyDocument(doc).statements ?? []));
    }
    return out;
}

/** Reads one value of `r`; an unknown value is returned as UNKNOWN and the reason pushed onto `reasons`. */
export function readValue(r: PolicyResource, path: string, fn: () => unknown, reasons?: Reason[]): unknown {
    const reads = new Reads();
    const v = reads.snapshot(path, fn);
    if (v === UNKNOWN) {
        reasons?.push({ urn: r.urn, path, opaque: false });
        return UNKNOWN;
    }
    // A document or list with an unknown inside is as unknown as a whole one.
    if (reads.unknownPaths.length > 0) {
        reasons?.push({ urn: r.urn, path: reads.unknownPaths[0]!, opaque: false });
        return UNKNOWN;
    }
    return v;
}

/** A policy document of `r` as a PolicySource; a malformed one reads as no statements (AWS refuses it, and other policies report it). */
export function documentSource(r: PolicyResource, path: string, fn: () => unknown, where: string): PolicySource | undefined {
    const reasons: Reason[] = [];
    const v = readValue(r, path, fn, reasons);
    if (v === UNKNOWN) return { where, reason: reasons[0]! };
    if (v === undefined || v === null || v === "") return undefined;
    return { where, statements: statementsOf(v) };
}

export function asStringOrUnknown(v: unknown): string | typeof UNKNOWN | undefined {
    return v === UNKNOWN ? UNKNOWN : typeof v === "string" ? v : undefined;
}
