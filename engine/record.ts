/** One resource as the engine records it (state-file shape plus what the analyzer is sent). */
export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** Parent URN; "" only for the root Stack and default providers. */
    parent: string;
    /** `<provider urn>::<provider id>`; "" for components, providers and the Stack. */
    provider: string;
    /**
     * Inputs after the provider's Check (and any remediation), as analyzers are sent them: unknowns as the sentinel
     * string, secrets as signature objects, resource references as IDs (or URNs for components).
     */
    inputs: Record<string, unknown>;
    /**
     * Outputs as AnalyzeStack is sent them: in a preview a new resource's inputs with its computed outputs unknown (or
     * nothing, when its provider's own configuration is unknown); in `up` plausible computed values; for components
     * what they registered.
     */
    outputs: Record<string, unknown>;
    dependencies: string[];
    /** Every input key, with the URNs its value came from (empty when literal), as the engine stores it. */
    propertyDependencies: Record<string, string[]>;
    options: ResourceOptionsRecord;
    id?: string;
    /** `project:///infra/x.ts#line,column`, as the CLI records it. */
    sourcePosition?: string;
    /** True for resources the engine made itself (default providers). */
    synthesized?: boolean;
    /** The step a preview shows for it: `create` in a first deployment; `same` or `update` when a previous state held it. */
    step?: "create" | "same" | "update";
}

export interface ResourceOptionsRecord {
    protect: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace: boolean;
    deleteBeforeReplaceDefined: boolean;
    additionalSecretOutputs: string[];
    /**
     * The alias URNs analyzers are sent: only an alias that matched a resource of the previous deployment
     * (step_generator.go getOldResource), so always empty in a first deployment.
     */
    aliases: string[];
    /** Every URN the resource's aliases resolve to (step_generator.go generateAliases), for the plan. */
    aliasUrns?: string[];
    /** Custom timeouts in seconds, parsed as Go durations (source_eval.go generateTimeoutInSeconds). */
    customTimeouts?: { create: number; update: number; delete: number; read?: number };
    retainOnDelete: boolean;
    replaceOnChanges: string[];
}

export type Mode = "preview" | "up";

export interface ProgramRun {
    project: string;
    stack: string;
    organization: string;
    mode: Mode;
    /** Registration order, the order the engine analyzes in. */
    resources: RecordedResource[];
    /** Stack outputs (the program's exports). */
    stackOutputs: Record<string, unknown>;
    /** Config as the program saw it (`ns:key` -> value), secrets masked. */
    config: Record<string, unknown>;
    /** Messages the program and the engine logged (warnings, info), in order. */
    logs: string[];
    /** With a previous deployment (`--state`): URNs it held that the program no longer registers (deletes). */
    deleted?: string[];
    /** Every place where this offline run may differ from the real `pulumi preview`, with how many resources. */
    differences: Difference[];
}

export interface Difference {
    /** Stable key, e.g. `check:aws`, `invoke:aws:index/getCallerIdentity:getCallerIdentity`. */
    key: string;
    what: string;
    /** URNs concerned (none for stack-wide ones such as config). */
    urns: string[];
    /**
     * Whether `--strict` fails on it. False for a known, bounded gap that no verdict of the project's pack rests on
     * and that would otherwise fail every program of that package (docs/architecture.md says which).
     */
    strict: boolean;
}
