/**
 * What every format counts, counted once: "resources" are the custom resources a deployment would create (not the
 * components that group them, the providers, or the Stack), and deferred policies are counted with the verdicts that
 * wait, so `text`, `markdown`, `report` and `plan` agree.
 */
import type { ProgramRun, RecordedResource } from "../../engine";
import type { Diagnostic } from "../../engine/analyzer";
import { ROOT_STACK_TYPE } from "../../engine/constants";
import { plural } from "./words";

export const isProvider = (r: RecordedResource) => r.type.startsWith("pulumi:providers:");

export interface Registrations {
    /** Custom resources other than providers: what would be created. */
    resources: number;
    /** Component resources, without the root Stack. */
    components: number;
    providers: number;
}

export function countRegistrations(run: ProgramRun): Registrations {
    return {
        resources: run.resources.filter((r) => r.custom && !isProvider(r)).length,
        components: run.resources.filter((r) => !r.custom && r.type !== ROOT_STACK_TYPE).length,
        providers: run.resources.filter(isProvider).length,
    };
}

/** "181 resources, 21 components, 3 providers". */
export function registrationsText(c: Registrations): string {
    return `${plural(c.resources, "resource")}, ${plural(c.components, "component")}, ${plural(c.providers, "provider")}`;
}

/** "6 policies deferred (8 verdicts on resources whose values are known only after create)". */
export function deferredText(deferred: readonly Diagnostic[]): string {
    const policies = new Set(deferred.map((d) => `${d.policyPack}\u0000${d.policy}`)).size;
    return `${plural(policies, "policy")} deferred to \`pulumi up\` (${plural(deferred.length, "verdict")} that need${deferred.length === 1 ? "s" : ""} values known only after create)`;
}
