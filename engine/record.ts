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
    /** Inputs as sent to the engine: unknowns as the sentinel string, secrets as signature objects. */
    inputs: Record<string, unknown>;
    /** Outputs: in preview the inputs plus unknown computed values; in up plausible computed values. */
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
}

export interface ResourceOptionsRecord {
    protect: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace: boolean;
    deleteBeforeReplaceDefined: boolean;
    additionalSecretOutputs: string[];
    aliases: string[];
    customTimeouts?: { create: string; update: string; delete: string };
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
    /** Messages the program logged (pulumi.log warnings and info). */
    logs: string[];
}
