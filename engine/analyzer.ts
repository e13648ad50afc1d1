/**
 * Drives policy packs over the analyzer gRPC protocol exactly as `pulumi preview --policy-pack` does
 * (pkg/engine/update.go, pkg/resource/deploy/step_generator.go, sdk/go/common/resource/plugin/analyzer_plugin.go at
 * v3.248.0): start each pack with the language host's command line, Handshake (UNIMPLEMENTED tolerated),
 * ConfigureStack, GetAnalyzerInfo, Configure with every policy's level; then per resource in registration order
 * GetAnalyzerInfo + Remediate (packs in turn) and Analyze (all packs); at the end one AnalyzeStack with outputs,
 * parents, dependencies and non-empty propertyDependencies.
 */
import { spawn, ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerpbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { EngineInputError } from "./project";
import { loadErrorOf, oneLineError } from "./failures";
import { ROOT_STACK_TYPE } from "./constants";
import type { ProgramRun, RecordedResource } from "./record";
import { configurePolicyPack, fromProtoEnforcementLevel, PolicyConfig, PolicyPackConfig } from "./policy-config";
import { track } from "./children";

// One copy of grpc and the message classes: the SDK's, so messages and stubs match.
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = sdkRequire("@grpc/grpc-js") as typeof grpcTypes;
const apb = sdkRequire("./proto/analyzer_pb") as typeof analyzerpbTypes;
const agrpc = sdkRequire("./proto/analyzer_grpc_pb") as typeof analyzerGrpcTypes;
const epb = sdkRequire("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };
const spb = sdkRequire("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(o: unknown): import("google-protobuf/google/protobuf/struct_pb").Struct } };
const enginegrpc = sdkRequire("./proto/engine_grpc_pb") as { EngineService: grpcTypes.ServiceDefinition };

export const ENFORCEMENT = ["advisory", "mandatory", "disabled", "remediate"] as const;
export type Level = (typeof ENFORCEMENT)[number];

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: Level;
    severity: string;
    /** 1 = resource, 2 = stack (proto PolicyType). */
    policyType: "resource" | "stack" | "unknown";
    tags: string[];
    remediationSteps: string;
    url: string;
    framework?: { name: string; version: string; reference: string; specification: string };
    /** The JSON schema the policy declared for its config. */
    configSchema?: { properties: Record<string, unknown>; required?: string[] };
}

export interface PackInfo {
    dir: string;
    name: string;
    version: string;
    policies: PolicyInfo[];
}

export interface Diagnostic {
    policyPack: string;
    policyPackVersion: string;
    policy: string;
    enforcementLevel: Level;
    urn: string;
    message: string;
    description: string;
    severity: string;
    /** "analyze" (resource inputs), "stack" (AnalyzeStack on outputs) or "remediate". */
    phase: "analyze" | "stack" | "remediate";
}

export interface AnalysisResult {
    packs: PackInfo[];
    /** Violations at every level (advisory, mandatory), not counting deferrals. */
    violations: Diagnostic[];
    /** Policies a pack could not decide in this preview (the SDK's "can't run policy ... during preview"). */
    deferred: Diagnostic[];
    /** Messages packs logged to the engine. */
    logs: string[];
    calls: Record<string, number>;
}

export interface AnalyzeOptions {
    /**
     * Call Remediate before Analyze, as the engine does while it runs a program.
     * @default true - a review of a recorded preview passes false: its new states already carry remediated inputs.
     */
    remediate?: boolean;
    /**
     * Which resources get resource-level Analyze; AnalyzeStack always sees the whole stack.
     * @default - every resource, as the engine does
     */
    analyzeResource?: (r: RecordedResource) => boolean;
    /** Per pack directory (resolved): its parsed --policy-pack-config file (engine/policy-config.ts). */
    packConfig?: Record<string, PolicyPackConfig>;
    stackTags?: Record<string, string>;
    /** A pack that does not answer one call within this long is an error. @default DEFAULT_CALL_DEADLINE_MS */
    callDeadlineMs?: number;
    /** Config keys that are secret (ConfigureStack config_secret_keys). @default - none */
    configSecretKeys?: readonly string[];
}

export type Client = analyzerGrpcTypes.AnalyzerClient;

export function unary<Resp>(client: Client, method: string, req: unknown, deadlineMs = DEFAULT_CALL_DEADLINE_MS): Promise<Resp> {
    return new Promise((res, rej) => {
        (client as unknown as Record<string, (r: unknown, o: grpcTypes.CallOptions, cb: (e: grpcTypes.ServiceError | null, v: Resp) => void) => void>)[method]!(
            req, { deadline: Date.now() + deadlineMs }, (e, v) => (e ? rej(e) : res(v)));
    });
}

/**
 * GetAnalyzerInfo as the engine calls it before every resource's remediation: the reply is not needed then, so it
 * is received as raw bytes instead of being decoded (the pack still builds and sends all of it).
 */
export function refreshAnalyzerInfo(client: Client): Promise<void> {
    return new Promise((res, rej) => {
        client.makeUnaryRequest("/pulumirpc.Analyzer/GetAnalyzerInfo",
            (m: { serializeBinary(): Uint8Array }) => Buffer.from(m.serializeBinary()), (b: Buffer) => b,
            new epb.Empty() as { serializeBinary(): Uint8Array }, (e) => (e ? rej(e) : res()));
    });
}

/** A minimal pulumirpc.Engine server: packs log through it, as they do to the real engine. */
export async function startEngineServer(logs: string[]): Promise<{ address: string; stop(): void }> {
    const server = new grpc.Server();
    server.addService(enginegrpc.EngineService, {
        log: (call: { request: { getMessage(): string; getUrn(): string } }, cb: (e: null, v: unknown) => void) => {
            logs.push(call.request.getMessage());
            cb(null, new epb.Empty());
        },
        getRootResource: (_c: unknown, cb: (e: Error) => void) => cb(Object.assign(new Error("unimplemented"), { code: grpc.status.UNIMPLEMENTED })),
        setRootResource: (_c: unknown, cb: (e: Error) => void) => cb(Object.assign(new Error("unimplemented"), { code: grpc.status.UNIMPLEMENTED })),
        startDebugging: (_c: unknown, cb: (e: Error) => void) => cb(Object.assign(new Error("unimplemented"), { code: grpc.status.UNIMPLEMENTED })),
        requirePulumiVersion: (_c: unknown, cb: (e: null, v: unknown) => void) => cb(null, new epb.Empty()),
    });
    const port = await new Promise<number>((res, rej) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))));
    return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

