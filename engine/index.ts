import { spawn } from "node:child_process";
import { appendFileSync, existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { EngineInputError, findProject, loadStackConfig, toRuntimeConfig } from "./project";
import { OFFLINE_ACCOUNT_ID } from "./constants";
import { partitionOf } from "../infra/lib/aws";
import { CallbackClients } from "./callbacks";
import { Deployment, ResourceAnalysis } from "./deployment";
import { EXIT_ALREADY_REPORTED, languageHostLaunch, parseRuntimeOptions, pwdMain, stripAnsi, summarizeProgramError } from "./host";
import { LogEntry, startMonitor } from "./resmon";
import type { Mode, ProgramRun, RecordedResource } from "./record";
import { readPreviousDeployment } from "./state";
import { exitCallOf, missingModuleHint, plural, timeoutMessage } from "./failures";
import { ProgramOutput } from "./output";
import { PROJECT_ROOT } from "./root";
import { track } from "./children";

export { UNKNOWN, isUnknown, isSecret, OFFLINE_ACCOUNT_ID } from "./constants";
export { engineUrn, parseUrn } from "./urn";
export { EngineInputError } from "./project";
export type { RecordedResource, ProgramRun, Mode } from "./record";
export type { ResourceAnalysis } from "./deployment";

/** The run limit when none is given. */
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

export interface RunOptions {
    /** A Pulumi program file or folder. @default - the nearest Pulumi.yaml's `main` */
    program?: string;
    /** @default "dev" */
    stack?: string;
    /** Stack config file. @default - Pulumi.<stack>.yaml beside the nearest Pulumi.yaml */
    configFile?: string;
    mode: Mode;
    /** Config overrides (`ns:key` -> value) applied over the stack file: a test's way to change one setting. */
    config?: Record<string, unknown>;
    /** @default "organization" - what the CLI uses for a local backend */
    organization?: string;
    /** @default "111122223333" */
    accountId?: string;
    /** Stop the run after this long, saying so. @default DEFAULT_TIMEOUT_MS */
    timeoutMs?: number;
    /** Policy packs, consulted per resource as the step generator does. @default - none */
    analysis?: ResourceAnalysis;
    /** Environment for the program. @default process.env */
    env?: NodeJS.ProcessEnv;
    /** A `pulumi stack export` file: preview an update of that deployment. @default - a first deployment */
    state?: string;
    /**
     * Where the program's own output (console.log/error, pulumi.log) goes, line by line as it arrives (engine/output.ts).
     * @default - nowhere: it is kept in the run's `logs` only
     */
    output?: (line: string) => void;
}

/** The program failed (threw, did not compile, exited non-zero) or the engine refused one of its requests. */
export class ProgramError extends Error {
    /**
     * What the program had registered when it failed, so that the CLI can keep the secrets among them out of the
     * message (a policy that throws may quote the resource it was given). @default - none (failed before running)
     */
    registered: readonly RecordedResource[];

    constructor(message: string, registered: readonly RecordedResource[] = []) {
        super(message);
        this.name = "ProgramError";
        this.registered = registered;
    }
}

/** The run hit its --timeout. */
export class RunTimeoutError extends ProgramError {}

const DEFAULT_PROGRAM_ROOT = PROJECT_ROOT;

interface ProgramLocation {
    root: string;
    pwd: string;
    main: string;
    /** What to call the program in messages. */
    label: string;
}

/**
 * Where the program runs from, as the CLI decides it: a project's `main` (getPwdMain), or for an explicit file or
 * folder, that file in its folder or that folder with entry point ".".
 */
function locateProgram(program: string | undefined): ProgramLocation & { project: ReturnType<typeof findProject> } {
    if (program === undefined) {
        const project = findProject(DEFAULT_PROGRAM_ROOT);
        return { project, root: project.root, ...pwdMain(project.root, project.main), label: project.main ?? project.root };
    }
    const p = resolve(program);
    if (!existsSync(p)) throw new EngineInputError(`program not found: ${program}`);
    const project = findProject(p);
    if (statSync(p).isDirectory()) {
        if (p === project.root) return { project, root: project.root, ...pwdMain(project.root, project.main), label: program };
        if (!["index.ts", "index.js", "package.json"].some((f) => existsSync(join(p, f)))) {
            throw new EngineInputError(`no program entry point (index.ts, index.js or a package.json main) in ${program}`);
        }
        return { project, root: project.root, pwd: p, main: ".", label: program };
    }
    if (!/\.[cm]?[jt]s$/.test(p)) throw new EngineInputError(`not a Node.js program: ${program}`);
    return { project, root: project.root, pwd: dirname(p), main: basename(p), label: program };
}

function firstLine(s: string): string {
    return s.split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? "";
}

function prepare(opts: RunOptions) {
    const loc = locateProgram(opts.program);
    const { project } = loc;
    if (project.runtime.name !== "nodejs") throw new EngineInputError(`the offline engine runs Node.js programs; this project's runtime is ${project.runtime.name}`);
    const runtime = parseRuntimeOptions(project.runtime.options);
    const stack = opts.stack ?? "dev";
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new EngineInputError(`invalid stack name: ${JSON.stringify(stack)}`);
    // Offline there is no backend to hold a stack: a stack named on the command line is its file, or a typo.
    if (opts.stack !== undefined && opts.configFile === undefined && !existsSync(join(project.root, `Pulumi.${stack}.yaml`))) {
        throw new EngineInputError(`stack ${stack}: no Pulumi.${stack}.yaml in ${project.root} (create it with the stack's config, or pass --config FILE)`);
    }
    const cfg = loadStackConfig(project, stack, opts.configFile, opts.env);
    const rawConfig = { ...cfg.values, ...(opts.config ?? {}) };
    const maskedConfig: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rawConfig)) maskedConfig[k] = cfg.secretKeys.includes(k) ? "[secret]" : v;
    return { loc, project, runtime, stack, cfg, rawConfig, maskedConfig, organization: opts.organization ?? "organization" };
}

