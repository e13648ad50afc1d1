import { UNKNOWN, ROOT_STACK_TYPE } from "./constants";
import { engineUrn, packageOf, defaultProviderName, parseUrn } from "./urn";
import { computedOutputs, Props, WorldFacts } from "./outputs";
import { answerInvoke } from "./invokes";
import { Mode, RecordedResource } from "./record";

/* The monitor speaks the SDK's protobuf objects; these are the few methods it uses. */
interface PbStruct { toJavaScript(): Props }
interface StructCtor { fromJavaScript(o: Props): PbStruct }
interface PbMap<V> { entries(): { next(): { done: boolean; value: [string, V] } } ; forEach(fn: (v: V, k: string) => void): void }
interface PbDeps { getUrnsList(): string[] }
interface PbPos { getUri(): string; getLine(): number; getColumn(): number }
interface PbTimeouts { getCreate(): string; getUpdate(): string; getDelete(): string }
interface RegisterRequest {
    getType(): string; getName(): string; getParent(): string; getCustom(): boolean; getObject(): PbStruct | undefined;
    getProtect(): boolean; getDependenciesList(): string[]; getProvider(): string; getPropertydependenciesMap(): PbMap<PbDeps>;
    getDeletebeforereplace(): boolean; getDeletebeforereplacedefined(): boolean; getVersion(): string; getIgnorechangesList(): string[];
    getAdditionalsecretoutputsList(): string[]; getAliasurnsList(): string[]; getCustomtimeouts(): PbTimeouts | undefined;
    getRetainondelete(): boolean; getReplaceonchangesList(): string[]; getSourceposition(): PbPos | undefined; getRemote(): boolean;
    getImportid(): string;
}
type Callback = (err: Error | null, resp?: unknown) => void;

/** Errors go back to the SDK as gRPC errors do: the SDK rethrows `new Error(err.details)`. */
function grpcError(e: unknown): Error {
    const err = e instanceof Error ? e : new Error(String(e));
    return Object.assign(err, { details: err.message, code: 2 });
}
export interface ProtoModules {
    Struct: StructCtor;
    RegisterResourceResponse: new () => { setUrn(u: string): void; setId(i: string): void; setObject(s: PbStruct): void };
    ReadResourceResponse: new () => { setUrn(u: string): void; setProperties(s: PbStruct): void };
    InvokeResponse: new () => { setReturn(s: PbStruct): void };
    RegisterPackageResponse: new () => { setRef(r: string): void };
}

export interface MonitorOptions {
    project: string;
    stack: string;
    mode: Mode;
    world: WorldFacts;
    /** Stack config (`ns:key` -> value) used for default provider inputs and invoke regions. */
    config: Record<string, unknown>;
    projectRoot: string;
    proto: ProtoModules;
}

/** Features the engine supports and the offline engine emulates (transforms need a callback server: not here). */
const FEATURES: Record<string, boolean> = {
    secrets: true, resourceReferences: true, outputValues: false, deletedWith: true, replaceWith: true, aliasSpecs: true,
    transforms: false, invokeTransforms: false, parameterization: false, resourceHooks: false, errorHooks: false,
};

/**
 * A resource monitor that answers the SDK as the Pulumi engine does in a first `pulumi preview` (or `up`), and records
 * every registration the way the engine records it: engine URNs, default providers, parents, dependencies,
 * propertyDependencies, options and source positions.
 */
export class EngineMonitor {
    readonly resources: RecordedResource[] = [];
    private readonly byUrn = new Map<string, RecordedResource>();
    private readonly subnetAz = new Map<string, string>();
    readonly stackOutputs: Props = {};

    constructor(private readonly o: MonitorOptions) {}

    supportsFeature(req: { getId(): string }, cb: (err: Error | null, resp: { getHassupport(): boolean }) => void): void {
        const has = FEATURES[req.getId()] ?? false;
        cb(null, { getHassupport: () => has });
    }

    registerPackage(_req: unknown, cb: Callback): void {
        const resp = new this.o.proto.RegisterPackageResponse();
        resp.setRef("offline-package-ref");
        cb(null, resp);
    }

    registerResource(req: RegisterRequest, cb: Callback): void {
        try {
            const rec = this.record(req);
            const resp = new this.o.proto.RegisterResourceResponse();
            resp.setUrn(rec.urn);
            resp.setId(rec.id ?? "");
            resp.setObject(this.o.proto.Struct.fromJavaScript(rec.custom ? rec.outputs : {}));
            cb(null, resp);
        } catch (e) {
            cb(grpcError(e));
        }
    }

    registerResourceOutputs(req: { getUrn(): string; getOutputs(): PbStruct | undefined }, cb: Callback): void {
        const rec = this.byUrn.get(req.getUrn());
        if (!rec) return cb(grpcError(new Error(`registerResourceOutputs for unknown resource ${req.getUrn()}`)));
        rec.outputs = req.getOutputs()?.toJavaScript() ?? {};
        if (rec.type === ROOT_STACK_TYPE) Object.assign(this.stackOutputs, rec.outputs);
        cb(null, {});
    }

    readResource(req: { getType(): string; getName(): string; getParent(): string; getId(): string; getProperties(): PbStruct | undefined }, cb: Callback): void {
        cb(grpcError(new Error(`the offline engine does not read existing resources (${req.getType()} ${req.getName()} id ${req.getId()}); a first preview has nothing to read`)));
    }