export interface RunningPack {
    dir: string;
    child: ChildProcess;
    client: Client;
    info: PackInfo;
    /** Some policy of the pack is configured at level `remediate` (set by configurePack). */
    remediates?: boolean;
    stop(): void;
}

/** The pack folder's command line, as pulumi-language-nodejs builds it: node <run-policy-pack> <engine> <pack dir>. */
export function packCommand(packDir: string, engineAddress: string): { command: string; args: string[]; cwd: string } {
    let runner: string;
    try {
        runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    } catch {
        throw new EngineInputError(`policy pack ${packDir} failed to start: @pulumi/pulumi is not installed for it (run npm install in the pack)`);
    }
    return { command: process.execPath, args: [runner, engineAddress, "."], cwd: packDir };
}

export async function startPack(dir: string, engineAddress: string, env: Record<string, string>, logs: string[], timeoutMs = 60000): Promise<RunningPack> {
    const packDir = resolve(dir);
    if (!existsSync(join(packDir, "PulumiPolicy.yaml"))) throw new EngineInputError(`not a policy pack (no PulumiPolicy.yaml): ${dir}`);
    const cmd = packCommand(packDir, engineAddress);
    const child = track(spawn(cmd.command, cmd.args, { cwd: cmd.cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] }));
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => { stderr += d.toString(); });
    const port = await new Promise<number>((res, rej) => {
        let buf = "";
        const timer = setTimeout(() => { child.kill("SIGKILL"); rej(new EngineInputError(`policy pack ${dir} failed to start: no port after ${timeoutMs} ms`)); }, timeoutMs);
        child.stdout!.on("data", (d: Buffer) => {
            buf += d.toString();
            const lines = buf.split("\n");
            buf = lines.pop() ?? "";
            for (const line of lines) {
                if (/^\d+$/.test(line.trim())) { clearTimeout(timer); res(Number(line.trim())); return; }
                if (line.trim()) logs.push(line);
            }
        });
        child.on("exit", (code) => {
            clearTimeout(timer);
            // The pack's own error, not the last (colour-coded) stack frame Node printed under it.
            const why = loadErrorOf(stderr) ?? `exit code ${code}`;
            rej(new EngineInputError(`policy pack ${dir} failed to start: ${why}`));
        });
    });
    // A stack of tens of thousands of resources makes messages far above grpc-js's 4 MiB default; the engine's own
    // client has no such limit in practice, so neither does ours.
    const client = new agrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": -1, "grpc.max_send_message_length": -1,
    });
    return {
        dir: packDir, child, client,
        info: { dir: packDir, name: "", version: "", policies: [] },
        stop: () => { client.close(); child.kill("SIGKILL"); },
    };
}