/** The stack a run would be for (project, stack, organization, mode, config with secrets masked), without running it. */
export function programMeta(opts: RunOptions): { project: string; stack: string; organization: string; mode: Mode; config: Record<string, string>; secretKeys: string[] } {
    const p = prepare(opts);
    // Packs get the decrypted config with the secret keys named (pkg/engine/update.go: target.Config.Decrypt).
    return { project: p.project.name, stack: p.stack, organization: p.organization, mode: opts.mode, config: toRuntimeConfig(p.rawConfig), secretKeys: p.cfg.secretKeys };
}

/**
 * Runs a Pulumi program as `pulumi preview` (mode "preview", a first deployment: computed values unknown) or
 * `pulumi up` (mode "up": computed values plausible) would: under the SDK's own entry point, started as the Node.js
 * language host starts it, talking to this engine's resource monitor over gRPC. Returns every registration as the
 * engine records it. Rejects with EngineInputError for bad input (missing program, invalid config file) and
 * ProgramError when the program fails or the engine cannot faithfully do what it asks.
 */
export async function runProgram(opts: RunOptions): Promise<ProgramRun> {
    const started = Date.now();
    try {
        return await runProgramOnce(opts);
    } finally {
        // HS_RUN_LOG: one line per program run (for measuring the test suite).
        if (process.env.HS_RUN_LOG) appendFileSync(process.env.HS_RUN_LOG, `${Date.now() - started}\t${opts.mode}\t${opts.program ?? "(project)"}\n`);
    }
}

