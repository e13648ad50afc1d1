/**
 * Reading resource values for the path model. The model is shared by several stack policies (lib/path-model.ts), so
 * it cannot record unknown values on one policy's Reads: every unknown it meets becomes a Reason carried by the
 * answer that needed it, and a policy turns those into its own deferrals only when its verdict depends on them.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Reads, UNKNOWN } from "./unknowns";
import { parsePolicyDocument } from "./iam";
import type { PolicySource, Reason } from "./iam-eval";

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
    const doc = parsePolicyDocument(v);
    return { where, statements: doc.statements ?? [] };
}

export function asStringOrUnknown(v: unknown): string | typeof UNKNOWN | undefined {
    return v === UNKNOWN ? UNKNOWN : typeof v === "string" ? v : undefined;
}