export function policyInfo(p: analyzerpbTypes.PolicyInfo): PolicyInfo {
    const fw = p.getFramework();
    const schema = p.getConfigschema();
    return {
        name: p.getName(), description: p.getDescription(),
        enforcementLevel: ENFORCEMENT[p.getEnforcementlevel()] ?? "advisory",
        severity: ["", "low", "medium", "high", "critical"][p.getSeverity()] ?? "",
        policyType: p.getPolicyType() === 1 ? "resource" : p.getPolicyType() === 2 ? "stack" : "unknown",
        tags: p.getTagsList(), remediationSteps: p.getRemediationSteps(), url: p.getUrl(),
        ...(fw ? { framework: { name: fw.getName(), version: fw.getVersion(), reference: fw.getReference(), specification: fw.getSpecification() } } : {}),
        ...(schema ? { configSchema: { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>, required: schema.getRequiredList() } } : {}),
    };
}

export function resourceOptions(r: RecordedResource): analyzerpbTypes.AnalyzerResourceOptions {
    const o = new apb.AnalyzerResourceOptions();
    o.setProtect(r.options.protect);
    o.setIgnorechangesList(r.options.ignoreChanges);
    o.setDeletebeforereplace(r.options.deleteBeforeReplace);
    o.setDeletebeforereplacedefined(r.options.deleteBeforeReplaceDefined);
    o.setAdditionalsecretoutputsList(r.options.additionalSecretOutputs);
    o.setAliasesList(r.options.aliases);
    if (r.options.customTimeouts) {
        const t = new apb.AnalyzerResourceOptions.CustomTimeouts();
        // Seconds, as the engine holds them (parsed from Go durations when the resource registered).
        t.setCreate(r.options.customTimeouts.create);
        t.setUpdate(r.options.customTimeouts.update);
        t.setDelete(r.options.customTimeouts.delete);
        if (r.options.customTimeouts.read !== undefined) t.setRead(r.options.customTimeouts.read);
        o.setCustomtimeouts(t);
    }
    o.setParent(r.parent);
    return o;
}

export function providerOf(r: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>): analyzerpbTypes.AnalyzerProviderResource | undefined {
    if (!r.provider) return undefined;
    const urn = r.provider.split("::").slice(0, -1).join("::");
    const p = byUrn.get(urn);
    if (!p) return undefined;
    const pr = new apb.AnalyzerProviderResource();
    pr.setType(p.type);
    pr.setProperties(spb.Struct.fromJavaScript(p.inputs));
    pr.setUrn(p.urn);
    pr.setName(p.name);
    return pr;
}

export function analyzeRequest(r: RecordedResource, props: Record<string, unknown>, byUrn: ReadonlyMap<string, RecordedResource>): analyzerpbTypes.AnalyzeRequest {
    const req = new apb.AnalyzeRequest();
    req.setType(r.type);
    req.setProperties(spb.Struct.fromJavaScript(props));
    req.setUrn(r.urn);
    req.setName(r.name);
    req.setOptions(resourceOptions(r));
    const p = providerOf(r, byUrn);
    if (p) req.setProvider(p);
    return req;
}

/** One AnalyzeStack entry: final outputs with parent, dependencies and the non-empty propertyDependencies. */
export function analyzerResource(r: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>): analyzerpbTypes.AnalyzerResource {
    const a = new apb.AnalyzerResource();
    a.setType(r.type);
    a.setProperties(spb.Struct.fromJavaScript(r.outputs ?? {}));
    a.setUrn(r.urn);
    a.setName(r.name);
    a.setOptions(resourceOptions(r));
    const p = providerOf(r, byUrn);
    if (p) a.setProvider(p);
    a.setParent(r.parent);
    a.setDependenciesList(r.dependencies);
    const pd = a.getPropertydependenciesMap();
    for (const [k, urns] of Object.entries(r.propertyDependencies)) {
        if (urns.length === 0) continue;
        const deps = new apb.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        pd.set(k, deps);
    }
    return a;
}

