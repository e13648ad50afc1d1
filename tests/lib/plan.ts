// Reading the registrations the offline engine records: shared by the component, stack and engine tests.
import assert from "node:assert/strict";
import { UNKNOWN, runProgram } from "../../engine";
import type { ProgramRun, RecordedResource, RunOptions } from "../../engine";

/**
 * The environment component tests run programs in: PULUMI_NODEJS_TRANSPILE_ONLY, the SDK's own switch that `pulumi
 * up` honours too, so ts-node compiles without type-checking. The tests are about what a program registers; types are
 * checked by `tsc --noEmit` in `npm test` (stricter than ts-node's defaults), and the engine and reference-stack
 * tests run programs type-checked, as `pulumi up` does.
 */
export const TRANSPILE_ONLY_ENV: NodeJS.ProcessEnv = { ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" };

/** runProgram for component tests: transpile-only (see TRANSPILE_ONLY_ENV) and a generous limit for a busy machine. */
export function runTest(opts: RunOptions): Promise<ProgramRun> {
    return runProgram({ timeoutMs: 300_000, ...opts, env: opts.env ?? TRANSPILE_ONLY_ENV });
}

const shared = new Map<string, Promise<ProgramRun>>();

/**
 * runTest, once per distinct set of options in the process: test files that ask for the same run share it when they
 * run in one process (scripts/test.mjs runs the pure folders together, tests/lib/one-process.ts). Only for runs the
 * tests read and never change.
 */
export function runShared(opts: RunOptions): Promise<ProgramRun> {
    const key = JSON.stringify(opts);
    if (!shared.has(key)) shared.set(key, runTest(opts));
    return shared.get(key)!;
}

export const MODES = ["preview", "up"] as const;
export type Mode = (typeof MODES)[number];
export const ACCOUNT = "111122223333";

const cache = new Map<string, Promise<ProgramRun>>();

/** Runs `program` once per (mode, overrides) with `hardened-stack:<configKey>` set, sharing the result between tests. */
export function runWith(program: string, configKey: string, mode: Mode, overrides: Record<string, unknown> = {}): Promise<ProgramRun> {
    const key = `${program}:${mode}:${JSON.stringify(overrides)}`;
    if (!cache.has(key)) {
        cache.set(key, runTest({
            program,
            mode,
            config: { "aws:region": "eu-west-1", [`hardened-stack:${configKey}`]: overrides },
        }));
    }
    return cache.get(key)!;
}

/**
 * What constructing the component of `program` throws with each of `cases` (tests/programs/lib/probe.ts), all in one
 * program run, started at the first question. `(i) => message` ("" when case i did not throw).
 */
export function rejections(program: string, key: string, cases: readonly Record<string, unknown>[]): (i: number) => Promise<string> {
    let run: Promise<ProgramRun> | undefined;
    return async (i) => {
        run ??= runTest({ program, mode: "preview", config: { "aws:region": "eu-west-1", [`hardened-stack:${key}Probe`]: cases } });
        const errors = (await run).stackOutputs.probeErrors;
        assert.ok(Array.isArray(errors) && errors.length === cases.length, `${program} did not probe ${cases.length} cases`);
        return String(errors[i]);
    };
}

export function ofType(run: ProgramRun, type: string): RecordedResource[] {
    return run.resources.filter((r) => r.type === type);
}

export function one(run: ProgramRun, type: string, name?: string): RecordedResource {
    const found = ofType(run, type).filter((r) => name === undefined || r.name === name);
    assert.equal(found.length, 1, `expected exactly one ${type}${name ? ` named ${name}` : ""}, found ${found.length}`);
    return found[0];
}

export function byUrn(run: ProgramRun, urn: string): RecordedResource {
    const r = run.resources.find((x) => x.urn === urn);
    assert.ok(r, `no resource ${urn}`);
    return r;
}

/** The resources an input of `r` was computed from. */
export function inputSources(run: ProgramRun, r: RecordedResource, input: string): RecordedResource[] {
    return (r.propertyDependencies[input] ?? []).map((u) => byUrn(run, u));
}

/** The nearest ancestor of type `type`, or undefined. */
export function ancestorOfType(run: ProgramRun, r: RecordedResource, type: string): RecordedResource | undefined {
    let cur: RecordedResource | undefined = r;
    while (cur && cur.parent) {
        cur = run.resources.find((x) => x.urn === cur!.parent);
        if (cur?.type === type) return cur;
    }
    return undefined;
}

/** Resources whose ancestor chain includes `component`. */
export function descendants(run: ProgramRun, component: RecordedResource): RecordedResource[] {
    return run.resources.filter((r) => {
        let cur: RecordedResource | undefined = r;
        while (cur && cur.parent) {
            if (cur.parent === component.urn) return true;
            cur = run.resources.find((x) => x.urn === cur!.parent);
        }
        return false;
    });
}

/** Parses a JSON document input; fails when it is unknown, since our documents must be known in preview too. */
export function knownJson(r: RecordedResource, key: string): Record<string, unknown> {
    const v = r.inputs[key];
    assert.notEqual(v, UNKNOWN, `${r.name}.${key} must be known in preview`);
    assert.equal(typeof v, "string", `${r.name}.${key} should be a JSON string`);
    return JSON.parse(v as string) as Record<string, unknown>;
}

export { isUnknown } from "../../engine";
