/**
 * The gRPC services the Pulumi engine gives a running program: pulumirpc.ResourceMonitor (source_eval.go resmon) and
 * pulumirpc.Engine (pkg/host/host_server.go: Log, root resource), served on 127.0.0.1 with the SDK's own service
 * definitions. Requests are decoded into plain shapes and handed to the Deployment.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import type * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import { aliasFromProto, hooksFromProto, timeoutsFromProto } from "./callbacks";
import { Deployment, EngineRequestError, RegisterRequest } from "./deployment";
import type { Wire } from "./properties";
import { emptyproto, enggrpc, engproto, grpc, grpcError, provproto, resgrpc, resproto, structproto } from "./proto";

/** source_eval.go supportsFeatureID at v3.248.0. */
export const SUPPORTED_FEATURES: Readonly<Record<string, boolean>> = {
    secrets: true, resourceReferences: true, outputValues: true, aliasSpecs: true, replacementTrigger: true,
    deletedWith: true, replaceWith: true, transforms: true, invokeTransforms: true, parameterization: true,
    resourceHooks: true, errorHooks: true, sendsOptionsToHooks: true,
};

export interface LogEntry {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
    urn: string;
}

type Unary<Req, Resp> = (call: { request: Req; metadata: grpcTypes.Metadata }, cb: (e: grpcTypes.ServiceError | null, r?: Resp) => void) => void;

function plainStruct(s: { toJavaScript(): Record<string, unknown> } | undefined): Record<string, Wire> {
    return (s?.toJavaScript() ?? {}) as Record<string, Wire>;
}

function toGrpc(e: unknown): grpcTypes.ServiceError {
    if (e instanceof EngineRequestError) return grpcError(e.message, e.code);
    return grpcError(e instanceof Error ? e.message : String(e));
}

/** The Node SDK announces itself (source_eval.go requestFromNodeJS). */
function fromNodeJs(md: grpcTypes.Metadata): boolean {
    const rt = md.get("pulumi-runtime");
    if (rt.length > 0) return rt.length === 1 && rt[0] === "nodejs";
    const ua = md.get("user-agent");
    return ua.length === 1 && String(ua[0]).startsWith("grpc-node-js/");
}

export function decodeRegister(r: resourcePb.RegisterResourceRequest, md: grpcTypes.Metadata): RegisterRequest {
    const propertyDependencies: Record<string, string[]> = {};
    r.getPropertydependenciesMap().forEach((v, k) => { propertyDependencies[k] = v.getUrnsList(); });
    const providers: Record<string, string> = {};
    r.getProvidersMap().forEach((v, k) => { providers[k] = v; });
    const envVarMappings: Record<string, string> = {};
    r.getEnvvarmappingsMap().forEach((v, k) => { envVarMappings[k] = v; });
    const pos = r.getSourceposition();
    return {
        type: r.getType(), name: r.getName(), parent: r.getParent(), custom: r.getCustom(), remote: r.getRemote(),
        object: plainStruct(r.getObject()), protect: r.hasProtect() ? r.getProtect() : undefined,
        dependencies: r.getDependenciesList(), provider: r.getProvider(), providers, propertyDependencies,
        deleteBeforeReplace: r.getDeletebeforereplace(), deleteBeforeReplaceDefined: r.getDeletebeforereplacedefined(),
        version: r.getVersion(), pluginDownloadUrl: r.getPlugindownloadurl(), ignoreChanges: r.getIgnorechangesList(),
        acceptSecrets: r.getAcceptsecrets(), acceptResources: r.getAcceptresources(),
        additionalSecretOutputs: r.getAdditionalsecretoutputsList(), aliasUrns: r.getAliasurnsList(),
        aliases: r.getAliasesList().map(aliasFromProto), aliasSpecs: r.getAliasspecs(), importId: r.getImportid(),
        customTimeouts: timeoutsFromProto(r.getCustomtimeouts()), supportsPartialValues: r.getSupportspartialvalues(),
        replaceOnChanges: r.getReplaceonchangesList(), retainOnDelete: r.hasRetainondelete() ? r.getRetainondelete() : undefined,
        deletedWith: r.getDeletedwith(), replaceWith: r.getReplaceWithList(),
        ...(pos ? { sourcePosition: { uri: pos.getUri(), line: pos.getLine(), column: pos.getColumn() } } : {}),
        transforms: r.getTransformsList().map((c) => ({ target: c.getTarget(), token: c.getToken() })),
        hooks: hooksFromProto(r.getHooks()), hideDiffs: r.getHidediffsList(), packageRef: r.getPackageref(),
        envVarMappings, fromNodeJs: fromNodeJs(md),
    };
}

export interface MonitorServer {
    address: string;
    logs: LogEntry[];
    stop(): void;
}