async function runProgramOnce(opts: RunOptions): Promise<ProgramRun> {
    const { loc, project, runtime, stack, cfg, rawConfig, maskedConfig, organization } = prepare(opts);
    const config = toRuntimeConfig(rawConfig);
    const region = typeof rawConfig["aws:region"] === "string" ? (rawConfig["aws:region"] as string) : "us-east-1";
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const env = opts.env ?? process.env;
    const previous = opts.state ? readPreviousDeployment(opts.state, project.name, stack) : undefined;

    const callbacks = new CallbackClients(timeoutMs);
    const logs: string[] = [];
    const deployment = new Deployment({
        project: project.name, stack, mode: opts.mode,
        world: { accountId: opts.accountId ?? OFFLINE_ACCOUNT_ID, region, partition: partitionOf(region).partition },
        config, secretKeys: cfg.secretKeys, projectRoot: project.root, programDir: loc.pwd, callbacks,
        analysis: opts.analysis,
        legacyProviderPreview: /^(1|true|yes)$/i.test(env.PULUMI_LEGACY_PROVIDER_PREVIEW ?? ""),
        runtimeOptions: project.runtime.options, pluginTimeoutMs: timeoutMs,
        ...(previous ? { olds: previous.resources } : {}),
        log: (m) => logs.push(m),
    });
    const errors: LogEntry[] = [];
    const output = new ProgramOutput(opts.output ?? (() => undefined));
    const monitor = await startMonitor(deployment, (e) => {
        output.log(e);
        if (e.severity === "error") errors.push(e);
        else if (e.severity === "warning" || e.severity === "info") logs.push(e.severity === "warning" ? `warning: ${e.message}` : e.message);
    });
    deployment.engineAddress = monitor.address;
    for (const u of cfg.undecrypted) {
        deployment.noteDifference(`secret:${u.key}`, `config ${u.key} is a secret the engine cannot decrypt (${u.reason}): unknown to the program and to packs, where a real preview knows it`);
    }
    try {
        const launch = languageHostLaunch({
            projectRoot: project.root, pwd: loc.pwd, main: loc.main, project: project.name, stack, organization,
            dryRun: opts.mode === "preview", monitorAddress: monitor.address, engineAddress: monitor.address,
            config, secretKeys: cfg.secretKeys, runtime,
        }, env);
        const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; timedOut: boolean; stderr: string }>((done, fail) => {
            const child = track(spawn(launch.command, launch.args, { cwd: launch.cwd, env: launch.env, stdio: ["ignore", "pipe", "pipe"] }));
            let stderr = "";
            let out = "";
            let timedOut = false;
            child.stdout!.on("data", (d: Buffer) => { const t = d.toString(); out += t; output.write("stdout", t); });
            child.stderr!.on("data", (d: Buffer) => { const t = d.toString(); stderr += t; output.write("stderr", t); });
            const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, timeoutMs);
            child.on("error", (e) => { clearTimeout(timer); fail(new ProgramError(`could not start the program: ${e.message}`)); });
            child.on("close", (code, signal) => {
                clearTimeout(timer);
                output.end();
                for (const l of (out + stderr).split("\n")) if (l.trim()) logs.push(l);
                done({ code, signal, timedOut, stderr });
            });
        });
        // Registrations the program made before exiting still run to completion, as the engine's step executor does.
        await deployment.settled();
        if (exit.timedOut) throw new RunTimeoutError(timeoutMessage(loc.label, timeoutMs, deployment.resources.length), deployment.resources);
        if (deployment.engineError) throw new ProgramError(`program ${loc.label} failed: ${deployment.engineError}`, deployment.resources);
        if (exit.code !== 0) {
            const logged = errors[0];
            const exited = exitCallOf(exit.stderr);
            let why: string;
            if (exited) {
                why = `${exited} before the program finished registering its resources (${plural(deployment.resources.length, "resource")} registered); let the program end by itself`;
            } else if (logged) {
                why = summarizeProgramError(logged.message) + (logged.urn ? ` (${logged.urn})` : "");
            } else if (exit.code === EXIT_ALREADY_REPORTED || exit.code === null) {
                why = firstLine(exit.stderr) || `killed by signal ${exit.signal}`;
            } else {
                // The language host's words, with the first thing the program said on stderr (the SDK's leaked-promise
                // report starts "The Pulumi runtime detected that N promises were still active").
                const said = firstLine(stripAnsi(exit.stderr));
                why = `Program exited with non-zero exit code: ${exit.code}${said ? `: ${said}` : ""}`;
            }
            throw new ProgramError(`program ${loc.label} failed: ${why}${missingModuleHint(why, loc.pwd)}`, deployment.resources);
        }
        return {
            project: project.name, stack, organization, mode: opts.mode,
            resources: deployment.resources, stackOutputs: deployment.stackOutputs, config: maskedConfig, logs,
            ...(previous ? { deleted: deployment.deletedUrns() } : {}),
            differences: deployment.differences,
        };
    } finally {
        await deployment.close();
        monitor.stop();
        callbacks.close();
    }
}
