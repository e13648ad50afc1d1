/**
 * One `pulumi up --policy-pack` (or `pulumi preview --policy-pack`) step of pulumi/pulumi-policy's integration tests
 * (tests/integration/integration_test.go runPolicyPackIntegrationTestWithStackTags), run offline with `check`: the
 * stack config the step sets with `pulumi config set`, the `--policy-pack-config` files it writes, and its stack
 * tags, through runCheck, with the exit code `hardened-stack check` would give.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { runCheck } from "../../../cli/commands/check";
import type { CheckReport } from "../../../cli/commands/check";
import { packsOf, readPackConfigs } from "../../../cli/packs";
import { PolicySession } from "../../../engine/analyzer";
import type { Diagnostic } from "../../../engine/analyzer";
import { programMeta } from "../../../engine";
import type { Mode } from "../../../engine";

export const PROJECT = "hardened-stack";
export const STACK = "fidelity";
/** The type of every dynamic resource (lib/echo.ts). */
export const DYNAMIC_TYPE = "pulumi-nodejs:dynamic:Resource";

export interface Step {
    /** A program file under tests/fidelity. */
    program: string;
    mode: Mode;
    /** Pack folders, in `--policy-pack` order. */
    packs: string[];
    /** Stack config by bare key (`pulumi config set KEY VALUE` puts it in the project's namespace). @default - none */
    config?: Record<string, unknown>;
    /**
     * One `--policy-pack-config` document per pack, in pack order (the CLI pairs them by position).
     * @default - no --policy-pack-config flag
     */
    packConfig?: object[];
    /** `--tag key=value`. @default - none */
    tags?: Record<string, string>;
}

export interface Outcome {
    /** `hardened-stack check`'s exit code: 0 passed, 1 a mandatory violation, 2 an error (the run failed). */
    code: 0 | 1 | 2;
    report?: CheckReport;
    /** The error's one line, when code is 2. */
    error?: string;
}

function tempFile(name: string, text: string): string {
    const file = join(mkdtempSync(join(tmpdir(), "hs-fidelity-")), name);
    writeFileSync(file, text);
    return file;
}

function flags(step: Step) {
    const config = Object.fromEntries(Object.entries(step.config ?? {}).map(([k, v]) => [k.includes(":") ? k : `${PROJECT}:${k}`, v]));
    return {
        values: { program: step.program, stack: STACK, config: tempFile(`Pulumi.${STACK}.yaml`, stringify({ config })), mode: step.mode, timeout: "240" },
        packConfigFiles: (step.packConfig ?? []).map((c, i) => tempFile(`policy-config-${i}.json`, JSON.stringify(c, null, 4))),
    };
}

/**
 * Runs one step. Programs compile transpile-only: none of these scenarios is about type-checking, and a type-check
 * of each program costs seconds. runCheck passes the process environment to the program, so the switch is set here;
 * every test file runs in its own process under `node --test`.
 */
export async function check(step: Step): Promise<Outcome> {
    process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
    const { values, packConfigFiles } = flags(step);
    try {
        const report = await runCheck(values, step.packs, packConfigFiles, step.tags ?? {});
        return { code: report.analysis.violations.some((d) => d.enforcementLevel === "mandatory") ? 1 : 0, report };
    } catch (e) {
        return { code: 2, error: (e as Error).message };
    }
}

/**
 * Only what the CLI does before it runs the program (update.go loadPolicyPlugins): start and configure the packs,
 * as runCheck does, then stop. For steps that fail there: runCheck gives the same error, but only once the program
 * has exited, and a program whose Stack registration is refused takes about 30 s to exit.
 */
export async function loadPacks(step: Step): Promise<Outcome> {
    const { values, packConfigFiles } = flags(step);
    let session: PolicySession | undefined;
    try {
        const packDirs = packsOf(step.packs);
        session = PolicySession.open(packDirs, programMeta({ program: values.program, stack: values.stack, configFile: values.config, mode: step.mode }),
            { packConfig: readPackConfigs(packDirs, packConfigFiles), stackTags: step.tags ?? {} });
        await session.whenReady();
        return { code: 0 };
    } catch (e) {
        return { code: 2, error: (e as Error).message };
    } finally {
        session?.close();
    }
}

/** The report of a run that did not fail. */
export function reportOf(o: Outcome): CheckReport {
    if (!o.report) throw new Error(`the run failed: ${o.error}`);
    return o.report;
}

export function stackUrn(): string {
    return `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
}

/** A resource's URN in the fidelity stack: top-level, or under a parent of type `parentType`. */
export function urnOf(type: string, name: string, parentType?: string): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${parentType ? `${parentType}$` : ""}${type}::${name}`;
}

/** What a violation shows: the pulumi CLI prints `[level]  policy  (type: name)`, the description, then the message. */
export interface Shown {
    policy: string;
    level: Diagnostic["enforcementLevel"];
    urn: string;
    description: string;
    message: string;
}

export function shown(d: Diagnostic): Shown {
    const message = d.message.startsWith(`${d.description}\n`) ? d.message.slice(d.description.length + 1) : d.message;
    return { policy: d.policy, level: d.enforcementLevel, urn: d.urn, description: d.description, message };
}

/** The violations (deferrals apart) reported against `urn`. */
export function violationsOn(o: Outcome, urn: string): Shown[] {
    return reportOf(o).analysis.violations.filter((d) => d.urn === urn).map(shown);
}

/**
 * What a reporting policy saw: the fidelity packs report their observations as advisory violations whose message is
 * JSON. One entry per violation of `policy`, with the resource it was reported against.
 */
export function reportedBy(o: Outcome, policy: string): { urn: string; seen: unknown }[] {
    return reportOf(o).analysis.violations.filter((d) => d.policy === policy).map((d) => ({ urn: d.urn, seen: JSON.parse(shown(d).message) as unknown }));
}

/** The one report of `policy`. */
export function reportedOnce<T>(o: Outcome, policy: string): T {
    const found = reportedBy(o, policy);
    if (found.length !== 1) throw new Error(`${policy} reported ${found.length} times, not once`);
    return found[0]!.seen as T;
}

/** Every URN the run registered, sorted. */
export function registeredUrns(o: Outcome): string[] {
    return reportOf(o).run.resources.map((r) => r.urn).sort();
}
