/**
 * What the Pulumi engine does with each request of a running program, for a first deployment (`pulumi preview`, or
 * `pulumi up` with plausible outputs), following pkg/resource/deploy/source_eval.go (resmon), step_generator.go and
 * step.go at v3.248.0: parent inheritance, transforms (the resource's own, its parents', the stack's), provider
 * resolution and default providers, alias resolution, the provider's Check, policy remediation and analysis, resource
 * hooks, the create step's outputs, and the response the SDK gets. The gRPC layer (resmon.ts) decodes requests into
 * the plain shapes used here.
 */
import { randomUUID } from "node:crypto";
import { ROOT_STACK_TYPE, UNKNOWN } from "./constants";
import { engineUrn, packageOf, parseUrn } from "./urn";
import type { Difference, Mode, RecordedResource } from "./record";
import { AliasSpec, generateAliases, nodeCompatAlias } from "./aliases";
import { parseGoDurationSeconds } from "./duration";
import {
    Computed, FOR_ANALYZER, PropertyMap, PropertyValue, ResourceRef, Secret, Wire, containsUnknowns,
    downgradeProperties, marshalProperties, outputDependencies, unmarshalProperties, upgradeWithDependencies,
} from "./properties";
import { createOutputs, invoke as providerInvoke, providerId, WorldFacts } from "./providers";
import type { AccountRole } from "./providers";
import { DynamicProviderPlugin } from "./providers/dynamic";
import { awsCheck, AwsCheckError } from "./providers/aws-check";
import { HELM_RELEASE_TYPE, helmReleaseCheck, kubernetesCheck, kubernetesDefaultNamespace, renderConfigGroup, unrenderableOffline } from "./providers/kubernetes";
import type { OldResource } from "./state";
import { applyOldDefaults, sameInputs } from "./diff";

/** A failure the engine reports for one request; the program sees it as a gRPC error. */
export class EngineRequestError extends Error {
    constructor(message: string, readonly code = 2) {
        super(message);
    }
}

export interface CallbackRef { target: string; token: string }

export interface HooksBinding {
    beforeCreate: string[]; afterCreate: string[]; beforeUpdate: string[]; afterUpdate: string[];
    beforeDelete: string[]; afterDelete: string[]; onError: string[];
}

export interface CustomTimeouts { create: string; update: string; delete: string; read: string }

/** TransformResourceOptions, plain. */
export interface ResourceOpts {
    dependsOn: string[];
    protect?: boolean;
    ignoreChanges: string[];
    replaceOnChanges: string[];
    version: string;
    aliases: AliasSpec[];
    provider: string;
    providers: Record<string, string>;
    customTimeouts?: CustomTimeouts;
    pluginDownloadUrl: string;
    retainOnDelete?: boolean;
    deletedWith: string;
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs: string[];
    hooks?: HooksBinding;
    import: string;
    hideDiff: string[];
    replaceWith: string[];
}

export interface RegisterRequest {
    type: string;
    name: string;
    parent: string;
    custom: boolean;
    remote: boolean;
    object: Record<string, Wire>;
    protect?: boolean;
    dependencies: string[];
    provider: string;
    providers: Record<string, string>;
    propertyDependencies: Record<string, string[]>;
    deleteBeforeReplace: boolean;
    deleteBeforeReplaceDefined: boolean;
    version: string;
    pluginDownloadUrl: string;
    ignoreChanges: string[];
    acceptSecrets: boolean;
    acceptResources: boolean;
    additionalSecretOutputs: string[];
    aliasUrns: string[];
    aliases: AliasSpec[];
    aliasSpecs: boolean;
    importId: string;
    customTimeouts?: CustomTimeouts;
    supportsPartialValues: boolean;
    replaceOnChanges: string[];
    retainOnDelete?: boolean;
    deletedWith: string;
    replaceWith: string[];
    sourcePosition?: { uri: string; line: number; column: number };
    transforms: CallbackRef[];
    hooks?: HooksBinding;
    hideDiffs: string[];
    packageRef: string;
    envVarMappings: Record<string, string>;
    /** The request came from the Node.js SDK (its aliases may need the compatibility transform). */
    fromNodeJs: boolean;
}

export interface RegisterResponse {
    urn: string;
    id: string;
    object: Record<string, Wire>;
}

export interface InvokeRequest {
    token: string;
    args: Record<string, Wire>;
    provider: string;
    version: string;
    pluginDownloadUrl: string;
    acceptResources: boolean;
    packageRef: string;
}

/** The program's callback server, reached as the engine reaches it (callbacks.ts). */
export interface Callbacks {
    transform(cb: CallbackRef, req: { name: string; type: string; custom: boolean; parent: string; properties: Record<string, Wire>; options: ResourceOpts }):
        Promise<{ properties?: Record<string, Wire>; options?: ResourceOpts }>;
    transformInvoke(cb: CallbackRef, req: { token: string; args: Record<string, Wire>; options: InvokeOpts }):
        Promise<{ args?: Record<string, Wire>; options?: InvokeOpts }>;
    /** Runs a resource hook; resolves to its error message ("" when it succeeded). */
    hook(cb: CallbackRef, req: { urn: string; id: string; name: string; type: string; newInputs?: Record<string, Wire>; newOutputs?: Record<string, Wire> }): Promise<string>;
}

export interface InvokeOpts { provider: string; version: string; pluginDownloadUrl: string }

/**
 * Policy packs, consulted for each resource between the provider's Check and the create step, as the step generator
 * does: remediations first (their properties replace the inputs), then analysis.
 */
