// Reading the registrations the offline engine records for the cluster program. The generic readers live in
// tests/data/run.ts (shared with the data tests); only what is cluster-specific is here.
import assert from "node:assert/strict";
import { UNKNOWN } from "../../engine";
import type { ProgramRun, RecordedResource } from "../../engine";
import { MODES, Mode, byUrn, inputSources, ofType, one, runWith } from "../lib/plan";

export { MODES, byUrn, inputSources, ofType, one };
export const CLUSTER_PROGRAM = "tests/programs/cluster-private.ts";

/** Runs the cluster program once per (mode, `hardened-stack:clusterTest` overrides), shared between tests. */
export function runCluster(mode: Mode, overrides: Record<string, unknown> = {}): Promise<ProgramRun> {
    return runWith(CLUSTER_PROGRAM, "clusterTest", mode, overrides);
}

/** The ancestors of `r`, nearest first. */
export function ancestors(run: ProgramRun, r: RecordedResource): RecordedResource[] {
    const out: RecordedResource[] = [];
    for (let cur = r; cur.parent; ) {
        const p = run.resources.find((x) => x.urn === cur.parent);
        if (!p) break;
        out.push(p);
        cur = p;
    }
    return out;
}

/** Parses a JSON document input, or returns undefined while it is still unknown (preview). */
export function jsonInput(r: RecordedResource, key: string): Record<string, unknown> | undefined {
    const v = r.inputs[key];
    if (v === UNKNOWN) return undefined;
    assert.equal(typeof v, "string", `${r.name}.${key} should be a JSON string`);
    return JSON.parse(v as string) as Record<string, unknown>;
}
