/**
 * Small helpers for the AWS policy tests: build resources joined the way the engine joins them, run a policy with
 * pack config, and state the expected verdict in one line.
 */
import assert from "node:assert/strict";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { analyze, analyzeStack, failing, TestResource, urnOf, Verdict } from "./harness";

export { UNKNOWN } from "./harness";

/** A resource; `deps` lists, per property, the resources that property was computed from. */
export function res(type: string, name: string, props: Record<string, unknown>, deps: Record<string, TestResource[]> = {}): TestResource {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [k, rs] of Object.entries(deps)) propertyDependencies[k] = rs.map(urnOf);
    return { type, name, props: defined(props), propertyDependencies, dependencies: [...new Set(Object.values(propertyDependencies).flat())] };
}

/** The same resource with some props replaced (one change per failing case); `undefined` removes a prop, as the engine omits unset ones. */
export function edit(r: TestResource, props: Record<string, unknown>): TestResource {
    return { ...r, props: defined({ ...r.props, ...props }) };
}

/** Drops `undefined` values recursively: the wire format (protobuf Struct) has no undefined. */
export function defined<T>(v: T): T {
    if (Array.isArray(v)) return v.map(defined) as T;
    if (typeof v === "object" && v !== null) {
        return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, defined(x)])) as T;
    }
    return v;
}

/** The policy as the engine runs it when the pack is configured with `config` for it. */
export function withConfig<P extends ResourceValidationPolicy | StackValidationPolicy>(policy: P, config: Record<string, unknown>): P {
    if ("validateResource" in policy) {
        const inner = policy.validateResource as (args: object, report: unknown) => void;
        return { ...policy, validateResource: (args: object, report: unknown) => inner({ ...args, getConfig: () => config }, report) } as P;
    }
    const inner = (policy as StackValidationPolicy).validateStack as (args: object, report: unknown) => void;
    return { ...policy, validateStack: (args: object, report: unknown) => inner({ ...args, getConfig: () => config }, report) } as P;
}

function messages(v: Verdict): string {
    return v.violations.map((x) => x.message).join("\n");
}

export function assertClean(v: Verdict): void {
    assert.deepEqual(v.violations, [], messages(v));
    assert.deepEqual(v.deferred, []);
}

/** Exactly these resources fail, each violation is mandatory, and the messages name `field`. */
export function assertFails(v: Verdict, resources: TestResource[], field: string | RegExp): void {
    assert.deepEqual(failing(v), resources.map(urnOf).sort(), messages(v));
    for (const x of v.violations) assert.equal(x.level, "mandatory");
    if (typeof field === "string") assert.ok(messages(v).includes(field), `expected "${field}" in:\n${messages(v)}`);
    else assert.match(messages(v), field);
}

/** No violation and exactly one deferral, naming `path` and the resource. */
export function assertDeferred(v: Verdict, r: TestResource, path: string): void {
    assert.deepEqual(v.violations, [], messages(v));
    assert.equal(v.deferred.length, 1, JSON.stringify(v.deferred));
    assert.ok(v.deferred[0]!.message.includes(path), v.deferred[0]!.message);
    assert.ok(v.deferred[0]!.message.includes(urnOf(r)), v.deferred[0]!.message);
}

/** Analyze one resource; its diagnostics carry no URN on the wire (the engine attributes them to it), so add it. */
export async function one(policy: ResourceValidationPolicy, r: TestResource): Promise<Verdict> {
    const v = await analyze(policy, r);
    return { ...v, violations: v.violations.map((x) => ({ ...x, urn: x.urn || urnOf(r) })) };
}

export async function stack(policy: StackValidationPolicy, resources: TestResource[]): Promise<Verdict> {
    return analyzeStack(policy, resources);
}
