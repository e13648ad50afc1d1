/**
 * Joining resources in stack policies. Joins go through `propertyDependencies` (and `dependencies`), never through
 * ids or names read from props: in a preview of a new stack those are unknown, while the dependency graph is not.
 */
import type { PolicyResource } from "@pulumi/policy";

export function ofType(resources: readonly PolicyResource[], types: readonly string[]): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type));
}

/** The resources `r` took property `prop` from (e.g. a route's `routeTableId` -> the route table). */
export function sources(r: PolicyResource, prop: string, types?: readonly string[]): PolicyResource[] {
    const deps = r.propertyDependencies?.[prop] ?? [];
    return types ? deps.filter((d) => types.includes(d.type)) : [...deps];
}

/** Resources of `types` whose property `prop` came from `target` (e.g. the public access blocks of a bucket). */
export function referrers(resources: readonly PolicyResource[], types: readonly string[], prop: string, target: PolicyResource): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type) && (r.propertyDependencies?.[prop] ?? []).some((d) => d.urn === target.urn));
}

/**
 * referrers() answered from an index built once: for joins asked once per subnet or table of a large stack, which would
 * otherwise scan every resource each time.
 */
export function referrerIndex(resources: readonly PolicyResource[]): (types: readonly string[], prop: string, target: PolicyResource) => PolicyResource[] {
    const indexes = new Map<string, Map<string, PolicyResource[]>>();
    return (types, prop, target) => {
        const key = `${types.join(",")}|${prop}`;
        let index = indexes.get(key);
        if (!index) {
            index = new Map();
            for (const r of resources) {
                if (!types.includes(r.type)) continue;
                for (const d of new Set((r.propertyDependencies?.[prop] ?? []).map((x) => x.urn))) index.set(d, [...(index.get(d) ?? []), r]);
            }
            indexes.set(key, index);
        }
        return index.get(target.urn) ?? [];
    };
}

export function sameResource(a: PolicyResource, b: PolicyResource): boolean {
    return a.urn === b.urn;
}

/** `name (type)` for messages. */
export function label(r: PolicyResource): string {
    return `${r.name} (${r.type})`;
}
