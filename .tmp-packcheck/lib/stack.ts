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

export function sameResource(a: PolicyResource, b: PolicyResource): boolean {
    return a.urn === b.urn;
}

/** `name (type)` for messages. */
export function label(r: PolicyResource): string {
    return `${r.name} (${r.type})`;
}
