/**
 * A stack's previous deployment, from `pulumi stack export` (apitype.UntypedDeployment, version 3: the checkpoint's
 * `deployment.resources`, each a ResourceV3 with inputs and outputs). With it the offline engine previews an update
 * instead of a first deployment: a resource the program registers again finds its old state by URN (or alias), as
 * the step generator does, and keeps what the old state knows.
 */
import { readFileSync } from "node:fs";
import { EngineInputError } from "./project";
import { SECRET_SIG, SPECIAL_SIG, UNKNOWN_SENTINEL } from "./constants";
import type { Wire } from "./properties";
import { parseUrn } from "./urn";

export interface OldResource {
    urn: string;
    type: string;
    custom: boolean;
    id?: string;
    /** Wire form: secrets as `{sig, value}`, a secret the export kept encrypted as a secret unknown. */
    inputs: Record<string, Wire>;
    outputs: Record<string, Wire>;
    parent: string;
    provider: string;
}

export interface PreviousDeployment {
    file: string;
    resources: ReadonlyMap<string, OldResource>;
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A state value in wire form. The checkpoint writes a secret as `{sig, ciphertext}` (encrypted with the stack's
 * secrets provider) or, from `pulumi stack export --show-secrets`, `{sig, plaintext: <JSON text>}`
 * (apitype.SecretV1); the former is a secret whose value the engine does not have offline.
 */
export function stateValue(v: unknown, where: string): Wire {
    if (Array.isArray(v)) return v.map((e, i) => stateValue(e, `${where}[${i}]`));
    if (!isObject(v)) return v as Wire;
    if (v[SPECIAL_SIG] === SECRET_SIG) {
        if (typeof v.plaintext === "string") {
            let value: unknown;
            try {
                value = JSON.parse(v.plaintext);
            } catch {
                throw new EngineInputError(`${where}: a secret's plaintext is not JSON`);
            }
            return { [SPECIAL_SIG]: SECRET_SIG, value: stateValue(value, where) };
        }
        if (typeof v.ciphertext === "string") return { [SPECIAL_SIG]: SECRET_SIG, value: UNKNOWN_SENTINEL.string };
        if ("value" in v) return { [SPECIAL_SIG]: SECRET_SIG, value: stateValue(v.value, where) };
        throw new EngineInputError(`${where}: a secret with neither plaintext nor ciphertext`);
    }
    const out: Record<string, Wire> = {};
    for (const [k, e] of Object.entries(v)) out[k] = stateValue(e, `${where}.${k}`);
    return out;
}

/** Reads a `pulumi stack export` file for `project`/`stack`; every problem is one line naming the file. */
export function readPreviousDeployment(file: string, project: string, stack: string): PreviousDeployment {
    let doc: unknown;
    try {
        doc = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new EngineInputError(`--state ${file}: ${code === "ENOENT" ? "no such file" : `not JSON (${(e as Error).message.split("\n")[0]})`}`);
    }
    const bad = (why: string) => new EngineInputError(`--state ${file}: ${why}; expected the output of \`pulumi stack export\``);
    if (!isObject(doc) || !isObject(doc.deployment)) throw bad("no `deployment` object");
    if (doc.version !== 3) throw bad(`checkpoint version ${JSON.stringify(doc.version)} (this engine reads version 3)`);
    const list = doc.deployment.resources ?? [];
    if (!Array.isArray(list)) throw bad("`deployment.resources` is not a list");
    const resources = new Map<string, OldResource>();
    list.forEach((r: unknown, i) => {
        const where = `${file}: resources[${i}]`;
        if (!isObject(r) || typeof r.urn !== "string" || typeof r.type !== "string") throw bad(`resources[${i}] has no urn or type`);
        let urn;
        try {
            urn = parseUrn(r.urn);
        } catch {
            throw bad(`resources[${i}].urn ${JSON.stringify(r.urn)} is not a URN`);
        }
        if (urn.project !== project || urn.stack !== stack) {
            throw new EngineInputError(`--state ${file}: it holds stack ${urn.project}/${urn.stack}, not ${project}/${stack}`);
        }
        // A resource pending deletion from an earlier replace is not the resource's current state.
        if (r.delete === true) return;
        resources.set(r.urn, {
            urn: r.urn, type: r.type, custom: r.custom === true,
            ...(typeof r.id === "string" && r.id !== "" ? { id: r.id } : {}),
            inputs: isObject(r.inputs) ? (stateValue(r.inputs, `${where}.inputs`) as Record<string, Wire>) : {},
            outputs: isObject(r.outputs) ? (stateValue(r.outputs, `${where}.outputs`) as Record<string, Wire>) : {},
            parent: typeof r.parent === "string" ? r.parent : "",
            provider: typeof r.provider === "string" ? r.provider : "",
        });
    });
    return { file, resources };
}