export interface ResourceAnalysis {
    /** @param remediateInputs the inputs with their internal keys (`__provider`), which Remediate is sent */
    analyze(r: RecordedResource, provider: RecordedResource | undefined, remediateInputs?: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
}

export interface DeploymentOptions {
    project: string;
    stack: string;
    mode: Mode;
    world: WorldFacts;
    /** Stack config, `ns:key` -> value as the CLI holds it (strings; structured values as JSON). */
    config: Record<string, string>;
    secretKeys: readonly string[];
    projectRoot: string;
    /** The program's working directory: assets are read relative to it. */
    programDir: string;
    callbacks: Callbacks;
    analysis?: ResourceAnalysis;
    /** PULUMI_LEGACY_PROVIDER_PREVIEW: unconfigured providers preview their inputs instead of nothing. */
    legacyProviderPreview?: boolean;
    /** Pulumi.yaml `runtime.options`, for the Node.js dynamic provider plugin's environment. */
    runtimeOptions?: Record<string, unknown>;
    /** Deadline for each call to a provider plugin. @default 60 s */
    pluginTimeoutMs?: number;
    /** The previous deployment's resources by URN (`--state`): an update preview. @default - a first deployment */
    olds?: ReadonlyMap<string, OldResource>;
    log(message: string): void;
}

interface Goal {
    protect?: boolean;
    retainOnDelete?: boolean;
    deletedWith: string;
    provider: string;
}

interface ResourceHook { name: string; callback: CallbackRef; onDryRun: boolean; ignoreErrors: boolean }

const DYNAMIC_PACKAGE = "pulumi-nodejs";

function isProviderType(type: string): boolean {
    return type.startsWith("pulumi:providers:");
}

/** tokens.ParseTypeToken: `pkg:module:Name`, three non-empty parts. */
function checkTypeToken(type: string): void {
    const parts = type.split(":");
    if (parts.length !== 3 || parts.some((p) => p === "")) throw new EngineRequestError(`'${type}' is not a valid type token (expected 'pkg:module:Type')`, 3);
}

/** The package a provider type is for: `pulumi:providers:aws` -> `aws`. */
function providerPackage(type: string): string {
    return type.slice("pulumi:providers:".length);
}

function semverParts(version: string): string {
    const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(version);
    if (!m) throw new EngineRequestError(`passed invalid version: ${JSON.stringify(version)} is not a semantic version`);
    let s = `_${m[1]}_${m[2]}_${m[3]}`;
    for (const pre of m[4]?.split(".") ?? []) s += `_${pre}`;
    for (const b of m[5]?.split(".") ?? []) s += `_${b}`;
    return s;
}

/** ProviderRequest.DefaultName: `default`, `_<major>_<minor>_<patch>`, prerelease and build parts, then the URL. */
export function defaultProviderName(version: string, downloadUrl = ""): string {
    let name = "default" + (version ? semverParts(version) : "");
    if (downloadUrl) name += `_${downloadUrl.replace(/[^A-Za-z0-9_.]/g, "_")}`;
    return name;
}

function parseProviderRef(ref: string): { urn: string; id: string } {
    const i = ref.lastIndexOf("::");
    if (i < 0 || !ref.startsWith("urn:pulumi:")) throw new EngineRequestError(`could not parse provider reference: expected '<urn>::<id>', got ${JSON.stringify(ref)}`);
    return { urn: ref.slice(0, i), id: ref.slice(i + 2) };
}

/**
 * One deployment: every registration of one program run, recorded in step order.
 */
export class Deployment {
    readonly resources: RecordedResource[] = [];
    readonly stackOutputs: Record<string, unknown> = {};
    private readonly byUrn = new Map<string, RecordedResource>();
    /** Each Kubernetes provider's default namespace, read once from its config (undefined: not worked out). */
    private readonly kubernetesNamespaces = new Map<string, string | undefined>();
    private readonly goals = new Map<string, Goal>();
    private readonly parents = new Map<string, string>();
    private readonly resourceTransforms = new Map<string, CallbackRef[]>();
    private readonly stackTransforms: CallbackRef[] = [];
    private readonly stackInvokeTransforms: CallbackRef[] = [];
    private readonly componentProviders = new Map<string, Record<string, string>>();
    private readonly defaultProviders = new Map<string, Promise<string>>();
    private readonly hooks = new Map<string, ResourceHook>();
    private readonly errorHooks = new Set<string>();
    private readonly subnetAz = new Map<string, string>();
    private readonly pending = new Set<Promise<unknown>>();
    /** The first error the engine itself reported (not the program's). */
    engineError: string | undefined;
    /** The root Stack's URN, as the SDK sets it through the Engine service. */
    rootUrn = "";
    /** The engine's own gRPC address (provider plugins are started with it). */
    engineAddress = "";
    private dynamicPlugin: Promise<DynamicProviderPlugin> | undefined;
    private readonly differenceMap = new Map<string, Difference>();
    /** URN -> the old URN it matched through an alias (step_generator.go sg.aliases). */
    private readonly matchedAliases = new Map<string, string>();
    private readonly configuredDynamic = new Map<string, Promise<void>>();
    private readonly packages = new Map<string, string>();
    private readonly packageRefs = new Map<string, { name: string; version: string; downloadUrl: string }>();

    constructor(private readonly o: DeploymentOptions) {}

    get dryRun(): boolean {
        return this.o.mode === "preview";
    }

    /** Resolves when every request in flight has finished. */
    async settled(): Promise<void> {
        while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    }

    private track<T>(p: Promise<T>): Promise<T> {
        this.pending.add(p);
        void p.finally(() => this.pending.delete(p)).catch(() => undefined);
        return p;
    }

    registerResource(req: RegisterRequest): Promise<RegisterResponse> {
        return this.track(this.doRegister(req).catch((e) => {
            const err = e instanceof EngineRequestError ? e : new EngineRequestError((e as Error).message);
            this.engineError ??= `${req.type} ${JSON.stringify(req.name)}: ${err.message}`;
            throw err;
        }));
    }

