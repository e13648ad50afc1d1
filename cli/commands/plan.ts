import { programMeta as engineProgramMeta, runProgram } from "../../engine";
import type { Mode, ProgramRun, RecordedResource, ResourceAnalysis } from "../../engine";
import { parseArgs, UsageError } from "../args";
import { configSecretTexts, maskSecrets, redactError, scrubSecrets } from "../mask";
import { usageOf } from "../../bin/help.js";
import { printable } from "../terminal";
import { countRegistrations, isProvider, registrationsText } from "../present/counts";
import { plural } from "../present/words";
import { Progress } from "../present/progress";

export const PLAN_USAGE = usageOf("plan");

export interface PlanOptions {
    program?: string;
    stack?: string;
    configFile?: string;
    mode: Mode;
    /** @default - the engine's DEFAULT_TIMEOUT_MS */
    timeoutMs?: number;
    /** A `pulumi stack export` file: preview an update of it. @default - a first deployment */
    state?: string;
}

export const PROGRAM_FLAGS = {
    values: ["program", "stack", "config", "mode", "timeout", "state"],
    choices: { mode: ["preview", "up"] },
} as const;

export function planOptions(values: Record<string, string | undefined>): PlanOptions {
    let timeoutMs: number | undefined;
    if (values.timeout !== undefined) {
        const secs = Number(values.timeout);
        if (!/^\d+(\.\d+)?$/.test(values.timeout) || !(secs > 0)) throw new UsageError(`--timeout must be a number of seconds above 0, not ${JSON.stringify(values.timeout)}`);
        timeoutMs = secs * 1000;
    }
    return { program: values.program, stack: values.stack, configFile: values.config, mode: (values.mode as Mode | undefined) ?? "preview",
        ...(timeoutMs ? { timeoutMs } : {}), ...(values.state !== undefined ? { state: values.state } : {}) };
}

/** Runs the program; `output` gets its own console and pulumi.log lines as they come (made printable). */
export async function runPlan(o: PlanOptions, analysis?: ResourceAnalysis, output?: (line: string) => void): Promise<ProgramRun> {
    return runProgram({ program: o.program, stack: o.stack, configFile: o.configFile, mode: o.mode, analysis, timeoutMs: o.timeoutMs, state: o.state,
        ...(output ? { output: (line: string) => output(printable(line)) } : {}) });
}

/** What packs are told about the stack before the program runs (ConfigureStack). */
export function programMeta(o: PlanOptions) {
    return engineProgramMeta({ program: o.program, stack: o.stack, configFile: o.configFile, mode: o.mode });
}

/** The `plan --json` document: exactly these fields per resource, secrets masked. */
export function planJson(run: ProgramRun): { resources: Record<string, unknown>[] } {
    return {
        resources: run.resources.map((r) => ({
            urn: r.urn, type: r.type, name: r.name, custom: r.custom, parent: r.parent, provider: r.provider,
            inputs: maskSecrets(r.inputs), dependencies: r.dependencies, propertyDependencies: r.propertyDependencies,
        })),
    };
}

/** A readable tree: components with their children, custom resources as leaves, counts per component. */
export function planTree(run: ProgramRun): string {
    const children = new Map<string, RecordedResource[]>();
    for (const r of run.resources) {
        const list = children.get(r.parent) ?? [];
        list.push(r);
        children.set(r.parent, list);
    }
    const lines: string[] = [];
    const count = (urn: string): number => (children.get(urn) ?? []).reduce((n, c) => n + (c.custom && !isProvider(c) ? 1 : 0) + count(c.urn), 0);
    const walk = (r: RecordedResource, indent: string, last: boolean, root: boolean): void => {
        const branch = root ? "" : last ? "└─ " : "├─ ";
        const label = r.custom ? `${printable(r.type)}  ${printable(r.name)}` : `${printable(r.type)}  ${printable(r.name)}  (${plural(count(r.urn), "resource")})`;
        lines.push(`${indent}${branch}${label}`);
        const kids = children.get(r.urn) ?? [];
        // Components first, then resources, so the shape of the platform reads top-down.
        kids.sort((a, b) => Number(a.custom) - Number(b.custom));
        kids.forEach((k, i) => walk(k, root ? "" : indent + (last ? "   " : "│  "), i === kids.length - 1, false));
    };
    for (const top of children.get("") ?? []) walk(top, "", true, true);
    lines.push("");
    lines.push(`${run.project}/${run.stack} (${run.mode}): ${registrationsText(countRegistrations(run))}`);
    return lines.join("\n");
}

export async function planCommand(argv: string[], out: (s: string) => void, err: (s: string) => void = () => undefined): Promise<number> {
    const a = parseArgs("plan", argv, { ...PROGRAM_FLAGS, booleans: ["json"] });
    const options = planOptions(a.values);
    const meta = programMeta(options);
    // The program may print its own secret config, or quote it in an error: scrubbed like everything else shown.
    const configSecrets = configSecretTexts(meta.config, meta.secretKeys);
    const progress = new Progress(process.stderr);
    progress.show("running the program");
    let run: ProgramRun;
    try {
        run = await runPlan(options, undefined, (line) => { progress.clear(); err(scrubSecrets(line, configSecrets)); });
    } catch (e) {
        throw redactError(e, configSecrets);
    } finally {
        progress.show(undefined);
    }
    out(a.flags.has("json") ? JSON.stringify(planJson(run), null, 2) : planTree(run));
    return 0;
}
