/**
 * The engine's side of the program's callback server (the SDK's runtime/callbacks.ts): transforms, invoke transforms
 * and resource hooks are functions in the program that the engine calls back over gRPC, exactly as
 * source_eval.go wrapTransformCallback / wrapInvokeTransformCallback / wrapResourceHookCallback do: one Callbacks
 * client per target address, the request serialized into CallbackInvokeRequest.request.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import type * as aliasPb from "@pulumi/pulumi/proto/alias_pb";
import type { AliasSpec } from "./aliases";
import type { CallbackRef, Callbacks, CustomTimeouts, HooksBinding, InvokeOpts, ResourceOpts } from "./deployment";
import type { Wire } from "./properties";
import { aliasproto, cbgrpc, cbproto, grpc, resproto, structproto } from "./proto";

export function aliasFromProto(a: aliasPb.Alias): AliasSpec {
    if (a.getAliasCase() === aliasproto.Alias.AliasCase.URN) return { urn: a.getUrn() };
    const s = a.getSpec()!;
    const spec: AliasSpec = { name: s.getName(), type: s.getType(), stack: s.getStack(), project: s.getProject() };
    const pc = s.getParentCase();
    if (pc === aliasproto.Alias.Spec.ParentCase.PARENTURN) spec.parentUrn = s.getParenturn();
    else if (pc === aliasproto.Alias.Spec.ParentCase.NOPARENT) spec.noParent = s.getNoparent();
    return spec;
}

export function aliasToProto(a: AliasSpec): aliasPb.Alias {
    const out = new aliasproto.Alias();
    if (a.urn !== undefined) {
        out.setUrn(a.urn);
        return out;
    }
    const s = new aliasproto.Alias.Spec();
    s.setName(a.name ?? "");
    s.setType(a.type ?? "");
    s.setStack(a.stack ?? "");
    s.setProject(a.project ?? "");
    if (a.parentUrn !== undefined) s.setParenturn(a.parentUrn);
    else if (a.noParent !== undefined) s.setNoparent(a.noParent);
    out.setSpec(s);
    return out;
}

export function hooksFromProto(h: resourcePb.RegisterResourceRequest.ResourceHooksBinding | undefined): HooksBinding | undefined {
    if (!h) return undefined;
    return {
        beforeCreate: h.getBeforeCreateList(), afterCreate: h.getAfterCreateList(), beforeUpdate: h.getBeforeUpdateList(),
        afterUpdate: h.getAfterUpdateList(), beforeDelete: h.getBeforeDeleteList(), afterDelete: h.getAfterDeleteList(),
        onError: h.getOnErrorList(),
    };
}

function hooksToProto(h: HooksBinding): resourcePb.RegisterResourceRequest.ResourceHooksBinding {
    const b = new resproto.RegisterResourceRequest.ResourceHooksBinding();
    b.setBeforeCreateList(h.beforeCreate);
    b.setAfterCreateList(h.afterCreate);
    b.setBeforeUpdateList(h.beforeUpdate);
    b.setAfterUpdateList(h.afterUpdate);
    b.setBeforeDeleteList(h.beforeDelete);
    b.setAfterDeleteList(h.afterDelete);
    b.setOnErrorList(h.onError);
    return b;
}

export function timeoutsFromProto(t: resourcePb.RegisterResourceRequest.CustomTimeouts | undefined): CustomTimeouts | undefined {
    return t ? { create: t.getCreate(), update: t.getUpdate(), delete: t.getDelete(), read: t.getRead() } : undefined;
}

function optionsToProto(o: ResourceOpts): resourcePb.TransformResourceOptions {
    const p = new resproto.TransformResourceOptions();
    p.setDependsOnList(o.dependsOn);
    if (o.protect !== undefined) p.setProtect(o.protect);
    p.setIgnoreChangesList(o.ignoreChanges);
    p.setReplaceOnChangesList(o.replaceOnChanges);
    p.setVersion(o.version);
    p.setAliasesList(o.aliases.map(aliasToProto));
    p.setProvider(o.provider);
    if (o.customTimeouts) {
        const t = new resproto.RegisterResourceRequest.CustomTimeouts();
        t.setCreate(o.customTimeouts.create);
        t.setUpdate(o.customTimeouts.update);
        t.setDelete(o.customTimeouts.delete);
        t.setRead(o.customTimeouts.read);
        p.setCustomTimeouts(t);
    }
    p.setPluginDownloadUrl(o.pluginDownloadUrl);
    if (o.retainOnDelete !== undefined) p.setRetainOnDelete(o.retainOnDelete);
    p.setDeletedWith(o.deletedWith);
    if (o.deleteBeforeReplace !== undefined) p.setDeleteBeforeReplace(o.deleteBeforeReplace);
    p.setAdditionalSecretOutputsList(o.additionalSecretOutputs);
    for (const [k, v] of Object.entries(o.providers)) p.getProvidersMap().set(k, v);
    if (o.hooks) p.setHooks(hooksToProto(o.hooks));
    p.setImport(o.import);
    p.setHideDiffList(o.hideDiff);
    p.setReplaceWithList(o.replaceWith);
    return p;
}

function optionsFromProto(p: resourcePb.TransformResourceOptions): ResourceOpts {
    const providers: Record<string, string> = {};
    p.getProvidersMap().forEach((v, k) => { providers[k] = v; });
    return {
        dependsOn: p.getDependsOnList(), protect: p.hasProtect() ? p.getProtect() : undefined,
        ignoreChanges: p.getIgnoreChangesList(), replaceOnChanges: p.getReplaceOnChangesList(), version: p.getVersion(),
        aliases: p.getAliasesList().map(aliasFromProto), provider: p.getProvider(), providers,
        customTimeouts: timeoutsFromProto(p.getCustomTimeouts()), pluginDownloadUrl: p.getPluginDownloadUrl(),
        retainOnDelete: p.hasRetainOnDelete() ? p.getRetainOnDelete() : undefined, deletedWith: p.getDeletedWith(),
        deleteBeforeReplace: p.hasDeleteBeforeReplace() ? p.getDeleteBeforeReplace() : undefined,
        additionalSecretOutputs: p.getAdditionalSecretOutputsList(), hooks: hooksFromProto(p.getHooks()),
        import: p.getImport(), hideDiff: p.getHideDiffList(), replaceWith: p.getReplaceWithList(),
    };
}

function struct(w: Record<string, Wire>) {
    return structproto.Struct.fromJavaScript(w as Record<string, import("google-protobuf/google/protobuf/struct_pb").JavaScriptValue>);
}

function plain(s: { toJavaScript(): Record<string, unknown> } | undefined): Record<string, Wire> | undefined {
    return s ? (s.toJavaScript() as Record<string, Wire>) : undefined;
}

type CallbacksClient = InstanceType<typeof cbgrpc.CallbacksClient>;

/** Callbacks over gRPC to the program, one client per target, each call with a deadline. */
export class CallbackClients implements Callbacks {
    private readonly clients = new Map<string, CallbacksClient>();

