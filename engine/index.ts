import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { EngineInputError, findProject, loadStackConfig, toRuntimeConfig } from "./project";
import { OFFLINE_ACCOUNT_ID } from "./constants";
import { partitionOf } from "../infra/lib/aws";
import type { ChildReply, ChildRequest } from "./child";
import type { Mode, ProgramRun } from "./record";

export { UNKNOWN, isUnknown, isSecret, OFFLINE_ACCOUNT_ID } from "./constants";
export { engineUrn, parseUrn } from "./urn";
export { EngineInputError } from "./project";
export type { RecordedResource, ProgramRun, Mode } from "./record";

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
    /** Kill the run after this long. @default 60000 */
    timeoutMs?: number;
}

/** The program failed (threw, or logged an error): what `pulumi preview` reports as a failed program. */
export class ProgramError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramError";
    }
}

const DEFAULT_PROGRAM_ROOT = resolve(__dirname, "..");

function resolveProgram(program: string | undefined): string {
    const p = resolve(program ?? DEFAULT_PROGRAM_ROOT);
    if (!existsSync(p)) throw new EngineInputError(`program not found: ${program}`);
    if (program === undefined || !/\.[cm]?[jt]s$/.test(p)) {
        // A folder: the project's `main`, else the folder's index.
        const project = findProject(p);
        const main = readMain(project.root);
        for (const candidate of [join(project.root, main, "index.ts"), join(project.root, main), join(p, "index.ts"), join(p, "index.js")]) {
            if (existsSync(candidate) && /\.[cm]?[jt]s$/.test(candidate)) return candidate;
        }
        throw new EngineInputError(`no program entry point (index.ts) in ${p}`);
    }
    return p;
}

function readMain(root: string): string {
    const { parse } = require("yaml") as typeof import("yaml");
    const doc = parse(require("node:fs").readFileSync(join(root, "Pulumi.yaml"), "utf8")) as { main?: unknown };
    return typeof doc.main === "string" ? doc.main : ".";
}

/**
 * Runs a Pulumi program as `pulumi preview` (mode "preview", a first deployment: computed values unknown) or
 * `pulumi up` (mode "up": computed values plausible) would, and returns every registration as the engine records it.
 * Rejects with EngineInputError for bad input (missing program, invalid config file) and ProgramError when the
 * program fails.
 */
export async function runProgram(opts: RunOptions): Promise<ProgramRun> {
    const program = resolveProgram(opts.program);
    const project = findProject(program);
    const stack = opts.stack ?? "dev";
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new EngineInputError(`invalid stack name: ${JSON.stringify(stack)}`);
    const cfg = loadStackConfig(project, stack, opts.configFile);
    const rawConfig = { ...cfg.values, ...(opts.config ?? {}) };
    const region = typeof rawConfig["aws:region"] === "string" ? (rawConfig["aws:region"] as string) : "us-east-1";
    const req: ChildRequest = {
        program, projectRoot: project.root, project: project.name, stack, organization: opts.organization ?? "organization",
        mode: opts.mode, config: toRuntimeConfig(rawConfig), rawConfig, secretKeys: cfg.secretKeys,
        world: { accountId: opts.accountId ?? OFFLINE_ACCOUNT_ID, region, partition: partitionOf(region).partition },
    };
    return new Promise<ProgramRun>((resolveRun, reject) => {
        const child = fork(join(__dirname, "child.ts"), [], {
            cwd: project.root,
            execArgv: ["--import", "tsx"],
            stdio: ["ignore", "pipe", "pipe", "ipc"],
            serialization: "advanced",
        });
        let stderr = "";
        let stdout = "";
        child.stdout!.on("data", (d: Buffer) => { stdout += d.toString(); });
        child.stderr!.on("data", (d: Buffer) => { stderr += d.toString(); });
        let reply: ChildReply | undefined;
        const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60000);
        child.on("message", (m: ChildReply) => { reply = m; });
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            if (reply?.ok) {
                const logs = (stdout + stderr).split("\n").filter((l) => l.trim().length > 0);
                resolveRun({ ...reply.run, logs });
            } else if (reply) {
                reject(new ProgramError(`program ${program} failed: ${reply.error}`));
            } else {
                const last = stderr.trim().split("\n").filter(Boolean).pop() ?? `exit code ${code} signal ${signal}`;
                reject(new ProgramError(`program ${program} failed: ${last}`));
            }
        });
        child.send(req);
    });
}
