/**
 * The Node.js language host's part (sdk/nodejs/cmd/pulumi-language-nodejs/main.go at v3.248.0): where the program
 * runs from, the command line and environment of `node <@pulumi/pulumi/cmd/run> ...`, and how its exit decides the
 * result. The program then runs under the SDK's own entry point: TypeScript is compiled by the ts-node the SDK
 * registers, with the project's `typescript`, exactly as under `pulumi up`.
 */
import { createRequire } from "node:module";
import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { EngineInputError } from "./project";

export interface RuntimeOptions {
    /** @default true */
    typescript: boolean;
    tsconfig?: string;
    nodeargs?: string;
}

/** parseOptions: Pulumi.yaml `runtime.options`, with the language host's own messages for wrong types. */
export function parseRuntimeOptions(options: Record<string, unknown> | undefined): RuntimeOptions {
    const o = options ?? {};
    const out: RuntimeOptions = { typescript: true };
    if ("typescript" in o) {
        if (typeof o.typescript !== "boolean") throw new EngineInputError("Pulumi.yaml runtime.options: typescript option must be a boolean");
        out.typescript = o.typescript;
    }
    if ("tsconfig" in o) {
        if (typeof o.tsconfig !== "string") throw new EngineInputError("Pulumi.yaml runtime.options: tsconfigpath option must be a string");
        out.tsconfig = o.tsconfig;
    }
    if ("nodeargs" in o) {
        if (typeof o.nodeargs !== "string") throw new EngineInputError("Pulumi.yaml runtime.options: nodeargs option must be a string");
        out.nodeargs = o.nodeargs;
    }
    return out;
}

/**
 * pkg/engine/project.go getPwdMain: a `main` folder becomes the working directory with entry point "."; a `main` file
 * runs from its folder under its base name.
 */
export function pwdMain(root: string, main: string | undefined): { pwd: string; main: string } {
    if (!main) return { pwd: root, main: "." };
    const full = isAbsolute(main) ? main : resolve(root, main);
    if (!existsSync(full)) throw new EngineInputError(`project 'main' could not be read: ${full} does not exist`);
    return statSync(full).isDirectory() ? { pwd: full, main: "." } : { pwd: dirname(full), main: basename(full) };
}

/** shlex.Split, for `nodeargs`: whitespace-separated words, single and double quotes, backslash escapes. */
export function splitArgs(s: string): string[] {
    const out: string[] = [];
    let cur = "";
    let has = false;
    let quote: string | undefined;
    for (let i = 0; i < s.length; i++) {
        const c = s[i]!;
        if (quote) {
            if (c === quote) quote = undefined;
            else if (c === "\\" && quote === '"' && i + 1 < s.length) cur += s[++i];
            else cur += c;
        } else if (c === "'" || c === '"') {
            quote = c;
            has = true;
        } else if (c === "\\" && i + 1 < s.length) {
            cur += s[++i];
            has = true;
        } else if (/\s/.test(c)) {
            if (has || cur) out.push(cur);
            cur = "";
            has = false;
        } else {
            cur += c;
        }
    }
    if (quote) throw new EngineInputError(`Pulumi.yaml runtime.options.nodeargs: unclosed quote in ${JSON.stringify(s)}`);
    if (has || cur) out.push(cur);
    return out;
}

/** locateModule: `require.resolve` from the program's folder, as `node -e` there does. */
export function locateRunner(programDir: string): string {
    try {
        return createRequire(join(programDir, "__pulumi_locate__.js")).resolve("@pulumi/pulumi/cmd/run");
    } catch {
        // The language host's words, then where it looked: a program outside this repository has its own node_modules.
        throw new EngineInputError(`It looks like the Pulumi SDK has not been installed. Have you run pulumi install? (@pulumi/pulumi does not resolve from ${programDir}: run \`npm install @pulumi/pulumi\` there)`);
    }
}