    private async doRegister(req: RegisterRequest): Promise<RegisterResponse> {
        const { name, custom, remote } = req;
        const parent = req.parent;
        // inheritFromParent: protect, retainOnDelete, deletedWith and (for the same package) the provider.
        let provider = req.provider;
        let protect = req.protect;
        let retainOnDelete = req.retainOnDelete;
        let deletedWith = req.deletedWith;
        const parentGoal = parent ? this.goals.get(parent) : undefined;
        if (parentGoal) {
            if (!deletedWith) deletedWith = parentGoal.deletedWith;
            if (protect === undefined) protect = parentGoal.protect;
            if (retainOnDelete === undefined) retainOnDelete = parentGoal.retainOnDelete;
            if (!provider && parentGoal.provider) {
                let samePackage = false;
                try {
                    samePackage = providerPackage(parseUrn(parseProviderRef(parentGoal.provider).urn).type) === packageOf(req.type);
                } catch { /* an unparsable parent provider inherits nothing */ }
                if ((!remote && !custom) || samePackage) provider = parentGoal.provider;
            }
        }
        const type = req.type;
        if (custom || remote) checkTypeToken(type);
        if (Object.keys(req.envVarMappings).length > 0 && !isProviderType(type)) {
            throw new EngineRequestError("envVarMappings can only be used with provider resources", 3);
        }

        const aliases: AliasSpec[] = [
            ...req.aliasUrns.map((urn) => ({ urn })),
            ...req.aliases.map((a) => (!req.aliasSpecs && req.fromNodeJs ? nodeCompatAlias(a) : a)),
        ];

        let props = unmarshalProperties(req.object, { upgradeToOutputValues: true, assetRoot: this.o.programDir, label: `${type}.${name}` });

        let dependencies = [...new Set(req.dependencies)];
        let propertyDependencies: Record<string, string[]> = {};
        if (Object.keys(req.propertyDependencies).length === 0 && !remote) {
            for (const k of Object.keys(props)) propertyDependencies[k] = [...dependencies];
        } else {
            for (const [k, v] of Object.entries(req.propertyDependencies)) propertyDependencies[k] = [...v];
        }
        if (req.transforms.length > 0) props = upgradeWithDependencies(props, propertyDependencies);

        if (custom || remote) provider = this.resolveProvider(provider, req.providers, parent, packageOf(type));

        let opts: ResourceOpts = {
            dependsOn: [...req.dependencies], protect, ignoreChanges: req.ignoreChanges, replaceOnChanges: req.replaceOnChanges,
            version: req.version, aliases, provider, providers: { ...req.providers }, customTimeouts: req.customTimeouts,
            pluginDownloadUrl: req.pluginDownloadUrl, retainOnDelete, deletedWith,
            deleteBeforeReplace: req.deleteBeforeReplaceDefined || req.deleteBeforeReplace ? req.deleteBeforeReplace : undefined,
            additionalSecretOutputs: req.additionalSecretOutputs, hooks: req.hooks, import: req.importId, hideDiff: req.hideDiffs,
            replaceWith: req.replaceWith,
        };

        // Transforms: the resource's own, then each ancestor's, then the stack's.
        const own = req.transforms;
        const transforms = [...own];
        for (let cur = parent; cur; cur = this.parents.get(cur) ?? "") transforms.push(...(this.resourceTransforms.get(cur) ?? []));
        transforms.push(...this.stackTransforms);
        for (const cb of transforms) {
            const r = await this.o.callbacks.transform(cb, {
                name, type, custom, parent, options: opts,
                properties: marshalProperties(props, { keepUnknowns: true, keepSecrets: true, keepResources: true, keepOutputValues: true }),
            }).catch((e: Error) => { throw new EngineRequestError(`invoke transform: ${e.message}`); });
            if (r.options) opts = r.options;
            if (r.properties) props = unmarshalProperties(r.properties, { label: `${type}.${name}` });
        }

        // A component inside a component inherits the outer one's providers map.
        const parentProviders = this.componentProviders.get(parent);
        if (!custom && parent && parentProviders) {
            for (const [k, v] of Object.entries(parentProviders)) if (!(k in opts.providers)) opts.providers[k] = v;
        }

        let providerRef = "";
        if ((custom && !isProviderType(type)) || remote) {
            const pr = this.packageRequest(req.packageRef, packageOf(type), opts.version, opts.pluginDownloadUrl);
            providerRef = opts.provider
                ? (parseProviderRef(opts.provider), opts.provider)
                : await this.defaultProvider(pr.name, pr.version, pr.downloadUrl);
        }

        if (req.transforms.length > 0) {
            dependencies = [...new Set(opts.dependsOn)];
            propertyDependencies = {};
            for (const [k, v] of Object.entries(props)) {
                const deps = [...outputDependencies(v, new Set())];
                propertyDependencies[k] = deps;
                for (const d of deps) if (!dependencies.includes(d)) dependencies.push(d);
            }
        } else {
            for (const [k, v] of Object.entries(props)) {
                const set = new Set(propertyDependencies[k] ?? []);
                outputDependencies(v, set);
                propertyDependencies[k] = [...set];
            }
        }

        if (isProviderType(type)) {
            if (opts.version) { semverParts(opts.version); props.version = opts.version; }
            if (opts.pluginDownloadUrl) props.pluginDownloadURL = opts.pluginDownloadUrl;
        }

        // The goal always carries timeouts (zero when unset), and analyzers are sent them (source_eval.go).
        const timeouts = this.parseTimeouts(opts.customTimeouts ?? { create: "", update: "", delete: "", read: "" });

        if (!remote) props = downgradeProperties(props);
        else if (CONFIG_GROUP_TYPES.has(type)) {
            return this.constructConfigGroup(req, downgradeProperties(props), opts, providerRef, dependencies, propertyDependencies, timeouts);
        } else if (UNRENDERABLE_COMPONENTS.has(type)) {
            // The engine's error names the resource already.
            throw new EngineRequestError(unrenderableOffline(type, name).message.replace(`${type} ${JSON.stringify(name)}: `, ""));
        } else {
            // The provider's Construct runs the component: nothing here can run it.
            throw new EngineRequestError(`the offline engine cannot construct the remote component ${type} (its provider plugin's Construct is not available offline)`);
        }
        if (opts.import) throw new EngineRequestError(`the offline engine cannot import existing resources (import ID ${JSON.stringify(opts.import)}): it would have to read them from the cloud`);

        // The step generator: parent must exist, the URN must be new.
        if (parent && !this.byUrn.has(parent)) throw new EngineRequestError(`could not find parent resource ${parent}`);
        const urn = engineUrn(this.o.stack, this.o.project, parent, type, name);
        if (this.byUrn.has(urn)) throw new EngineRequestError(`Duplicate resource URN '${urn}'; try giving it a unique name`);

        const aliasUrns = generateAliases(name, type, parent, opts.aliases, { stack: this.o.stack, project: this.o.project, matchedAliases: this.matchedAliases });
        // getOldResource: the URN first, then each alias; an alias that matched is the one analyzers are sent.
        let old = this.o.olds?.get(urn);
        let matchedAlias: string | undefined;
        for (const a of old ? [] : aliasUrns) {
            if (this.o.olds?.has(a) && ![...this.matchedAliases.values()].includes(a) && !this.byUrn.has(a)) {
                old = this.o.olds.get(a);
                matchedAlias = a;
                this.matchedAliases.set(urn, a);
                break;
            }
        }
        const rec: RecordedResource = {
            urn, type, name, custom, parent, provider: providerRef, inputs: {}, outputs: {},
            dependencies, propertyDependencies,
            options: {
                protect: opts.protect ?? false, ignoreChanges: opts.ignoreChanges,
                deleteBeforeReplace: opts.deleteBeforeReplace ?? false, deleteBeforeReplaceDefined: opts.deleteBeforeReplace !== undefined,
                additionalSecretOutputs: opts.additionalSecretOutputs, aliases: matchedAlias ? [matchedAlias] : [], aliasUrns,
                customTimeouts: timeouts,
                retainOnDelete: opts.retainOnDelete ?? false, replaceOnChanges: opts.replaceOnChanges,
            },
            ...(req.sourcePosition ? { sourcePosition: this.projectUri(req.sourcePosition) } : {}),
        };
        this.add(rec);
        this.goals.set(urn, { protect: opts.protect, retainOnDelete: opts.retainOnDelete, deletedWith: opts.deletedWith, provider: opts.provider });

        const outputs = await this.step(rec, props, opts, providerRef, old);

        this.parents.set(urn, parent);
        this.resourceTransforms.set(urn, own);
        if (!custom) this.componentProviders.set(urn, opts.providers);

        // Components' outputs come later (RegisterResourceOutputs); the response carries none.
        let respOutputs: PropertyMap = custom ? outputs : {};
        if (!req.supportsPartialValues) {
            respOutputs = Object.fromEntries(Object.entries(respOutputs).filter(([, v]) => !containsUnknowns(v)));
        }
        return {
            urn, id: rec.id ?? "",
            object: marshalProperties(respOutputs, { keepUnknowns: true, keepSecrets: req.acceptSecrets, keepResources: req.acceptResources, keepOutputValues: false }),
        };
    }

