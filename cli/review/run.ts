/**
 * The new stack of a preview as the analyzer driver's ProgramRun: every resource that exists after the update
 * (created, updated, replaced, unchanged), in the preview's order, which is the engine's registration order.
 */
import { parseUrn } from "../../engine/urn";
import type { ProgramRun, RecordedResource, ResourceOptionsRecord } from "../../engine/record";
import type { Preview, PreviewStep, StepState } from "./preview";
import { blindSecrets } from "./secret-values";

/**
 * Every op a preview step can carry (pkg/resource/deploy/step.go, the `Op*` display.StepOp constants). A step with any
 * other op is refused: the review cannot say what a change it does not understand does to the stack.
 */
export const KNOWN_OPS: ReadonlySet<string> = new Set([
    "same", "create", "update", "delete", "replace", "create-replacement", "delete-replaced", "read", "read-replacement", "refresh",
    "discard", "discard-replaced", "remove-pending-replace", "import", "import-replacement", "diff", "extend-parameterize",
]);

/** Ops whose newState is a resource of the new stack. The first one per URN wins (a replace precedes its create-replacement). */
export const NEW_STATE_OPS: ReadonlySet<string> = new Set([
    "same", "create", "update", "replace", "create-replacement", "import", "import-replacement", "read", "read-replacement", "refresh",
]);
/** Ops that the review treats as a change of the resource (its new state is analyzed by resource policies). */
export const CHANGED_OPS: ReadonlySet<string> = new Set(["create", "update", "replace", "create-replacement", "import", "import-replacement"]);
/** Ops that remove a resource from the stack. */
export const REMOVAL_OPS: ReadonlySet<string> = new Set(["delete", "discard", "read-discard"]);

function options(s: StepState): ResourceOptionsRecord {
    const t = s.customTimeouts;
    return {
        protect: s.protect ?? false,
        ignoreChanges: [],
        deleteBeforeReplace: s.deleteBeforeReplace ?? false,
        deleteBeforeReplaceDefined: s.deleteBeforeReplace !== undefined,
        additionalSecretOutputs: s.additionalSecretOutputs ?? [],
        aliases: s.aliases ?? [],
        ...(t && (t.create || t.update || t.delete || t.read) ? { customTimeouts: { create: t.create ?? 0, update: t.update ?? 0, delete: t.delete ?? 0, ...(t.read ? { read: t.read } : {}) } } : {}),
        retainOnDelete: s.retainOnDelete ?? false,
        replaceOnChanges: [],
    };
}

export function resourceOf(step: PreviewStep): RecordedResource | undefined {
    const s = step.newState;
    if (!s || !NEW_STATE_OPS.has(step.op)) return undefined;
    // A secret is "[secret]" in the preview; the packs see it as unknown, not as that text (secret-values.ts).
    const inputs = blindSecrets(s.inputs ?? {});
    // An unchanged resource keeps its real outputs; a changed one has only its inputs (with unknowns) in a preview.
    const outputs = step.op === "same" && step.oldState?.outputs ? blindSecrets(step.oldState.outputs) : inputs;
    return {
        urn: step.urn, type: s.type || parseUrn(step.urn).type, name: parseUrn(step.urn).name, custom: s.custom,
        parent: s.parent ?? "", provider: s.provider ?? step.provider ?? "", inputs, outputs,
        dependencies: s.dependencies ?? [], propertyDependencies: s.propertyDependencies ?? {}, options: options(s),
        ...(s.id ? { id: s.id } : {}), ...(s.sourcePosition ? { sourcePosition: s.sourcePosition } : {}),
    };
}

export function programRunOf(preview: Preview): ProgramRun {
    const first = preview.steps[0];
    const urn = first ? parseUrn(first.urn) : { stack: "unknown", project: "unknown" };
    const seen = new Set<string>();
    const resources: RecordedResource[] = [];
    for (const step of preview.steps) {
        if (seen.has(step.urn)) continue;
        const r = resourceOf(step);
        if (!r) continue;
        seen.add(step.urn);
        resources.push(r);
    }
    // The preview's config is the stack's (secrets already blinded by the CLI); packs may read it.
    const config = Object.fromEntries(Object.entries(preview.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    return { project: urn.project, stack: urn.stack, organization: "organization", mode: "preview", resources, stackOutputs: {}, config, logs: [], differences: [] };
}

/**
 * The stack as it was before the change: every resource with an old state (unchanged, updated, replaced, deleted), in
 * the preview's order. A changed resource has only its old inputs here, as the new stack has only its new inputs, so
 * a stack policy judges both sides alike. Used to tell a stack policy's violation that predates the change from one
 * the change causes.
 */
export function priorRunOf(preview: Preview): ProgramRun {
    const now = programRunOf(preview);
    const seen = new Set<string>();
    const resources: RecordedResource[] = [];
    for (const step of preview.steps) {
        const s = step.oldState;
        if (!s || seen.has(step.urn)) continue;
        seen.add(step.urn);
        const inputs = blindSecrets(s.inputs ?? s.outputs ?? {});
        resources.push({
            urn: step.urn, type: s.type || parseUrn(step.urn).type, name: parseUrn(step.urn).name, custom: s.custom,
            parent: s.parent ?? "", provider: s.provider ?? step.provider ?? "", inputs, outputs: s.outputs ? blindSecrets(s.outputs) : inputs,
            dependencies: s.dependencies ?? [], propertyDependencies: s.propertyDependencies ?? {}, options: options(s),
            ...(s.id ? { id: s.id } : {}), ...(s.sourcePosition ? { sourcePosition: s.sourcePosition } : {}),
        });
    }
    return { ...now, resources };
}