/** AnalyzeStack's request as a message (small stacks, tests). */
export function analyzeStackRequest(run: ProgramRun, byUrn: ReadonlyMap<string, RecordedResource>): analyzerpbTypes.AnalyzeStackRequest {
    const stackReq = new apb.AnalyzeStackRequest();
    stackReq.setResourcesList(run.resources.map((r) => analyzerResource(r, byUrn)));
    return stackReq;
}

function varint(n: number): number[] {
    const out: number[] = [];
    while (n > 0x7f) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128); }
    out.push(n);
    return out;
}

/**
 * AnalyzeStack's request encoded one resource at a time: the same bytes as analyzeStackRequest(...).serializeBinary()
 * (field 1, repeated AnalyzerResource), without holding every resource's message and google-protobuf's writer for
 * the whole stack at once (on a 29,000-resource preview that writer alone took ~400 MiB).
 */
export function analyzeStackRequestBytes(run: ProgramRun, byUrn: ReadonlyMap<string, RecordedResource>): Buffer {
    const parts: Buffer[] = [];
    for (const r of run.resources) {
        const bytes = analyzerResource(r, byUrn).serializeBinary();
        parts.push(Buffer.from([0x0a, ...varint(bytes.length)]), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
    return Buffer.concat(parts);
}

/** AnalyzeStack with a request already encoded by analyzeStackRequestBytes. */
export function analyzeStackRaw(client: Client, request: Buffer, deadline = Date.now() + DEFAULT_CALL_DEADLINE_MS): Promise<analyzerpbTypes.AnalyzeResponse> {
    return new Promise((res, rej) => {
        client.makeUnaryRequest("/pulumirpc.Analyzer/AnalyzeStack", (b: Buffer) => b,
            (b: Buffer) => apb.AnalyzeResponse.deserializeBinary(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
            request, { deadline }, (e, v) => (e ? rej(e) : res(v!)));
    });
}

const DEFERRAL = /^can't run policy '([^']+)' from policy pack '([^']+)' during preview: /;

function toDiagnostic(d: analyzerpbTypes.AnalyzeDiagnostic, fallbackUrn: string, phase: Diagnostic["phase"]): Diagnostic {
    const level = ENFORCEMENT[d.getEnforcementlevel()] ?? "advisory";
    return {
        policyPack: d.getPolicypackname(), policyPackVersion: d.getPolicypackversion(), policy: d.getPolicyname(),
        // The engine reports REMEDIATE as MANDATORY when a violation remains.
        enforcementLevel: level === "remediate" ? "mandatory" : level,
        urn: d.getUrn() || fallbackUrn, message: d.getMessage(), description: d.getDescription(),
        severity: ["", "low", "medium", "high", "critical"][d.getSeverity()] ?? "", phase,
    };
}

/**
 * The engine's start of a policy pack session: Handshake (UNIMPLEMENTED tolerated), ConfigureStack, GetAnalyzerInfo,
 * and Configure with every policy's level: its default, then the pack's initial config, then the user's config file.
 */
export async function configurePack(pack: RunningPack, engineAddress: string, run: ProgramRun, opts: AnalyzeOptions,
    count: (method: string) => void = () => undefined): Promise<PackInfo> {
    const tolerate = (e: grpcTypes.ServiceError) => {
        if (e.code !== grpc.status.UNIMPLEMENTED) throw e;
    };
    const hs = new apb.AnalyzerHandshakeRequest();
    hs.setEngineAddress(engineAddress);
    hs.setRootDirectory(pack.dir);
    hs.setProgramDirectory(pack.dir);
    count("Handshake");
    await unary(pack.client, "handshake", hs).catch(tolerate);
    const cs = new apb.AnalyzerStackConfigureRequest();
    cs.setStack(run.stack);
    cs.setProject(run.project);
    cs.setOrganization(run.organization);
    cs.setDryRun(run.mode === "preview");
    for (const [k, v] of Object.entries(run.config)) cs.getConfigMap().set(k, typeof v === "string" ? v : JSON.stringify(v));
    cs.setConfigSecretKeysList([...(opts.configSecretKeys ?? [])]);
    for (const [k, v] of Object.entries(opts.stackTags ?? {})) cs.getTagsMap().set(k, v);
    count("ConfigureStack");
    await unary(pack.client, "configureStack", cs).catch(tolerate);
    count("GetAnalyzerInfo");
    const info = await unary<analyzerpbTypes.AnalyzerInfo>(pack.client, "getAnalyzerInfo", new epb.Empty());
    const packInfo: PackInfo = { dir: pack.dir, name: info.getName(), version: info.getVersion(), policies: info.getPoliciesList().map(policyInfo) };
    // The CLI's reconciliation (config.go): each policy's own level and schema defaults, then the pack's initial
    // config, then the user's file; validated against each policy's schema; unknown names and `all` sent as given.
    const initial = new Map<string, PolicyConfig>();
    info.getInitialconfigMap().forEach((pc, name) => {
        initial.set(name, { enforcementLevel: fromProtoEnforcementLevel(pc.getEnforcementlevel()), properties: (pc.getProperties()?.toJavaScript() as Record<string, unknown>) ?? {} });
    });
    const configured = configurePolicyPack({ name: packInfo.name, version: packInfo.version, path: pack.dir }, packInfo.policies, initial, opts.packConfig?.[pack.dir]);
    const conf = new apb.ConfigureAnalyzerRequest();
    const policyNames = new Set(packInfo.policies.map((p) => p.name));
    for (const [name, c] of configured) {
        const pc = new apb.PolicyConfig();
        if (c.enforcementLevel === "remediate" && policyNames.has(name)) pack.remediates = true;
        pc.setEnforcementlevel(ENFORCEMENT.indexOf(c.enforcementLevel) as analyzerpbTypes.EnforcementLevel);
        pc.setProperties(spb.Struct.fromJavaScript(c.properties as Record<string, import("google-protobuf/google/protobuf/struct_pb").JavaScriptValue>));
        conf.getPolicyconfigMap().set(name, pc);
    }
    // No Configure call for an empty config (analyzer_plugin.go Configure).
    if (info.getSupportsconfig() && configured.size > 0) {
        count("Configure");
        await unary(pack.client, "configure", conf);
    }
    return packInfo;
}

export interface SessionMeta {
    project: string;
    stack: string;
    organization: string;
    mode: ProgramRun["mode"];
    /** Stack config, decrypted, as the engine gives packs (pkg/engine/update.go). */
    config: Record<string, unknown>;
    /** The keys of `config` that are secret. @default - none */
    secretKeys?: readonly string[];
}

/** The call deadline when none is given: a pack that does not answer one call within it is an error. */
export const DEFAULT_CALL_DEADLINE_MS = 120_000;

/**
 * One `pulumi preview --policy-pack` session with every pack: started before the program runs, consulted for each
 * resource as the step generator consults analyzers (step_generator.go continueStepsFromImport: remediations pack by
 * pack, their properties replacing the inputs, then Analyze with every pack in parallel), and for the whole stack at
 * the end (AnalyzeResources). Diagnostics are kept in registration order whatever order the answers arrive in.
 *
 * One difference in calls, none in verdicts: the engine calls GetAnalyzerInfo and Remediate for every resource and
 * pack; here they are made only for packs with at least one policy at level `remediate`, because @pulumi/policy's
 * Remediate runs remediate-level policies only (server.ts makeRemediateRpcFun) and GetAnalyzerInfo's reply is used
 * only for a summary event. Both cost the pack more than Analyze itself (docs/performance.md).
 */
export class PolicySession {
    private readonly logs: string[] = [];
    private readonly calls: Record<string, number> = {};
    private readonly found: { order: number; d: Diagnostic }[] = [];
    private packs: RunningPack[] = [];
    private engine: { address: string; stop(): void } | undefined;
    private order = new Map<string, number>();
    private readonly ready: Promise<void>;
    private secretKeys: readonly string[] = [];
    private failure: Error | undefined;

    private constructor(private readonly packDirs: string[], private readonly meta: SessionMeta, private readonly opts: AnalyzeOptions) {
        this.ready = this.start();
        // A pack that fails to start is reported when the session is next used; never an unhandled rejection.
        this.ready.catch((e: Error) => { this.failure ??= e; });
    }

    /** Starts every pack (concurrently, like the engine's plugin host) and configures it. */
    static open(packDirs: string[], meta: SessionMeta, opts: AnalyzeOptions = {}): PolicySession {
        return new PolicySession(packDirs, meta, opts);
    }

    private count(m: string): void {
        this.calls[m] = (this.calls[m] ?? 0) + 1;
    }

    private get deadline(): number {
        return Date.now() + (this.opts.callDeadlineMs ?? DEFAULT_CALL_DEADLINE_MS);
    }

    private async start(): Promise<void> {
        this.engine = await startEngineServer(this.logs);
        const m = this.meta;
        const env = {
            PULUMI_NODEJS_PROJECT: m.project, PULUMI_NODEJS_STACK: m.stack, PULUMI_NODEJS_ORGANIZATION: m.organization,
            PULUMI_NODEJS_DRY_RUN: String(m.mode === "preview"),
            // The engine sets the language-neutral names too (analyzer_plugin.go constructEnv).
            PULUMI_ORGANIZATION: m.organization, PULUMI_PROJECT: m.project, PULUMI_STACK: m.stack,
            PULUMI_DRY_RUN: String(m.mode === "preview"),
            PULUMI_CONFIG: JSON.stringify(Object.fromEntries(Object.entries(m.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]))),
        };
        const started = await Promise.allSettled(this.packDirs.map((d) => startPack(d, this.engine!.address, env, this.logs)));
        for (const s of started) if (s.status === "fulfilled") this.packs.push(s.value);
        const failed = started.find((s) => s.status === "rejected") as PromiseRejectedResult | undefined;
        if (failed) throw failed.reason;
        const run = { project: m.project, stack: m.stack, organization: m.organization, mode: m.mode, config: m.config } as ProgramRun;
        this.secretKeys = m.secretKeys ?? [];
        for (const pack of this.packs) pack.info = await configurePack(pack, this.engine.address, run, { ...this.opts, configSecretKeys: this.secretKeys }, (c) => this.count(c));
    }

    /** Waits for the packs; rejects with the reason one of them could not start. */
    async whenReady(): Promise<void> {
        await this.ready;
    }

    private take(d: Diagnostic, order: number): void {
        this.found.push({ order, d });
    }

    private orderOf(urn: string): number {
        let o = this.order.get(urn);
        if (o === undefined) {
            o = this.order.size;
            this.order.set(urn, o);
        }
        return o;
    }

    private callError(pack: RunningPack, method: string, subject: string, e: grpcTypes.ServiceError): Error {
        if (e.code === grpc.status.DEADLINE_EXCEEDED) {
            return new Error(`policy pack ${pack.info.name || pack.dir} did not answer ${method} for ${subject} within ${(this.opts.callDeadlineMs ?? DEFAULT_CALL_DEADLINE_MS) / 1000} s`);
        }
        return new Error(`failed to run policy: ${oneLineError(e.details || e.message)} (pack ${pack.info.name}, ${method} ${subject})`);
    }

    /**
     * Remediate and Analyze one resource, with its provider's record. Returns the remediated inputs when a
     * remediation changed them (the engine then uses them for everything that follows), else undefined.
     */
    async analyze(r: RecordedResource, provider: RecordedResource | undefined, remediateInputs?: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
        await this.ready;
        const order = this.orderOf(r.urn);
        const lookup = new Map(provider ? [[provider.urn, provider]] : []);
        // Remediate is sent the internal keys too (analyzer_plugin.go Remediate: SkipInternalKeys false), Analyze not.
        let req = analyzeRequest(r, remediateInputs ?? r.inputs, lookup);
        let remediated: Record<string, unknown> | undefined;
        for (const pack of this.opts.remediate === false ? [] : this.packs) {
            if (!pack.remediates) continue;
            this.count("GetAnalyzerInfo");
            await refreshAnalyzerInfo(pack.client);
            this.count("Remediate");
            const resp = await new Promise<analyzerpbTypes.RemediateResponse | undefined>((res, rej) => {
                pack.client.remediate(req, new grpc.Metadata(), { deadline: this.deadline }, (e, v) => {
                    if (e && e.code === grpc.status.UNIMPLEMENTED) res(undefined);
                    else if (e) rej(this.callError(pack, "Remediate", r.urn, e));
                    else res(v);
                });
            });
            for (const rem of resp?.getRemediationsList() ?? []) {
                if (rem.getDiagnostic()) {
                    this.take({ policyPack: rem.getPolicypackname(), policyPackVersion: rem.getPolicypackversion(), policy: rem.getPolicyname(),
                        enforcementLevel: "advisory", urn: r.urn, message: rem.getDiagnostic(), description: rem.getDescription(), severity: "", phase: "remediate" }, order);
                } else if (rem.getProperties()) {
                    remediated = rem.getProperties()!.toJavaScript() as Record<string, unknown>;
                    req = analyzeRequest(r, remediated, lookup);
                }
            }
        }
        // Analyze gets the (possibly remediated) inputs without internal keys (analyzer_plugin.go Analyze).
        if (remediated || remediateInputs) req = analyzeRequest(r, remediated ? withoutInternalKeys(remediated) : r.inputs, lookup);
        if (this.opts.analyzeResource && !this.opts.analyzeResource(r)) return remediated;
        const responses = await Promise.all(this.packs.map((pack) => {
            this.count("Analyze");
            return new Promise<analyzerpbTypes.AnalyzeResponse>((res, rej) => {
                pack.client.analyze(req, new grpc.Metadata(), { deadline: this.deadline }, (e, v) => (e ? rej(this.callError(pack, "Analyze", r.urn, e)) : res(v)));
            });
        }));
        // A resource policy's diagnostic belongs to the resource analysed, whatever URN the policy named
        // (analyze_snapshot.go analyzeResource reports every diagnostic with r.URN).
        for (const resp of responses) for (const d of resp.getDiagnosticsList()) this.take({ ...toDiagnostic(d, r.urn, "analyze"), urn: r.urn }, order);
        return remediated;
    }

    /** AnalyzeStack with every resource's final outputs, parents, dependencies and non-empty propertyDependencies. */
    async analyzeStack(run: ProgramRun): Promise<void> {
        await this.ready;
        const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
        const stackUrn = run.resources.find((r) => r.type === ROOT_STACK_TYPE)?.urn ?? `urn:pulumi:${run.stack}::${run.project}::${ROOT_STACK_TYPE}::${run.project}-${run.stack}`;
        const request = analyzeStackRequestBytes(run, byUrn);
        const responses = await Promise.all(this.packs.map((pack) => {
            this.count("AnalyzeStack");
            return analyzeStackRaw(pack.client, request, this.deadline).catch((e: grpcTypes.ServiceError) => {
                if (e.code === grpc.status.UNIMPLEMENTED) return undefined;
                throw this.callError(pack, "AnalyzeStack", "the stack", e);
            });
        }));
        for (const resp of responses) {
            for (const d of resp?.getDiagnosticsList() ?? []) {
                const diag = toDiagnostic(d, stackUrn, "stack");
                // A stack violation naming a URN outside the stack is attributed to the root Stack, as the engine does.
                if (!byUrn.has(diag.urn)) diag.urn = stackUrn;
                this.take(diag, Number.MAX_SAFE_INTEGER);
            }
        }
    }

    /** Everything found so far, in registration order (stack diagnostics last). */
    result(): AnalysisResult {
        const sorted = [...this.found].sort((a, b) => a.order - b.order).map((x) => x.d);
        return {
            packs: this.packs.map((p) => p.info),
            violations: sorted.filter((d) => !(d.enforcementLevel === "advisory" && DEFERRAL.test(d.message))),
            deferred: sorted.filter((d) => d.enforcementLevel === "advisory" && DEFERRAL.test(d.message)),
            logs: this.logs, calls: { ...this.calls },
        };
    }

    close(): void {
        for (const p of this.packs) p.stop();
        this.engine?.stop();
    }
}

function withoutInternalKeys(props: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith("__")));
}

/** The whole analysis of one recorded program run against the given packs (a review of a recorded preview). */
export async function analyzeRun(run: ProgramRun, packDirs: string[], opts: AnalyzeOptions = {}): Promise<AnalysisResult> {
    const session = PolicySession.open(packDirs, run, opts);
    try {
        await session.whenReady();
        const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
        for (const r of run.resources) {
            const provider = r.provider ? byUrn.get(r.provider.split("::").slice(0, -1).join("::")) : undefined;
            await session.analyze(r, provider);
        }
        await session.analyzeStack(run);
        return session.result();
    } finally {
        session.close();
    }
}