    /** Check, policies, hooks and the create step for one new resource; returns its outputs. */
    private async step(rec: RecordedResource, goalProps: PropertyMap, opts: ResourceOpts, providerRef: string, old: OldResource | undefined): Promise<PropertyMap> {
        let inputs = goalProps;
        const provider = providerRef ? this.byUrn.get(parseProviderRef(providerRef).urn) : undefined;
        if (providerRef && !provider) throw new EngineRequestError(`unknown provider '${providerRef}'`);
        const configKnown = provider ? this.providerConfigKnown(provider) : true;
        // The provider's Check. Only the Node.js dynamic provider is here for real; for the others the checked inputs
        // are the inputs as sent (an unconfigured provider hands them back unchanged anyway: provider_plugin.go Check).
        let failures: { property: string; reason: string }[] = [];
        // An update: Check with the old inputs re-applies the provider's defaults (the keys the old state lists in
        // `__defaults`, autonames included), which only the old state knows offline.
        if (old && rec.custom) inputs = applyOldDefaults(inputs, old.inputs);
        if (rec.custom && !isProviderType(rec.type) && provider && configKnown) {
            const checked = await this.providerCheck(rec, provider, inputs, old?.inputs);
            inputs = checked.inputs;
            failures = checked.failures;
        }
        rec.inputs = marshalProperties(inputs, FOR_ANALYZER);

        if (this.o.analysis) {
            const remediated = await this.o.analysis.analyze(rec, provider, marshalProperties(inputs, { ...FOR_ANALYZER, skipInternalKeys: false }));
            if (remediated) {
                inputs = unmarshalProperties(remediated as Record<string, Wire>, { label: rec.urn });
                rec.inputs = marshalProperties(inputs, FOR_ANALYZER);
            }
        }

        // A resource that failed Check is invalid: analyzers have seen it, and then the step stops (step_generator.go
        // issueCheckErrors, "resource ... is invalid").
        if (failures.length > 0) {
            const f = failures[0]!;
            throw new EngineRequestError(f.property
                ? `${rec.type} resource '${rec.name}': property ${f.property} value ${JSON.stringify(marshalProperties({ v: inputs[f.property] ?? null }, FOR_ANALYZER).v ?? null)} has a problem: ${f.reason}`
                : `${rec.type} resource '${rec.name}' has a problem: ${f.reason}`);
        }

        await this.runHooks(opts.hooks?.beforeCreate ?? [], "before", rec, inputs, undefined);

        let outputs: PropertyMap;
        const same = old !== undefined && old.type === rec.type && sameInputs(marshalProperties(inputs, FOR_ANALYZER), old.inputs)
            && (!rec.custom || isProviderType(rec.type) || this.sameProvider(providerRef, old.provider));
        rec.step = old === undefined ? "create" : same ? "same" : "update";
        if (isProviderType(rec.type)) {
            outputs = { ...inputs };
            // A provider whose configuration changed may be replaced: its ID is not known until then.
            rec.id = same && old?.id ? old.id : this.dryRun ? UNKNOWN_ID : providerId(rec.urn);
        } else if (rec.custom && old) {
            // The step generator's same and update steps: an unchanged resource keeps its old outputs; an updated one
            // keeps its ID and the outputs its new inputs do not set (the provider's Diff, which could call for a
            // replacement, is not emulated: docs/architecture.md).
            const oldOutputs = unmarshalProperties(old.outputs, { label: rec.urn });
            outputs = same ? oldOutputs : { ...oldOutputs, ...inputs };
            rec.id = old.id;
            if (!same) {
                this.noteDifference("diff", "updated resources keep their IDs and computed outputs: the provider's Diff, which may call for a replacement (and so unknown values), is not run offline", rec.urn);
            }
            for (const k of opts.additionalSecretOutputs) {
                const v = outputs[k];
                if (v !== undefined && !(v instanceof Secret)) outputs[k] = new Secret(v);
            }
        } else if (rec.custom) {
            ({ outputs, id: rec.id } = this.create(rec, inputs, configKnown));
            for (const k of opts.additionalSecretOutputs) {
                const v = outputs[k];
                if (v !== undefined && !(v instanceof Secret)) outputs[k] = new Secret(v);
            }
        } else {
            outputs = {};
        }
        rec.outputs = marshalProperties(outputs, FOR_ANALYZER);
        if (rec.custom) await this.runHooks(opts.hooks?.afterCreate ?? [], "after", rec, inputs, outputs);
        return outputs;
    }