    constructor(private readonly deadlineMs: number) {}

    private client(target: string): CallbacksClient {
        let c = this.clients.get(target);
        if (!c) {
            c = new cbgrpc.CallbacksClient(target, grpc.credentials.createInsecure(), { "grpc.max_receive_message_length": -1, "grpc.max_send_message_length": -1 });
            this.clients.set(target, c);
        }
        return c;
    }

    private call(cb: CallbackRef, request: Uint8Array): Promise<Uint8Array> {
        const req = new cbproto.CallbackInvokeRequest();
        req.setToken(cb.token);
        req.setRequest(request);
        return new Promise((resolve, reject) => {
            this.client(cb.target).invoke(req, { deadline: Date.now() + this.deadlineMs }, (e: grpcTypes.ServiceError | null, r) => {
                if (e) reject(new Error(e.code === grpc.status.DEADLINE_EXCEEDED ? `the program's callback did not answer within ${this.deadlineMs / 1000} s` : e.details || e.message));
                else resolve(r.getResponse_asU8());
            });
        });
    }

    async transform(cb: CallbackRef, r: { name: string; type: string; custom: boolean; parent: string; properties: Record<string, Wire>; options: ResourceOpts }) {
        const req = new resproto.TransformRequest();
        req.setName(r.name);
        req.setType(r.type);
        req.setCustom(r.custom);
        req.setParent(r.parent);
        req.setProperties(struct(r.properties));
        req.setOptions(optionsToProto(r.options));
        const resp = resproto.TransformResponse.deserializeBinary(await this.call(cb, req.serializeBinary()));
        const opts = resp.getOptions();
        return { properties: plain(resp.getProperties()), options: opts ? optionsFromProto(opts) : undefined };
    }

    async transformInvoke(cb: CallbackRef, r: { token: string; args: Record<string, Wire>; options: InvokeOpts }) {
        const req = new resproto.TransformInvokeRequest();
        req.setToken(r.token);
        req.setArgs(struct(r.args));
        const o = new resproto.TransformInvokeOptions();
        o.setProvider(r.options.provider);
        o.setVersion(r.options.version);
        o.setPluginDownloadUrl(r.options.pluginDownloadUrl);
        req.setOptions(o);
        const resp = resproto.TransformInvokeResponse.deserializeBinary(await this.call(cb, req.serializeBinary()));
        const ro = resp.getOptions();
        return {
            args: plain(resp.getArgs()),
            options: ro ? { provider: ro.getProvider(), version: ro.getVersion(), pluginDownloadUrl: ro.getPluginDownloadUrl() } : undefined,
        };
    }

    async hook(cb: CallbackRef, r: { urn: string; id: string; name: string; type: string; newInputs?: Record<string, Wire>; newOutputs?: Record<string, Wire> }) {
        const req = new resproto.ResourceHookRequest();
        req.setUrn(r.urn);
        req.setId(r.id);
        req.setName(r.name);
        req.setType(r.type);
        if (r.newInputs) req.setNewInputs(struct(r.newInputs));
        if (r.newOutputs) req.setNewOutputs(struct(r.newOutputs));
        const resp = resproto.ResourceHookResponse.deserializeBinary(await this.call(cb, req.serializeBinary()));
        return resp.getError();
    }

    close(): void {
        for (const c of this.clients.values()) c.close();
        this.clients.clear();
    }
}