/** Serves the ResourceMonitor and Engine services for one deployment. */
export async function startMonitor(d: Deployment, onLog: (e: LogEntry) => void = () => undefined): Promise<MonitorServer> {
    const server = new grpc.Server({ "grpc.max_receive_message_length": -1, "grpc.max_send_message_length": -1 });
    const logs: LogEntry[] = [];
    const empty = () => new emptyproto.Empty();
    const guard = <Req, Resp>(f: (req: Req, md: grpcTypes.Metadata) => Resp | Promise<Resp>): Unary<Req, Resp> => (call, cb) => {
        Promise.resolve().then(() => f(call.request, call.metadata)).then((r) => cb(null, r), (e) => cb(toGrpc(e)));
    };
    const unimplemented = (what: string): Unary<unknown, unknown> => (_c, cb) => cb(grpcError(`the offline engine does not implement ${what}`, grpc.status.UNIMPLEMENTED));

    server.addService(resgrpc.ResourceMonitorService, {
        supportsFeature: guard((req: resourcePb.SupportsFeatureRequest) => {
            const resp = new resproto.SupportsFeatureResponse();
            resp.setHassupport(SUPPORTED_FEATURES[req.getId()] ?? false);
            return resp;
        }),
        registerResource: guard(async (req: resourcePb.RegisterResourceRequest, md) => {
            const r = await d.registerResource(decodeRegister(req, md));
            const resp = new resproto.RegisterResourceResponse();
            resp.setUrn(r.urn);
            resp.setId(r.id);
            resp.setObject(structproto.Struct.fromJavaScript(r.object as Record<string, import("google-protobuf/google/protobuf/struct_pb").JavaScriptValue>));
            return resp;
        }),
        registerResourceOutputs: guard((req: resourcePb.RegisterResourceOutputsRequest) => {
            d.registerResourceOutputs(req.getUrn(), plainStruct(req.getOutputs()));
            return empty();
        }),
        invoke: guard(async (req: resourcePb.ResourceInvokeRequest) => {
            const ret = await d.invoke({
                token: req.getTok(), args: plainStruct(req.getArgs()), provider: req.getProvider(), version: req.getVersion(),
                pluginDownloadUrl: req.getPlugindownloadurl(), acceptResources: req.getAcceptresources(), packageRef: req.getPackageref(),
            });
            const resp = new provproto.InvokeResponse();
            resp.setReturn(structproto.Struct.fromJavaScript(ret as Record<string, import("google-protobuf/google/protobuf/struct_pb").JavaScriptValue>));
            return resp;
        }),
        readResource: guard((req: resourcePb.ReadResourceRequest) => {
            throw d.fail(`${req.getType()} ${JSON.stringify(req.getName())}`, `the offline engine cannot read existing resources (id ${JSON.stringify(req.getId())}): a real preview reads them from the cloud`);
        }),
        call: guard((req: resourcePb.ResourceCallRequest) => {
            throw d.fail(`call ${req.getTok()}`, "the offline engine cannot call methods of remote components (the provider plugin is not available offline)");
        }),
        registerStackTransform: guard((req: { getTarget(): string; getToken(): string }) => {
            d.registerStackTransform({ target: req.getTarget(), token: req.getToken() });
            return empty();
        }),
        registerStackInvokeTransform: guard((req: { getTarget(): string; getToken(): string }) => {
            d.registerStackInvokeTransform({ target: req.getTarget(), token: req.getToken() });
            return empty();
        }),
        registerResourceHook: guard((req: resourcePb.RegisterResourceHookRequest) => {
            const cb = req.getCallback();
            d.registerResourceHook(req.getName(), { target: cb?.getTarget() ?? "", token: cb?.getToken() ?? "" }, req.getOnDryRun(), req.getIgnoreErrors());
            return empty();
        }),
        registerErrorHook: guard((req: { getName(): string }) => {
            d.registerErrorHook(req.getName());
            return empty();
        }),
        registerPackage: guard((req: resourcePb.RegisterPackageRequest) => {
            const resp = new resproto.RegisterPackageResponse();
            resp.setRef(d.registerPackage(req.getName(), req.getVersion(), req.getDownloadUrl(), req.hasParameterization()));
            return resp;
        }),
        signalAndWaitForShutdown: guard(async () => {
            await d.settled();
            return empty();
        }),
        streamInvoke: unimplemented("StreamInvoke"),
    });

    server.addService(enggrpc.EngineService, {
        log: guard((req: enginePb.LogRequest) => {
            const severity = (["debug", "info", "warning", "error"] as const)[req.getSeverity()] ?? "info";
            const entry = { severity, message: req.getMessage(), urn: req.getUrn() };
            if (!req.getEphemeral()) logs.push(entry);
            onLog(entry);
            return empty();
        }),
        getRootResource: guard(() => {
            const resp = new engproto.GetRootResourceResponse();
            resp.setUrn(d.rootUrn);
            return resp;
        }),
        setRootResource: guard((req: enginePb.SetRootResourceRequest) => {
            d.rootUrn = req.getUrn();
            return new engproto.SetRootResourceResponse();
        }),
        startDebugging: unimplemented("StartDebugging"),
        requirePulumiVersion: guard(() => empty()),
    });

    const port = await new Promise<number>((res, rej) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))));
    return { address: `127.0.0.1:${port}`, logs, stop: () => server.forceShutdown() };
}