    /**
     * The Kubernetes provider's Construct of a yaml/v2 ConfigGroup or ConfigFile (pulumi-kubernetes
     * provider/pkg/provider/yaml/v2): the component is registered, then every object it holds as a child resource,
     * in the provider's order, each going through Check, the policies and the create step like any resource. When
     * the provider is not configured in this preview (its kubeconfig is built from values known only after create),
     * the real Construct registers the component alone (provider_plugin.go Construct), so this one does too, and says
     * that no policy saw the objects.
     */
    private async constructConfigGroup(req: RegisterRequest, props: PropertyMap, opts: ResourceOpts, providerRef: string,
        dependencies: string[], propertyDependencies: Record<string, string[]>, timeouts: NonNullable<RecordedResource["options"]["customTimeouts"]>): Promise<RegisterResponse> {
        const { type, name, parent } = req;
        if (parent && !this.byUrn.has(parent)) throw new EngineRequestError(`could not find parent resource ${parent}`);
        const urn = engineUrn(this.o.stack, this.o.project, parent, type, name);
        if (this.byUrn.has(urn)) throw new EngineRequestError(`Duplicate resource URN '${urn}'; try giving it a unique name`);
        const provider = this.byUrn.get(parseProviderRef(providerRef).urn);
        if (!provider) throw new EngineRequestError(`unknown provider '${providerRef}'`);
        const rec: RecordedResource = {
            urn, type, name, custom: false, parent, provider: "", inputs: {}, outputs: {}, dependencies, propertyDependencies,
            options: {
                protect: opts.protect ?? false, ignoreChanges: opts.ignoreChanges, deleteBeforeReplace: opts.deleteBeforeReplace ?? false,
                deleteBeforeReplaceDefined: opts.deleteBeforeReplace !== undefined, additionalSecretOutputs: opts.additionalSecretOutputs,
                aliases: [], customTimeouts: timeouts, retainOnDelete: opts.retainOnDelete ?? false, replaceOnChanges: opts.replaceOnChanges,
            },
            ...(req.sourcePosition ? { sourcePosition: this.projectUri(req.sourcePosition) } : {}),
            step: "create",
        };
        this.add(rec);
        this.goals.set(urn, { protect: opts.protect, retainOnDelete: opts.retainOnDelete, deletedWith: opts.deletedWith, provider: providerRef });
        this.parents.set(urn, parent);
        this.resourceTransforms.set(urn, req.transforms);
        this.componentProviders.set(urn, { ...opts.providers, kubernetes: providerRef });
        await this.step(rec, {}, opts, "", undefined);

        if (!this.providerConfigKnown(provider)) {
            this.noteDifference(`unrendered:${urn}`, `${type} ${JSON.stringify(name)}: its Kubernetes provider is not configured in this preview (built from values known only after create), so, as in a real preview, its objects are not rendered and no policy saw them`, urn);
            return { urn, id: "", object: {} };
        }
        let rendered;
        try {
            rendered = renderConfigGroup(type as "kubernetes:yaml/v2:ConfigGroup", name,
                marshalProperties(props, { keepUnknowns: true, keepSecrets: false, keepResources: false, keepOutputValues: false }),
                this.o.programDir, { defaultNamespace: this.kubernetesNamespace(provider) ?? "default" });
        } catch (e) {
            throw new EngineRequestError((e as Error).message);
        }
        for (const w of rendered.warnings) this.o.log(`warning: ${w}`);
        const refs: PropertyValue[] = [];
        const urnOf = new Map<string, string>();
        for (const child of rendered.children) {
            const resp = await this.doRegister(syntheticRequest({
                type: child.type, name: child.name, parent: urn, custom: true, object: child.inputs as Record<string, Wire>,
                dependencies: child.dependsOn.map((n) => urnOf.get(n)).filter((u): u is string => u !== undefined),
                provider: providerRef, version: req.version, pluginDownloadUrl: req.pluginDownloadUrl,
            }));
            urnOf.set(child.name, resp.urn);
            refs.push(new ResourceRef(resp.urn, resp.id ? resp.id : new Computed(), child.name, child.type, ""));
        }
        const outputs: PropertyMap = { resources: refs };
        rec.outputs = marshalProperties(outputs, FOR_ANALYZER);
        return {
            urn, id: "",
            object: marshalProperties(outputs, { keepUnknowns: true, keepSecrets: req.acceptSecrets, keepResources: req.acceptResources, keepOutputValues: false }),
        };
    }

    /** The namespace the Kubernetes provider puts namespaced objects in (its `namespace` config, else the kubeconfig's). */
    private kubernetesNamespace(provider: RecordedResource): string | undefined {
        // A provider's inputs are fixed once it is registered: its kubeconfig is read once, not per resource.
        if (this.kubernetesNamespaces.has(provider.urn)) return this.kubernetesNamespaces.get(provider.urn);
        const ns = this.readKubernetesNamespace(provider);
        this.kubernetesNamespaces.set(provider.urn, ns);
        return ns;
    }

    private readKubernetesNamespace(provider: RecordedResource): string | undefined {
        const i = provider.inputs;
        const str = (k: string) => (typeof i[k] === "string" ? (i[k] as string) : undefined);
        try {
            return kubernetesDefaultNamespace({ namespace: str("namespace"), kubeconfig: str("kubeconfig"), context: str("context"), cluster: str("cluster") });
        } catch (e) {
            this.noteDifference("kubernetes-namespace", `the Kubernetes provider's default namespace cannot be worked out offline (${(e as Error).message.split("\n")[0]}): objects without one are judged without a namespace`);
            return undefined;
        }
    }

    /**
     * The provider's Check for a resource of a configured provider: the real Node.js dynamic provider; the AWS
     * provider's autonaming (engine/providers/aws-check.ts); for other packages the inputs as sent, noted as a place
     * where the offline result may differ.
     */
    private async providerCheck(rec: RecordedResource, provider: RecordedResource, inputs: PropertyMap, olds: Record<string, Wire> | undefined): Promise<{ inputs: PropertyMap; failures: { property: string; reason: string }[] }> {
        const pkg = packageOf(rec.type);
        // What the provider is sent: unknowns only in a preview, secrets kept, resources as their IDs.
        const wire = marshalProperties(inputs, { keepUnknowns: this.dryRun, keepSecrets: true, keepResources: false, keepOutputValues: false });
        if (pkg === DYNAMIC_PACKAGE) {
            const plugin = await this.dynamicProvider(provider);
            const checked = await plugin.check(rec.urn, marshalProperties(inputs, { keepUnknowns: true, keepSecrets: true, keepResources: true, keepOutputValues: false }))
                .catch((e: Error) => { throw new EngineRequestError(e.message); });
            return { inputs: downgradeProperties(unmarshalProperties(checked.inputs, { label: rec.urn })), failures: checked.failures };
        }
        if (pkg === "aws") {
            let checked;
            try {
                checked = awsCheck(rec.type, rec.name, rec.urn, wire);
            } catch (e) {
                throw new EngineRequestError(e instanceof AwsCheckError ? e.message : `aws provider Check: ${(e as Error).message}`);
            }
            this.noteDifference("check:aws-defaults", "aws: the provider's Check is emulated for names (autonaming) only; the Terraform schema defaults it also fills in are not", rec.urn, false);
            return { inputs: downgradeProperties(unmarshalProperties(checked.inputs as Record<string, Wire>, { label: rec.urn })), failures: checked.failures };
        }
        if (pkg === "kubernetes" && rec.type === HELM_RELEASE_TYPE) {
            const ns = this.kubernetesNamespace(provider);
            let checked;
            try {
                checked = helmReleaseCheck(rec.urn, wire, { ...(ns !== undefined ? { defaultNamespace: ns } : {}), ...(olds ? { olds } : {}), programDir: this.o.programDir });
            } catch (e) {
                throw new EngineRequestError(`${rec.type} resource '${rec.name}': ${(e as Error).message}`);
            }
            if (checked.chartLoad) {
                // The chart's resolved version is only known by fetching it: a preview's policies see it unknown (and
                // defer), never the constraint as written standing in for it.
                if (this.dryRun) checked.inputs.version = UNKNOWN;
                this.noteDifference("check:helm-chart", "kubernetes: a Helm Release's Check loads its chart from the repository, sets `version` to the version it found, and fails if the chart cannot be loaded; offline the chart is not fetched and `version` is unknown in a preview (as written in `up`)", rec.urn);
            }
            return { inputs: downgradeProperties(unmarshalProperties(checked.inputs as Record<string, Wire>, { label: rec.urn })), failures: [] };
        }
        if (pkg === "kubernetes") {
            const ns = this.kubernetesNamespace(provider);
            const ssa = provider.inputs.enableServerSideApply;
            let checked;
            try {
                checked = kubernetesCheck(rec.type, rec.name, rec.urn, wire, {
                    ...(ns !== undefined ? { defaultNamespace: ns } : {}), serverSideApply: ssa !== "false" && ssa !== false,
                    ...(olds ? { olds: olds as Record<string, unknown> } : {}),
                });
            } catch (e) {
                throw new EngineRequestError((e as Error).message);
            }
            this.noteDifference("check:kubernetes-typed", "kubernetes: Check's typed round trip (dropping fields the Kubernetes types do not know, normalising quantities such as cpu 0.5 to 500m) is not reproduced", rec.urn, false);
            return { inputs: downgradeProperties(unmarshalProperties(checked.inputs as Record<string, Wire>, { label: rec.urn })), failures: checked.failures.map((f) => ({ property: f.property ?? "", reason: f.reason })) };
        }
        if (pkg !== "random") {
            this.noteDifference(`check:${pkg}`, `${pkg}: the provider's Check (its defaults, autonames and validation) is not emulated; its resources are judged on the inputs as the program sent them`, rec.urn);
        }
        return { inputs, failures: [] };
    }

