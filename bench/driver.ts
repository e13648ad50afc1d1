/**
 * The analyzer protocol as `hardened-stack check` drives it (engine/analyzer.ts analyzeRun: Handshake,
 * ConfigureStack, GetAnalyzerInfo, Configure; per resource GetAnalyzerInfo + Remediate + Analyze; one
 * AnalyzeStack), with a clock on each phase. The pack is started by engine/analyzer.ts's own startPack, so its
 * command line is the engine's. The request builders repeat analyzeRun's because it does not export them: kept
 * field for field the same, so a measured call is the call `check` makes.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerpbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ENFORCEMENT, startPack } from "../engine/analyzer";
import type { Level, PolicyInfo, RunningPack } from "../engine/analyzer";
import type { ProgramRun, RecordedResource } from "../engine";
import { providerUrnOf } from "./replicate";

// The SDK's copy of grpc and the message classes, as engine/analyzer.ts uses, so messages and stubs match.
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = sdkRequire("@grpc/grpc-js") as typeof grpcTypes;
const apb = sdkRequire("./proto/analyzer_pb") as typeof analyzerpbTypes;
const epb = sdkRequire("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };
const spb = sdkRequire("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(o: unknown): Struct } };
const enginegrpc = sdkRequire("./proto/engine_grpc_pb") as { EngineService: grpcTypes.ServiceDefinition };

type Client = analyzerGrpcTypes.AnalyzerClient;

function unary<Resp>(client: Client, method: string, req: unknown): Promise<Resp> {
    return new Promise((res, rej) => {
        (client as unknown as Record<string, (r: unknown, cb: (e: grpcTypes.ServiceError | null, v: Resp) => void) => void>)[method]!(req, (e, v) => (e ? rej(e) : res(v)));
    });
}

function tolerateUnimplemented(e: grpcTypes.ServiceError): undefined {
    if (e.code !== grpc.status.UNIMPLEMENTED) throw e;
    return undefined;
}

/** The engine end packs log to; the benchmark only counts the messages. */
async function startEngineServer(): Promise<{ address: string; logged: () => number; stop(): void }> {
    let logged = 0;
    const unimplemented = (_c: unknown, cb: (e: Error) => void) => cb(Object.assign(new Error("unimplemented"), { code: grpc.status.UNIMPLEMENTED }));
    const server = new grpc.Server();
    server.addService(enginegrpc.EngineService, {
        log: (_call: unknown, cb: (e: null, v: unknown) => void) => { logged++; cb(null, new epb.Empty()); },
        getRootResource: unimplemented, setRootResource: unimplemented, startDebugging: unimplemented,
        requirePulumiVersion: (_c: unknown, cb: (e: null, v: unknown) => void) => cb(null, new epb.Empty()),
    });
    const port = await new Promise<number>((res, rej) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))));
    return { address: `127.0.0.1:${port}`, logged: () => logged, stop: () => server.forceShutdown() };
}

function options(r: RecordedResource): analyzerpbTypes.AnalyzerResourceOptions {
    const o = new apb.AnalyzerResourceOptions();
    o.setProtect(r.options.protect);
    o.setIgnorechangesList(r.options.ignoreChanges);
    o.setDeletebeforereplace(r.options.deleteBeforeReplace);
    o.setDeletebeforereplacedefined(r.options.deleteBeforeReplaceDefined);
    o.setAdditionalsecretoutputsList(r.options.additionalSecretOutputs);
    o.setAliasesList(r.options.aliases);
    if (r.options.customTimeouts) {
        const t = new apb.AnalyzerResourceOptions.CustomTimeouts();
        const secs = (s: string) => (s ? Number.parseFloat(s) * (s.endsWith("h") ? 3600 : s.endsWith("m") ? 60 : 1) : 0);
        t.setCreate(secs(r.options.customTimeouts.create));
        t.setUpdate(secs(r.options.customTimeouts.update));
        t.setDelete(secs(r.options.customTimeouts.delete));
        o.setCustomtimeouts(t);
    }
    o.setParent(r.parent);
    return o;
}

function providerOf(r: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>): analyzerpbTypes.AnalyzerProviderResource | undefined {
    const p = r.provider ? byUrn.get(providerUrnOf(r.provider)) : undefined;
    if (!p) return undefined;
    const pr = new apb.AnalyzerProviderResource();
    pr.setType(p.type);
    pr.setProperties(spb.Struct.fromJavaScript(p.inputs));
    pr.setUrn(p.urn);
    pr.setName(p.name);
    return pr;
}

