import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";
import { UNKNOWN } from "./constants";
import { decryptConfigValue, hasSecureValue, readStackSecretsSettings, SecretsError, stackDecrypter, UnavailableSecret } from "./secrets";
import type { StackDecrypter } from "./secrets";

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
    /**
     * Fully qualified key (`ns:key`) -> value as written in YAML (strings, numbers, booleans, objects), `secure:`
     * values decrypted; a secure value that cannot be decrypted offline is the unknown sentinel.
     */
    values: Record<string, unknown>;
    /** Keys holding a `secure:` (encrypted) value anywhere, as the CLI marks them secret. */
    secretKeys: string[];
    /** Secure values that could not be decrypted offline, and why: unknown to the program and to packs. */
    undecrypted: { key: string; reason: string }[];
    file: string | undefined;
}

/**
 * Replaces every secret the engine could not decrypt with the unknown sentinel: the program gets a string it passes on
 * as an unknown value (the engine reads the sentinel as unknown), never a made-up value.
 */
function unknownForUnavailable(v: unknown): unknown {
    if (v instanceof UnavailableSecret) return UNKNOWN;
    if (Array.isArray(v)) return v.map(unknownForUnavailable);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, unknownForUnavailable(e)]));
    return v;
}

function firstUnavailable(v: unknown): UnavailableSecret | undefined {
    if (v instanceof UnavailableSecret) return v;
    if (typeof v === "object" && v !== null) for (const e of Object.values(v)) { const u = firstUnavailable(e); if (u) return u; }
    return undefined;
}

export function loadStackConfig(project: ProjectInfo, stack: string, configFile?: string, env: NodeJS.ProcessEnv = process.env): StackConfig {
    const file = configFile ? resolve(configFile) : join(project.root, `Pulumi.${stack}.yaml`);
    const values: Record<string, unknown> = { ...project.projectConfig };
    const secretKeys: string[] = [];
    const undecrypted: StackConfig["undecrypted"] = [];
    if (!existsSync(file)) {
        if (configFile) throw new EngineInputError(`config file not found: ${configFile}`);
        return { values, secretKeys, undecrypted, file: undefined };
    }
    const doc = readYaml(file);
    if (doc === null || doc === undefined) return { values, secretKeys, undecrypted, file };
    if (typeof doc !== "object" || Array.isArray(doc)) throw new EngineInputError(`${file} must be a YAML mapping with a 'config' key`);
    const cfg = (doc as Record<string, unknown>).config;
    if (cfg === undefined || cfg === null) return { values, secretKeys, undecrypted, file };
    // The stack's secrets manager, as the CLI builds it (engine/secrets.ts): a passphrase decrypts, anything else
    // leaves secure values unknown.
    let decrypter: StackDecrypter | undefined;
    const decrypterFor = (): StackDecrypter => {
        try {
            decrypter ??= stackDecrypter(readStackSecretsSettings(doc, file), env, { cwd: project.root });
        } catch (e) {
            throw new EngineInputError(`${file}: ${e instanceof SecretsError ? e.cliMessage ?? e.message : (e as Error).message}`);
        }
        return decrypter;
    };
    if (typeof cfg !== "object" || Array.isArray(cfg)) throw new EngineInputError(`${file}: 'config' must be a mapping of 'namespace:key' to values`);
    for (const [key, value] of Object.entries(cfg as Record<string, unknown>)) {
        if (!/^[A-Za-z0-9_.-]+:[A-Za-z0-9_./-]+$/.test(key)) {
            throw new EngineInputError(`${file}: config key '${key}' must be 'namespace:key' (e.g. aws:region)`);
        }
        if (hasSecureValue(value)) {
            let plain: unknown;
            try {
                plain = decryptConfigValue(key, value, decrypterFor());
            } catch (e) {
                throw new EngineInputError(`${file}: ${(e as Error).message}`);
            }
            const unavailable = firstUnavailable(plain);
            if (unavailable) undecrypted.push({ key, reason: unavailable.reason });
            values[key] = unknownForUnavailable(plain);
            secretKeys.push(key);
        } else {
            values[key] = value;
        }
    }
    return { values, secretKeys, undecrypted, file };
}

/** PULUMI_CONFIG form: every value a string, structured values as JSON (what the language host passes). */
export function toRuntimeConfig(values: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
        out[k] = typeof v === "string" ? v : JSON.stringify(v);
    }
    return out;
}