    /** Whether a resource's provider is the one its old state used (same URN and, when known, same ID). */
    private sameProvider(ref: string, oldRef: string): boolean {
        if (!ref || !oldRef) return ref === oldRef;
        const a = parseProviderRef(ref);
        const b = parseProviderRef(oldRef);
        return a.urn === b.urn && (a.id === UNKNOWN_ID || a.id === b.id);
    }

    /** The create step: a preview's outputs are the inputs with computed values unknown; `up` fills them in. */
    private create(rec: RecordedResource, inputs: PropertyMap, configKnown: boolean): { outputs: PropertyMap; id: string | undefined } {
        const pkg = packageOf(rec.type);
        if (this.dryRun && !configKnown) {
            // provider_plugin.go Create: an unconfigured provider previews nothing, so every output is unknown.
            return { outputs: this.o.legacyProviderPreview ? { ...inputs } : {}, id: undefined };
        }
        const plain = rec.inputs;
        const computed = createOutputs(pkg, rec.type, rec.name, rec.urn, plain, this.o.world, this.o.mode,
            { subnetAz: (s) => this.subnetAz.get(s) });
        if (pkg === DYNAMIC_PACKAGE) {
            if (!this.dryRun) this.noteDifference("dynamic-create", "in `up`, dynamic resources' create is not run (it would run the program's own code against real systems): their state is their checked inputs", rec.urn);
            // The Node.js dynamic provider does not support previews: its inputs are its state.
            return { outputs: { ...inputs }, id: this.dryRun ? undefined : `${rec.name}-${providerId(rec.urn).slice(0, 8)}` };
        }
        if (this.dryRun) {
            const outputs: PropertyMap = { ...inputs };
            for (const k of Object.keys(computed)) if (k !== "id" && !(k in inputs)) outputs[k] = new Computed();
            return { outputs, id: undefined };
        }
        const outputs: PropertyMap = { ...inputs };
        for (const [k, v] of Object.entries(computed)) if (k !== "id") outputs[k] = v as PropertyValue;
        const id = String(computed.id);
        if (rec.type === "aws:ec2/subnet:Subnet" && typeof plain.availabilityZone === "string") this.subnetAz.set(id, plain.availabilityZone);
        return { outputs, id };
    }

    private providerConfigKnown(provider: RecordedResource): boolean {
        // provider_plugin.go Configure: any input but `version` holding an unknown leaves the provider unconfigured.
        const inputs = unmarshalProperties(provider.inputs as Record<string, Wire>);
        return !Object.entries(inputs).some(([k, v]) => k !== "version" && containsUnknowns(v));
    }

    private async runHooks(names: string[], kind: "before" | "after", rec: RecordedResource, inputs: PropertyMap, outputs: PropertyMap | undefined): Promise<void> {
        for (const hookName of names) {
            const hook = this.hooks.get(hookName);
            if (!hook) throw new EngineRequestError(`hook ${JSON.stringify(hookName)} was not registered`);
            if (this.dryRun && !hook.onDryRun) continue;
            const keep = { keepUnknowns: true, keepSecrets: true, keepResources: true, keepOutputValues: true };
            const error = await this.o.callbacks.hook(hook.callback, {
                urn: rec.urn, id: rec.id ?? "", name: rec.name, type: rec.type,
                newInputs: marshalProperties(inputs, keep), ...(outputs ? { newOutputs: marshalProperties(outputs, keep) } : {}),
            });
            if (error) {
                if (hook.ignoreErrors) {
                    this.o.log(`warning: ${kind === "before" ? "before-create" : "after-create"} hook "${hookName}" failed: ${error} (${rec.urn})`);
                    continue;
                }
                throw new EngineRequestError(`${kind} hook "${hookName}" failed: ${error}`);
            }
        }
    }

    private parseTimeouts(t: CustomTimeouts): NonNullable<RecordedResource["options"]["customTimeouts"]> {
        const secs = (s: string) => {
            try {
                return s ? parseGoDurationSeconds(s) : 0;
            } catch (e) {
                throw new EngineRequestError((e as Error).message);
            }
        };
        return { create: secs(t.create), update: secs(t.update), delete: secs(t.delete), ...(t.read ? { read: secs(t.read) } : {}) };
    }

    /** The provider request for a registration: its package reference's, else its own package and version. */
    private packageRequest(packageRef: string, name: string, version: string, downloadUrl: string): { name: string; version: string; downloadUrl: string } {
        if (!packageRef) return { name, version, downloadUrl };
        const pr = this.packageRefs.get(packageRef);
        if (!pr) throw new EngineRequestError(`unknown provider package '${packageRef}'`);
        return pr;
    }

    private resolveProvider(provider: string, providers: Record<string, string>, parent: string, pkg: string): string {
        if (provider) return provider;
        if (providers[pkg]) return providers[pkg]!;
        const fromParent = parent ? this.componentProviders.get(parent)?.[pkg] : undefined;
        return fromParent ?? "";
    }

    /** The engine's default provider for a package and version, registered before its first user. */
    private defaultProvider(pkg: string, version: string, downloadUrl: string): Promise<string> {
        const key = `${pkg}@${version}@${downloadUrl}`;
        let ref = this.defaultProviders.get(key);
        if (!ref) {
            ref = this.registerDefaultProvider(pkg, version, downloadUrl);
            this.defaultProviders.set(key, ref);
        }
        return ref;
    }