function analyzeRequest(r: RecordedResource, props: Record<string, unknown>, byUrn: ReadonlyMap<string, RecordedResource>): analyzerpbTypes.AnalyzeRequest {
    const req = new apb.AnalyzeRequest();
    req.setType(r.type);
    req.setProperties(spb.Struct.fromJavaScript(props));
    req.setUrn(r.urn);
    req.setName(r.name);
    req.setOptions(options(r));
    const p = providerOf(r, byUrn);
    if (p) req.setProvider(p);
    return req;
}

function stackRequest(run: ProgramRun, byUrn: ReadonlyMap<string, RecordedResource>): analyzerpbTypes.AnalyzeStackRequest {
    const req = new apb.AnalyzeStackRequest();
    req.setResourcesList(run.resources.map((r) => {
        const a = new apb.AnalyzerResource();
        a.setType(r.type);
        a.setProperties(spb.Struct.fromJavaScript(r.outputs ?? {}));
        a.setUrn(r.urn);
        a.setName(r.name);
        a.setOptions(options(r));
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
    }));
    return req;
}

/** Peak resident memory (VmHWM) of a live process in MiB, from /proc; NaN where /proc is not there. */
export function peakRssMb(pid: number): number {
    try {
        const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        return m ? Number(m[1]) / 1024 : Number.NaN;
    } catch {
        return Number.NaN;
    }
}

export interface PackDescription {
    name: string;
    version: string;
    policies: BenchPolicyInfo[];
}

export interface TimedAnalysis {
    pack: PackDescription;
    /** Start of the pack process to its port on stdout, seconds. */
    readySeconds: number;
    /** Each Analyze round trip, milliseconds, in registration order. */
    analyzeMs: number[];
    /** The whole per-resource phase (GetAnalyzerInfo + Remediate + Analyze per resource, requests built), seconds. */
    resourcePhaseSeconds: number;
    /** The AnalyzeStack round trip, seconds (the request is built before the clock starts). */
    stackSeconds: number;
    /** Building the AnalyzeStack request on the engine side, seconds. */
    stackRequestSeconds: number;
    packPeakMb: number;
    /** Diagnostics the pack returned (violations and deferrals): a no-op pack returns none. */
    diagnostics: number;
    calls: Record<string, number>;
}

const seconds = (startNs: bigint) => Number(process.hrtime.bigint() - startNs) / 1e9;

/** Writes a V8 CPU profile of the pack (bench/profile-preload.js) into this folder. */
export interface ProfileOptions {
    profileDir?: string;
}