export interface LaunchRequest {
    projectRoot: string;
    pwd: string;
    main: string;
    project: string;
    stack: string;
    organization: string;
    dryRun: boolean;
    monitorAddress: string;
    engineAddress: string;
    /** Config `ns:key` -> string value. */
    config: Record<string, string>;
    secretKeys: readonly string[];
    runtime: RuntimeOptions;
    /** @default - PULUMI_PARALLEL, else 4 per CPU (pkg/cmd/pulumi/operations/up.go defaultParallel) */
    parallel?: number;
}

export interface Launch {
    command: string;
    args: string[];
    env: Record<string, string>;
    cwd: string;
}

/** execRuntime + constructArguments + constructConfig: the program's command line and environment. */
export function languageHostLaunch(r: LaunchRequest, baseEnv: NodeJS.ProcessEnv = process.env): Launch {
    const runPath = locateRunner(r.pwd);
    const parallel = r.parallel ?? (Number(baseEnv.PULUMI_PARALLEL) > 0 ? Number(baseEnv.PULUMI_PARALLEL) : availableParallelism() * 4);
    const args = [runPath];
    const add = (k: string, v: string) => { if (v !== "") args.push(`--${k}`, v); };
    add("monitor", r.monitorAddress);
    add("engine", r.engineAddress);
    add("organization", r.organization);
    add("project", r.project);
    add("root-directory", r.projectRoot);
    add("stack", r.stack);
    add("pwd", r.pwd);
    if (r.dryRun) args.push("--dry-run");
    add("parallel", String(parallel));
    args.push(r.main);
    // Old-style keys (`ns:config:key`) for older SDKs; the SDK reads both.
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.config)) {
        const i = k.indexOf(":");
        config[`${k.slice(0, i)}:config:${k.slice(i + 1)}`] = v;
    }
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(baseEnv)) if (v !== undefined) env[k] = v;
    env.PULUMI_CONFIG = JSON.stringify(config);
    env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(r.secretKeys);
    // The two things added to the program's process: a guard against a Node bug that stalls error printing
    // (engine/inspect-guard.js) and a note of the program's own process.exit() call (engine/exit-guard.js). In
    // NODE_OPTIONS, so cmd/run's check of process.execArgv for loaders is unaffected.
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ? `${env.NODE_OPTIONS} ` : ""}--require ${JSON.stringify(INSPECT_GUARD)} --require ${JSON.stringify(EXIT_GUARD)}`;
    if (r.runtime.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (r.runtime.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = r.runtime.tsconfig;
    const nodeArgs = r.runtime.nodeargs ? splitArgs(r.runtime.nodeargs) : [];
    return { command: process.execPath, args: [...nodeArgs, ...args], env, cwd: r.pwd };
}

export const INSPECT_GUARD = join(__dirname, "inspect-guard.js");
/** Notes a program's own process.exit() call and its place (engine/exit-guard.js). */
export const EXIT_GUARD = join(__dirname, "exit-guard.js");

/** cmd/run's code for "the error was already shown to the user" (nodeJSProcessExitedAfterShowingUserActionableMessage). */
export const EXIT_ALREADY_REPORTED = 32;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Text without terminal colour codes (the SDK colours what it logs). */
export function stripAnsi(s: string): string {
    return s.replace(ANSI, "");
}

/**
 * One line for a failed program, from what the SDK logged: the first error message without the "Running program ...
 * failed" preamble, stack frames or colour; a TypeScript compile error as its first diagnostic.
 */
export function summarizeProgramError(message: string): string {
    const lines = stripAnsi(message).split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
    let i = 0;
    if (/^Running program '.*' failed with an unhandled exception:$/.test(lines[0] ?? "")) i = 1;
    let first = lines[i] ?? "the program failed";
    if (/^TSError: ⨯ Unable to compile TypeScript:?$/.test(first)) {
        const diag = lines.slice(i + 1).find((l) => /error TS\d+/.test(l));
        return `TypeScript: ${diag ?? lines[i + 1] ?? "the program does not compile"}`;
    }
    // An error's class name is noise in one line ("ValidationError: invalid x" -> "invalid x").
    first = first.replace(/^<ref \*\d+> /, "").replace(/^(Uncaught )?([A-Z][A-Za-z]*)?(Error|Exception): /, "");
    return first;
}