    private async registerDefaultProvider(pkg: string, version: string, downloadUrl: string): Promise<string> {
        this.checkDefaultProviderAllowed(pkg);
        const type = `pulumi:providers:${pkg}`;
        const name = defaultProviderName(version, downloadUrl);
        const urn = `urn:pulumi:${this.o.stack}::${this.o.project}::${type}::${name}`;
        // Target.GetPackageConfig: the package's config keys (all of them, namespaced, for the dynamic provider).
        const inputs: PropertyMap = {};
        for (const [k, v] of Object.entries(this.o.config)) {
            const ns = k.slice(0, k.indexOf(":"));
            if (pkg !== DYNAMIC_PACKAGE && ns !== pkg) continue;
            const key = pkg === DYNAMIC_PACKAGE ? k : k.slice(k.indexOf(":") + 1);
            inputs[key] = this.o.secretKeys.includes(k) ? new Secret(v) : v;
        }
        if (version) inputs.version = version;
        if (downloadUrl) inputs.pluginDownloadURL = downloadUrl;
        const wire = marshalProperties(inputs, FOR_ANALYZER);
        const old = this.o.olds?.get(urn);
        const same = old !== undefined && sameInputs(wire, old.inputs);
        const id = same && old?.id ? old.id : this.dryRun ? UNKNOWN_ID : providerId(urn);
        const rec: RecordedResource = {
            urn, type, name, custom: true, parent: "", provider: "", inputs: wire, outputs: wire, dependencies: [], propertyDependencies: {},
            options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, deleteBeforeReplaceDefined: false, additionalSecretOutputs: [], aliases: [], retainOnDelete: false, replaceOnChanges: [] },
            id, synthesized: true, step: old === undefined ? "create" : same ? "same" : "update",
        };
        this.add(rec);
        // The default provider goes through the step generator like any resource (its users wait for it).
        if (this.o.analysis) {
            const remediated = await this.o.analysis.analyze(rec, undefined);
            if (remediated) rec.inputs = rec.outputs = remediated;
        }
        return `${urn}::${id}`;
    }

    /**
     * The real Node.js dynamic provider plugin (the SDK's cmd/dynamic-provider), started at its first use and
     * configured once per provider resource, as the CLI loads it.
     */
    private async dynamicProvider(provider: RecordedResource): Promise<DynamicProviderPlugin> {
        this.dynamicPlugin ??= DynamicProviderPlugin.start({
            programDir: this.o.programDir, engineAddress: this.engineAddress, project: this.o.project, stack: this.o.stack,
            dryRun: this.dryRun, runtimeOptions: this.o.runtimeOptions, config: this.o.config, timeoutMs: this.o.pluginTimeoutMs,
            onOutput: (_stream, line) => this.o.log(line),
        });
        const plugin = await this.dynamicPlugin.catch((e: Error) => { throw new EngineRequestError(e.message); });
        let configured = this.configuredDynamic.get(provider.urn);
        if (!configured) {
            configured = plugin.configureProvider(provider.urn, provider.inputs as Record<string, Wire>, provider.id);
            this.configuredDynamic.set(provider.urn, configured);
        }
        await configured.catch((e: Error) => { throw new EngineRequestError(e.message); });
        return plugin;
    }

    /** Stops the provider plugins this deployment started. */
    async close(): Promise<void> {
        const plugin = await this.dynamicPlugin?.catch(() => undefined);
        await plugin?.stop();
    }

    /** pulumi:disable-default-providers (default_providers.go shouldDenyRequest). */
    private checkDefaultProviderAllowed(pkg: string): void {
        const raw = this.o.config["pulumi:disable-default-providers"];
        if (raw === undefined || raw === "" || pkg === "pulumi") return;
        let list: unknown;
        try {
            list = JSON.parse(raw);
        } catch {
            throw new EngineRequestError(`Failed to parse ${raw}`);
        }
        if (!Array.isArray(list)) throw new EngineRequestError("Unexpected encoding of pulumi:disable-default-providers");
        for (const [i, v] of list.entries()) {
            if (typeof v !== "string") throw new EngineRequestError(`pulumi:disable-default-providers[${i}] must be a string`);
            if (v.trim() === "*" || v.trim() === pkg) {
                throw new EngineRequestError(`Default provider for '${pkg}' disabled. '${pkg}' must use an explicit provider.`);
            }
        }
    }

    registerResourceOutputs(urn: string, outputs: Record<string, Wire>): void {
        const rec = this.byUrn.get(urn);
        if (!rec) throw new EngineRequestError(`cannot register outputs for unknown resource ${urn}`);
        const props = unmarshalProperties(outputs, { assetRoot: this.o.programDir, label: urn });
        rec.outputs = marshalProperties(downgradeProperties(props), FOR_ANALYZER);
        if (rec.type === ROOT_STACK_TYPE) Object.assign(this.stackOutputs, rec.outputs);
    }

    /** Records an engine-side failure of one request and returns the error to send back. */
    fail(subject: string, message: string): EngineRequestError {
        this.engineError ??= `${subject}: ${message}`;
        return new EngineRequestError(message);
    }

    /** RegisterPackage: one reference per distinct package request (source_eval.go). */
    registerPackage(name: string, version: string, downloadUrl: string, parameterized: boolean): string {
        if (!name) throw new EngineRequestError("package name is empty");
        if (parameterized) throw this.fail(`package ${name}`, "parameterized packages are not emulated offline");
        const key = `${name}@${version}@${downloadUrl}`;
        let ref = this.packages.get(key);
        if (!ref) {
            ref = randomUUID();
            this.packages.set(key, ref);
            this.packageRefs.set(ref, { name, version, downloadUrl });
        }
        return ref;
    }

    registerStackTransform(cb: CallbackRef): void {
        if (!cb.target) throw new EngineRequestError("target must be specified");
        this.stackTransforms.push(cb);
    }

    registerStackInvokeTransform(cb: CallbackRef): void {
        if (!cb.target) throw new EngineRequestError("target must be specified");
        this.stackInvokeTransforms.push(cb);
    }

    registerResourceHook(name: string, callback: CallbackRef, onDryRun: boolean, ignoreErrors: boolean): void {
        if (!name) throw new EngineRequestError("resource hook name cannot be empty");
        if (this.hooks.has(name) || this.errorHooks.has(name)) throw new EngineRequestError(`resource hook already registered for name ${JSON.stringify(name)}`);
        this.hooks.set(name, { name, callback, onDryRun, ignoreErrors });
    }

    registerErrorHook(name: string): void {
        if (!name) throw new EngineRequestError("resource hook name cannot be empty");
        if (this.hooks.has(name) || this.errorHooks.has(name)) throw new EngineRequestError(`resource hook already registered for name ${JSON.stringify(name)}`);
        // Error hooks run only when a provider operation fails, which never happens offline.
        this.errorHooks.add(name);
    }

