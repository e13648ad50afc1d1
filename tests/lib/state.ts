// A `pulumi stack export` document made from an `up` run of the offline engine: the previous deployment an update
// preview starts from (`--state`). Secrets are written as `pulumi stack export --show-secrets` writes them.
import { isSecret } from "../../engine";
import type { ProgramRun } from "../../engine";

const SIG = "4dabf18193072939515e22adb298388d";

function exported(v: unknown): unknown {
    if (isSecret(v)) return { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(v.value) };
    if (Array.isArray(v)) return v.map(exported);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, exported(e)]));
    return v;
}

export function exportOf(run: ProgramRun): object {
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-11-29T00:00:00Z", magic: "", version: "v3.248.0" },
            resources: run.resources.map((r) => ({
                urn: r.urn, custom: r.custom, type: r.type,
                ...(r.id ? { id: r.id } : {}),
                inputs: exported(r.inputs), outputs: exported(r.outputs),
                ...(r.parent ? { parent: r.parent } : {}), ...(r.provider ? { provider: r.provider } : {}),
                dependencies: r.dependencies, propertyDependencies: r.propertyDependencies,
            })),
        },
    };
}