function profileEnv(dir: string): Record<string, string> {
    const preload = resolve(__dirname, "profile-preload.js");
    return { HARDENED_BENCH_PROFILE_DIR: resolve(dir), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${preload}`.trim() };
}

/** Ends a profiled pack normally so that its profile is written; gives up after 30 s. */
function endProfiled(pack: RunningPack): Promise<void> {
    return new Promise((res) => {
        const timer = setTimeout(res, 30000);
        pack.child.once("exit", () => { clearTimeout(timer); res(); });
        pack.child.kill("SIGUSR2");
    });
}

/** Starts the pack as the engine does and times the protocol exchange of one preview of `run`. */
export async function timedAnalysis(run: ProgramRun, packDir: string, profile: ProfileOptions = {}): Promise<TimedAnalysis> {
    const engine = await startEngineServer();
    const env = {
        ...(profile.profileDir ? profileEnv(profile.profileDir) : {}),
        PULUMI_NODEJS_PROJECT: run.project, PULUMI_NODEJS_STACK: run.stack, PULUMI_NODEJS_ORGANIZATION: run.organization,
        PULUMI_NODEJS_DRY_RUN: String(run.mode === "preview"),
        PULUMI_CONFIG: JSON.stringify(Object.fromEntries(Object.entries(run.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]))),
    };
    const calls: Record<string, number> = {};
    const count = (m: string) => { calls[m] = (calls[m] ?? 0) + 1; };
    const startedAt = process.hrtime.bigint();
    let pack: RunningPack | undefined;
    try {
        pack = await startPack(packDir, engine.address, env, []);
        const readySeconds = seconds(startedAt);
        const client = pack.client;

        const hs = new apb.AnalyzerHandshakeRequest();
        hs.setEngineAddress(engine.address);
        hs.setRootDirectory(pack.dir);
        hs.setProgramDirectory(pack.dir);
        count("Handshake");
        await unary(client, "handshake", hs).catch(tolerateUnimplemented);
        const cs = new apb.AnalyzerStackConfigureRequest();
        cs.setStack(run.stack);
        cs.setProject(run.project);
        cs.setOrganization(run.organization);
        cs.setDryRun(run.mode === "preview");
        for (const [k, v] of Object.entries(run.config)) cs.getConfigMap().set(k, typeof v === "string" ? v : JSON.stringify(v));
        count("ConfigureStack");
        await unary(client, "configureStack", cs).catch(tolerateUnimplemented);
        count("GetAnalyzerInfo");
        const info = await unary<analyzerpbTypes.AnalyzerInfo>(client, "getAnalyzerInfo", new epb.Empty());
        const description: PackDescription = { name: info.getName(), version: info.getVersion(), policies: info.getPoliciesList().map(policyInfo) };
        // Every policy at its default level (or the pack's initial config), as `check` without a config file.
        const conf = new apb.ConfigureAnalyzerRequest();
        const initial = info.getInitialconfigMap();
        for (const p of description.policies) {
            const pc = new apb.PolicyConfig();
            const fromInitial = initial.get(p.name);
            const level: Level = fromInitial ? (ENFORCEMENT[fromInitial.getEnforcementlevel()] ?? p.enforcementLevel) : p.enforcementLevel;
            pc.setEnforcementlevel(ENFORCEMENT.indexOf(level) as analyzerpbTypes.EnforcementLevel);
            pc.setProperties(fromInitial?.getProperties() ?? spb.Struct.fromJavaScript({}));
            conf.getPolicyconfigMap().set(p.name, pc);
        }
        count("Configure");
        if (info.getSupportsconfig()) await unary(client, "configure", conf);

        const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
        const analyzeMs: number[] = [];
        let diagnostics = 0;
        const phaseStart = process.hrtime.bigint();
        for (const r of run.resources) {
            let props = r.inputs;
            count("GetAnalyzerInfo");
            await unary(client, "getAnalyzerInfo", new epb.Empty());
            count("Remediate");
            const rem = await unary<analyzerpbTypes.RemediateResponse>(client, "remediate", analyzeRequest(r, props, byUrn)).catch(tolerateUnimplemented);
            for (const x of rem?.getRemediationsList() ?? []) {
                const rp = x.getProperties();
                if (rp) props = rp.toJavaScript() as Record<string, unknown>;
                if (x.getDiagnostic()) diagnostics++;
            }
            const req = analyzeRequest(r, props, byUrn);
            count("Analyze");
            const t = process.hrtime.bigint();
            const resp = await unary<analyzerpbTypes.AnalyzeResponse>(client, "analyze", req);
            analyzeMs.push(Number(process.hrtime.bigint() - t) / 1e6);
            diagnostics += resp.getDiagnosticsList().length;
        }
        const resourcePhaseSeconds = seconds(phaseStart);

        const buildStart = process.hrtime.bigint();
        const stackReq = stackRequest(run, byUrn);
        const stackRequestSeconds = seconds(buildStart);
        count("AnalyzeStack");
        const stackStart = process.hrtime.bigint();
        const stackResp = await unary<analyzerpbTypes.AnalyzeResponse>(client, "analyzeStack", stackReq).catch(tolerateUnimplemented);
        const stackSeconds = seconds(stackStart);
        diagnostics += stackResp?.getDiagnosticsList().length ?? 0;

        // VmHWM is the process's high-water mark: read while the pack still runs, after its last call.
        const packPeakMb = peakRssMb(pack.child.pid!);
        if (profile.profileDir) await endProfiled(pack);
        return { pack: description, readySeconds, analyzeMs, resourcePhaseSeconds, stackSeconds, stackRequestSeconds, packPeakMb, diagnostics, calls };
    } finally {
        pack?.stop();
        engine.stop();
    }
}

/**
 * Starts the pack as the engine's plugin host does and times it to its port (the pack's ready time, seconds); then,
 * off the clock, asks its GetAnalyzerInfo for the name, version and policies.
 */
export async function packReady(packDir: string): Promise<{ seconds: number; pack: PackDescription }> {
    const engine = await startEngineServer();
    try {
        const startedAt = process.hrtime.bigint();
        const pack = await startPack(packDir, engine.address, {}, []);
        const ready = seconds(startedAt);
        try {
            const info = await unary<analyzerpbTypes.AnalyzerInfo>(pack.client, "getAnalyzerInfo", new epb.Empty());
            return { seconds: ready, pack: { name: info.getName(), version: info.getVersion(), policies: info.getPoliciesList().map(policyInfo) } };
        } finally {
            pack.stop();
        }
    } finally {
        engine.stop();
    }
}

/** A policy as GetAnalyzerInfo describes it; configSchema as the JSON schema the pack declared. */
export type BenchPolicyInfo = Omit<PolicyInfo, "configSchema"> & { configSchema?: { properties: Record<string, unknown>; required?: string[] } };

function policyInfo(p: analyzerpbTypes.PolicyInfo): BenchPolicyInfo {
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