    invoke(req: InvokeRequest): Promise<Record<string, Wire>> {
        return this.track(this.doInvoke(req).catch((e) => {
            const err = e instanceof EngineRequestError ? e : new EngineRequestError((e as Error).message);
            this.engineError ??= `invoke ${req.token}: ${err.message}`;
            throw err;
        }));
    }

    private async doInvoke(req: InvokeRequest): Promise<Record<string, Wire>> {
        const token = req.token;
        let args = unmarshalProperties(req.args, { assetRoot: this.o.programDir, label: token });
        let opts: InvokeOpts = { provider: req.provider, version: req.version, pluginDownloadUrl: req.pluginDownloadUrl };
        for (const cb of this.stackInvokeTransforms) {
            const keep = { keepUnknowns: true, keepSecrets: true, keepResources: true, keepOutputValues: true };
            const r = await this.o.callbacks.transformInvoke(cb, { token, args: marshalProperties(args, keep), options: opts });
            if (r.options) opts = r.options;
            if (r.args) args = unmarshalProperties(r.args, { label: token });
        }
        if (token === "pulumi:pulumi:getResource") {
            const urn = typeof args.urn === "string" ? args.urn : "";
            const r = this.byUrn.get(urn);
            if (!r) throw new EngineRequestError(`unknown resource ${urn}`);
            return marshalProperties({ urn: r.urn, id: r.id ?? "", state: unmarshalProperties(r.outputs as Record<string, Wire>) },
                { keepUnknowns: true, keepSecrets: true, keepResources: true, keepOutputValues: false });
        }
        const pr = this.packageRequest(req.packageRef, token.split(":")[0]!, opts.version, opts.pluginDownloadUrl);
        const ref = opts.provider ? opts.provider : await this.defaultProvider(pr.name, pr.version, pr.downloadUrl);
        const provider = this.byUrn.get(parseProviderRef(ref).urn);
        if (!provider) throw new EngineRequestError(`unknown provider '${ref}'`);
        // provider_plugin.go Invoke: an unconfigured provider answers with an empty map.
        if (!this.providerConfigKnown(provider)) return {};
        const plainArgs = marshalProperties(args, { keepUnknowns: false, keepSecrets: false, keepResources: false, keepOutputValues: false });
        const region = typeof provider.inputs.region === "string" ? provider.inputs.region : this.o.world.region;
        let result: Record<string, unknown>;
        try {
            const kubernetesNamespace = provider.type === "pulumi:providers:kubernetes" ? this.kubernetesNamespace(provider) : undefined;
            result = providerInvoke(token, plainArgs, {
                ...this.o.world, region, ...(kubernetesNamespace !== undefined ? { kubernetesNamespace } : {}),
                roles: this.accountRoles(), note: (key, what) => this.noteDifference(key, what, undefined, false),
            });
        } catch (e) {
            throw new EngineRequestError(`invocation of ${token} returned an error: ${(e as Error).message}`);
        }
        return marshalProperties(unmarshalProperties(result as Record<string, Wire>), {
            keepUnknowns: true, keepSecrets: true, keepResources: req.acceptResources, keepOutputValues: false });
    }

    /** The offline account's IAM roles: a fresh account's none, plus those the previous deployment created. */
    private accountRoles(): AccountRole[] {
        const roles: AccountRole[] = [];
        for (const old of this.o.olds?.values() ?? []) {
            if (old.type !== "aws:iam/serviceLinkedRole:ServiceLinkedRole" && old.type !== "aws:iam/role:Role") continue;
            const o = old.outputs as Record<string, unknown>;
            if (typeof o.name !== "string" || typeof o.arn !== "string") continue;
            const tags = typeof o.tagsAll === "object" && o.tagsAll !== null ? o.tagsAll : o.tags;
            roles.push({
                name: o.name, arn: o.arn, path: typeof o.path === "string" ? o.path : "/",
                tags: Object.fromEntries(Object.entries((tags ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === "string")) as Record<string, string>,
            });
        }
        return roles;
    }

    private projectUri(pos: { uri: string; line: number; column: number }): string {
        const root = `file://${this.o.projectRoot}/`;
        const uri = pos.uri.startsWith(root) ? `project:///${pos.uri.slice(root.length)}` : pos.uri;
        return `${uri}#${pos.line},${pos.column}`;
    }

    private add(rec: RecordedResource): void {
        this.resources.push(rec);
        this.byUrn.set(rec.urn, rec);
    }

    get(urn: string): RecordedResource | undefined {
        return this.byUrn.get(urn);
    }

    /** Notes a place where this run may differ from a real preview (docs/architecture.md). */
    noteDifference(key: string, what: string, urn?: string, strict = true): void {
        let d = this.differenceMap.get(key);
        if (!d) {
            d = { key, what, urns: [], strict };
            this.differenceMap.set(key, d);
        }
        if (urn && !d.urns.includes(urn)) d.urns.push(urn);
    }

    get differences(): Difference[] {
        return [...this.differenceMap.values()];
    }

    /** Old resources nothing registered again (or aliased): what the update would delete. */
    deletedUrns(): string[] {
        const kept = new Set([...this.byUrn.keys(), ...this.matchedAliases.values()]);
        return [...(this.o.olds?.keys() ?? [])].filter((u) => !kept.has(u));
    }
}

/** Remote components whose provider's Construct is emulated (pulumi-kubernetes yaml/v2). */
const CONFIG_GROUP_TYPES = new Set(["kubernetes:yaml/v2:ConfigGroup", "kubernetes:yaml/v2:ConfigFile"]);
/** Remote components the Kubernetes provider renders with its built-in Helm or kustomize, which is not here. */
const UNRENDERABLE_COMPONENTS = new Set(["kubernetes:helm.sh/v4:Chart", "kubernetes:kustomize/v2:Directory"]);

/** A registration the engine makes itself on a provider's behalf (a Construct's children), with the SDK's defaults. */
function syntheticRequest(r: Pick<RegisterRequest, "type" | "name" | "parent" | "custom" | "object" | "dependencies" | "provider" | "version" | "pluginDownloadUrl">): RegisterRequest {
    return {
        ...r, remote: false, providers: {}, propertyDependencies: {}, deleteBeforeReplace: false, deleteBeforeReplaceDefined: false,
        ignoreChanges: [], acceptSecrets: true, acceptResources: true, additionalSecretOutputs: [], aliasUrns: [], aliases: [],
        aliasSpecs: true, importId: "", supportsPartialValues: true, replaceOnChanges: [], deletedWith: "", replaceWith: [],
        transforms: [], hideDiffs: [], packageRef: "", envVarMappings: {}, fromNodeJs: false,
    };
}

/** providers/registry.go UnknownID: a provider's ID during a preview. */
const UNKNOWN_ID = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
