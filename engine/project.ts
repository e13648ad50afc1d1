import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";

export class EngineInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "EngineInputError";
    }
}

export interface ProjectInfo {
    /** Folder holding Pulumi.yaml. */
    root: string;
    name: string;
    /** Project-level config values from Pulumi.yaml (`config: key: value:`). */
    projectConfig: Record<string, unknown>;
    /** Pulumi.yaml `main`, when set. */
    main?: string;
    /** Pulumi.yaml `runtime` name (`nodejs`) and `runtime.options`. */
    runtime: { name: string; options: Record<string, unknown> };
}

/** The nearest Pulumi.yaml at or above `from`, as the CLI finds it. */
export function findProject(from: string): ProjectInfo {
    let dir = resolve(from);
    if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
    for (;;) {
        for (const file of ["Pulumi.yaml", "Pulumi.yml"]) {
            const p = join(dir, file);
            if (existsSync(p)) return readProject(p);
        }
        const up = dirname(dir);
        if (up === dir) throw new EngineInputError(`no Pulumi.yaml found at or above ${from}`);
        dir = up;
    }
}

function readYaml(path: string): unknown {
    try {
        return parse(readFileSync(path, "utf8"));
    } catch (e) {
        const msg = (e as Error).message.split("\n")[0];
        throw new EngineInputError(`${path} is not valid YAML: ${msg}`);
    }
}

function readProject(path: string): ProjectInfo {
    const doc = readYaml(path);
    if (typeof doc !== "object" || doc === null || typeof (doc as { name?: unknown }).name !== "string") {
        throw new EngineInputError(`${path} has no project name (a string 'name' is required)`);
    }
    const d = doc as { name: string; config?: Record<string, unknown>; main?: unknown; runtime?: unknown };
    const projectConfig: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(d.config ?? {})) {
        // Project config is either a bare value or `{ value | default, type, ... }`.
        if (typeof spec === "object" && spec !== null && !Array.isArray(spec)) {
            const s = spec as Record<string, unknown>;
            if ("value" in s) projectConfig[qualify(key, d.name)] = s.value;
            else if ("default" in s) projectConfig[qualify(key, d.name)] = s.default;
        } else {
            projectConfig[qualify(key, d.name)] = spec;
        }
    }
    if (d.main !== undefined && typeof d.main !== "string") throw new EngineInputError(`${path}: 'main' must be a string`);
    let runtime: ProjectInfo["runtime"];
    if (typeof d.runtime === "string") runtime = { name: d.runtime, options: {} };
    else if (typeof d.runtime === "object" && d.runtime !== null && typeof (d.runtime as { name?: unknown }).name === "string") {
        const r = d.runtime as { name: string; options?: unknown };
        if (r.options !== undefined && (typeof r.options !== "object" || r.options === null || Array.isArray(r.options))) {
            throw new EngineInputError(`${path}: 'runtime.options' must be a mapping`);
        }
        runtime = { name: r.name, options: (r.options as Record<string, unknown>) ?? {} };
    } else throw new EngineInputError(`${path} has no runtime (a 'runtime' name such as nodejs is required)`);
    return { root: dirname(path), name: d.name, projectConfig, ...(d.main !== undefined ? { main: d.main as string } : {}), runtime };
}

/** Config keys without a namespace belong to the project (`region` in project `p` is `p:region`). */
function qualify(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

export interface StackConfig {
    /** Fully qualified key (`ns:key`) -> value as written in YAML (strings, numbers, booleans, objects). */
    values: Record<string, unknown>;
    /** Keys whose value is `secure:` (encrypted) in the stack file. */
    secretKeys: string[];
    file: string | undefined;
}

/** The placeholder a `secure:` value gets offline: the engine cannot decrypt without the stack's secrets provider. */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-secret-value";

export function loadStackConfig(project: ProjectInfo, stack: string, configFile?: string): StackConfig {
    const file = configFile ? resolve(configFile) : join(project.root, `Pulumi.${stack}.yaml`);
    const values: Record<string, unknown> = { ...project.projectConfig };
    const secretKeys: string[] = [];
    if (!existsSync(file)) {
        if (configFile) throw new EngineInputError(`config file not found: ${configFile}`);
        return { values, secretKeys, file: undefined };
    }
    const doc = readYaml(file);
    if (doc === null || doc === undefined) return { values, secretKeys, file };
    if (typeof doc !== "object" || Array.isArray(doc)) throw new EngineInputError(`${file} must be a YAML mapping with a 'config' key`);
    const cfg = (doc as Record<string, unknown>).config;
    if (cfg === undefined || cfg === null) return { values, secretKeys, file };
    if (typeof cfg !== "object" || Array.isArray(cfg)) throw new EngineInputError(`${file}: 'config' must be a mapping of 'namespace:key' to values`);
    for (const [key, value] of Object.entries(cfg as Record<string, unknown>)) {
        if (!/^[A-Za-z0-9_.-]+:[A-Za-z0-9_./-]+$/.test(key)) {
            throw new EngineInputError(`${file}: config key '${key}' must be 'namespace:key' (e.g. aws:region)`);
        }
        if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value) {
            values[key] = OFFLINE_SECRET_PLACEHOLDER;
            secretKeys.push(key);
        } else {
            values[key] = value;
        }
    }
    return { values, secretKeys, file };
}

/** PULUMI_CONFIG form: every value a string, structured values as JSON (what the language host passes). */
export function toRuntimeConfig(values: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
        out[k] = typeof v === "string" ? v : JSON.stringify(v);
    }
    return out;
}