    invoke(req: { getTok(): string; getArgs(): PbStruct | undefined; getProvider(): string }, cb: Callback): void {
        try {
            const tok = req.getTok();
            const args = req.getArgs()?.toJavaScript() ?? {};
            let result: Props;
            if (tok === "pulumi:pulumi:getResource") {
                const r = this.byUrn.get(String(args.urn));
                if (!r) throw new Error(`unknown resource ${String(args.urn)}`);
                result = { urn: r.urn, id: r.id ?? "", state: r.outputs };
            } else {
                result = answerInvoke(tok, args, { ...this.o.world, region: this.providerRegion(req.getProvider()) });
            }
            const resp = new this.o.proto.InvokeResponse();
            resp.setReturn(this.o.proto.Struct.fromJavaScript(result));
            cb(null, resp);
        } catch (e) {
            cb(grpcError(e));
        }
    }

    call(req: { getTok(): string }, cb: Callback): void {
        cb(grpcError(new Error(`the offline engine does not implement method calls (${req.getTok()})`)));
    }

    registerStackTransform(_req: unknown, cb: Callback): void {
        cb(grpcError(new Error("the offline engine does not support resource transforms registered with the engine; use stack transformations")));
    }

    private providerRegion(ref: string): string {
        if (ref) {
            const urn = ref.split("::").slice(0, -1).join("::");
            const p = this.byUrn.get(urn);
            if (p && typeof p.inputs.region === "string") return p.inputs.region;
        }
        return this.o.world.region;
    }

    private record(req: RegisterRequest): RecordedResource {
        const type = req.getType();
        const name = req.getName();
        const parent = req.getParent();
        const urn = engineUrn(this.o.stack, this.o.project, parent, type, name);
        if (this.byUrn.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
        const custom = req.getCustom();
        const inputs = req.getObject()?.toJavaScript() ?? {};
        const isProvider = type.startsWith("pulumi:providers:");
        let provider = req.getProvider();
        if (custom && !isProvider && !provider) provider = this.defaultProvider(packageOf(type), req.getVersion());

        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v, k) => { propertyDependencies[k] = v.getUrnsList(); });
        const pos = req.getSourceposition();
        const timeouts = req.getCustomtimeouts();

        let outputs: Props = {};
        let id: string | undefined;
        if (custom) {
            const computed = computedOutputs(type, name, urn, inputs, this.o.world, { subnetAz: (s) => this.subnetAz.get(s) });
            if (this.o.mode === "preview") {
                // A new resource's computed outputs are unknown until create.
                outputs = { ...inputs };
                for (const k of Object.keys(computed)) if (!(k in inputs) || k === "id") outputs[k] = UNKNOWN;
                id = isProvider ? undefined : undefined;
            } else {
                outputs = { ...inputs, ...computed };
                id = String(computed.id);
            }
            delete outputs.id;
            if (type === "aws:ec2/subnet:Subnet" && id && typeof inputs.availabilityZone === "string") this.subnetAz.set(id, inputs.availabilityZone);
        }
        const rec: RecordedResource = {
            urn, type, name, custom, parent, provider, inputs, outputs,
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            options: {
                protect: req.getProtect(),
                ignoreChanges: req.getIgnorechangesList(),
                deleteBeforeReplace: req.getDeletebeforereplace(),
                deleteBeforeReplaceDefined: req.getDeletebeforereplacedefined(),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                aliases: req.getAliasurnsList(),
                ...(timeouts ? { customTimeouts: { create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() } } : {}),
                retainOnDelete: req.getRetainondelete(),
                replaceOnChanges: req.getReplaceonchangesList(),
            },
            ...(id !== undefined ? { id } : {}),
            ...(pos ? { sourcePosition: `${this.projectUri(pos.getUri())}#${pos.getLine()},${pos.getColumn()}` } : {}),
        };
        this.add(rec);
        return rec;
    }

    private projectUri(uri: string): string {
        const root = `file://${this.o.projectRoot}/`;
        return uri.startsWith(root) ? `project:///${uri.slice(root.length)}` : uri;
    }

    private add(rec: RecordedResource): void {
        this.resources.push(rec);
        this.byUrn.set(rec.urn, rec);
    }

    /** The engine creates a default provider per package and version, before the first resource that uses it. */
    private defaultProvider(pkg: string, version: string): string {
        const urn = `urn:pulumi:${this.o.stack}::${this.o.project}::pulumi:providers:${pkg}::${defaultProviderName(version)}`;
        let rec = this.byUrn.get(urn);
        if (!rec) {
            const inputs: Props = {};
            for (const [k, v] of Object.entries(this.o.config)) {
                const [ns, key] = [k.slice(0, k.indexOf(":")), k.slice(k.indexOf(":") + 1)];
                if (ns === pkg) inputs[key] = typeof v === "string" ? v : JSON.stringify(v);
            }
            if (version) inputs.version = version;
            const computed = computedOutputs(`pulumi:providers:${pkg}`, parseUrn(urn).name, urn, inputs, this.o.world, { subnetAz: () => undefined });
            const id = this.o.mode === "preview" ? UNKNOWN : String(computed.id);
            rec = {
                urn, type: `pulumi:providers:${pkg}`, name: parseUrn(urn).name, custom: true, parent: "", provider: "",
                inputs, outputs: { ...inputs }, dependencies: [], propertyDependencies: {},
                options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, deleteBeforeReplaceDefined: false, additionalSecretOutputs: [], aliases: [], retainOnDelete: false, replaceOnChanges: [] },
                id, synthesized: true,
            };
            this.add(rec);
        }
        return `${urn}::${rec.id}`;
    }
}
