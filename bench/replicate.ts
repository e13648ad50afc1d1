/**
 * Synthetic stacks for the benchmark: the reference stack's recorded registrations copied until the stack holds the
 * wanted number of resources. Each copy gets its own URNs, and every reference between resources (parent, provider,
 * dependencies, propertyDependencies, URN strings inside inputs and outputs) is rewritten to the same copy, so a
 * stack policy walking the graph sees N independent copies of a real stack, not N views of one.
 */
import type { ProgramRun, RecordedResource } from "../engine";
import { ROOT_STACK_TYPE } from "../engine/constants";

/** `urn:pulumi:<stack>::<project>::<type chain>::<name>` with the name suffixed; the type chain holds no names. */
export function suffixUrn(urn: string, suffix: string): string {
    return suffix === "" ? urn : `${urn}${suffix}`;
}

/** The provider URN of a `<provider urn>::<provider id>` reference. */
export function providerUrnOf(ref: string): string {
    return ref.split("::").slice(0, -1).join("::");
}

function splitRoot(run: ProgramRun): { root: RecordedResource; body: RecordedResource[] } {
    const root = run.resources.find((r) => r.type === ROOT_STACK_TYPE && r.parent === "");
    if (!root) throw new Error(`the reference run of ${run.project}/${run.stack} has no root ${ROOT_STACK_TYPE}`);
    return { root, body: run.resources.filter((r) => r !== root) };
}

/** Replaces every string that is exactly a renamed URN (resource references serialize as their URN). */
function rewriteValue(value: unknown, urns: ReadonlyMap<string, string>): unknown {
    if (typeof value === "string") return urns.get(value) ?? value;
    if (Array.isArray(value)) return value.map((v) => rewriteValue(v, urns));
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) out[k] = rewriteValue(v, urns);
        return out;
    }
    return value;
}

/** One copy of the non-root resources with every name suffixed and every internal reference moved to the copy. */
export function renameBody(body: readonly RecordedResource[], suffix: string): RecordedResource[] {
    if (suffix === "") return body.map((r) => structuredClone(r));
    const urns = new Map(body.map((r) => [r.urn, suffixUrn(r.urn, suffix)]));
    const ref = (urn: string) => urns.get(urn) ?? urn;
    return body.map((r) => {
        const provider = r.provider ? `${ref(providerUrnOf(r.provider))}::${r.provider.split("::").pop()}` : "";
        return {
            ...r,
            urn: ref(r.urn),
            name: `${r.name}${suffix}`,
            parent: ref(r.parent),
            provider,
            inputs: rewriteValue(r.inputs, urns) as Record<string, unknown>,
            outputs: rewriteValue(r.outputs, urns) as Record<string, unknown>,
            dependencies: r.dependencies.map(ref),
            propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(ref)])),
            options: { ...r.options, aliases: r.options.aliases.map(ref) },
        };
    });
}

/**
 * Several programs' runs as one stack (the benchmark's reference when the platform program does not exist yet):
 * one root Stack, and each later program's resources suffixed `-p<i>` so that their default providers and
 * same-named components stay distinct.
 */
export function mergeRuns(runs: readonly ProgramRun[]): ProgramRun {
    if (runs.length === 0) throw new Error("no reference runs to merge");
    const first = runs[0]!;
    const { root } = splitRoot(first);
    const resources: RecordedResource[] = [root];
    runs.forEach((run, i) => {
        if (run.project !== first.project || run.stack !== first.stack) {
            throw new Error(`cannot merge ${run.project}/${run.stack} into ${first.project}/${first.stack}: the root Stack URNs differ`);
        }
        resources.push(...renameBody(splitRoot(run).body, i === 0 ? "" : `-p${i}`));
    });
    return { ...first, resources, logs: runs.flatMap((r) => r.logs) };
}

/**
 * A stack of exactly `size` resources: the root Stack, then copies of the reference's other resources in
 * registration order (copy 0 keeps the original names, copy i is suffixed `-r<i>`), cut at `size`. Registration
 * order puts every parent, provider and dependency before its user, so the cut leaves no dangling reference.
 */
export function replicateRun(run: ProgramRun, size: number): ProgramRun {
    if (!Number.isInteger(size) || size < 1) throw new Error(`invalid size: ${size} — must be a whole number of resources ≥ 1`);
    const { root, body } = splitRoot(run);
    if (body.length === 0 && size > 1) throw new Error("the reference run holds only the root Stack: nothing to replicate");
    const resources: RecordedResource[] = [root];
    for (let copy = 0; resources.length < size; copy++) {
        const renamed = renameBody(body, copy === 0 ? "" : `-r${copy}`);
        resources.push(...renamed.slice(0, size - resources.length));
    }
    return { ...run, resources };
}

/**
 * Every reference in the run that names no resource of the run, or a resource registered after the one using it,
 * as `<urn> <field> -> <target>`; empty for a consistent stack.
 */
export function danglingReferences(run: ProgramRun): string[] {
    const seen = new Set<string>();
    const bad: string[] = [];
    const need = (r: RecordedResource, field: string, target: string) => {
        if (!seen.has(target)) bad.push(`${r.urn} ${field} -> ${target}`);
    };
    for (const r of run.resources) {
        if (r.parent) need(r, "parent", r.parent);
        if (r.provider) need(r, "provider", providerUrnOf(r.provider));
        for (const d of r.dependencies) need(r, "dependencies", d);
        for (const [k, urns] of Object.entries(r.propertyDependencies)) for (const d of urns) need(r, `propertyDependencies.${k}`, d);
        seen.add(r.urn);
    }
    return bad;
}

/** URNs that occur more than once (the engine refuses a second registration of a URN). */
export function duplicateUrns(run: ProgramRun): string[] {
    const seen = new Set<string>();
    const dups = new Set<string>();
    for (const r of run.resources) (seen.has(r.urn) ? dups : seen).add(r.urn);
    return [...dups];
}
