/**
 * The analyzer protocol as `hardened-stack check` drives it (engine/analyzer.ts PolicySession: Handshake,
 * ConfigureStack, GetAnalyzerInfo, Configure; per resource Analyze, preceded by GetAnalyzerInfo + Remediate when the
 * pack has a policy at level `remediate`; one AnalyzeStack), with a clock on each phase, one resource at a time. The pack is started by engine/analyzer.ts's own startPack and the
 * requests are built by its own builders, so a measured call is the call `check` makes.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerpbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import { analyzeRequest, analyzeStackRaw, configurePack, analyzeStackRequestBytes, policyInfo, refreshAnalyzerInfo, startEngineServer, startPack, unary } from "../engine/analyzer";
import type { PolicyInfo, RunningPack } from "../engine/analyzer";
import type { ProgramRun } from "../engine";

// The SDK's copy of grpc and the message classes, as engine/analyzer.ts uses, so messages and stubs match.
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = sdkRequire("@grpc/grpc-js") as typeof grpcTypes;
const epb = sdkRequire("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };

function tolerateUnimplemented(e: grpcTypes.ServiceError): undefined {
    if (e.code !== grpc.status.UNIMPLEMENTED) throw e;
    return undefined;
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
    const engine = await startEngineServer([]);
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

        const info = await configurePack(pack, engine.address, run, {}, count);
        const description: PackDescription = { name: info.name, version: info.version, policies: info.policies };

        const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
        const analyzeMs: number[] = [];
        let diagnostics = 0;
        const phaseStart = process.hrtime.bigint();
        for (const r of run.resources) {
            let req = analyzeRequest(r, r.inputs, byUrn);
            if (pack.remediates) {
                count("GetAnalyzerInfo");
                await refreshAnalyzerInfo(client);
                count("Remediate");
                const rem = await unary<analyzerpbTypes.RemediateResponse>(client, "remediate", req).catch(tolerateUnimplemented);
                for (const x of rem?.getRemediationsList() ?? []) {
                    const rp = x.getProperties();
                    if (rp) req = analyzeRequest(r, rp.toJavaScript() as Record<string, unknown>, byUrn);
                    if (x.getDiagnostic()) diagnostics++;
                }
            }
            count("Analyze");
            const t = process.hrtime.bigint();
            const resp = await unary<analyzerpbTypes.AnalyzeResponse>(client, "analyze", req);
            analyzeMs.push(Number(process.hrtime.bigint() - t) / 1e6);
            diagnostics += resp.getDiagnosticsList().length;
        }
        const resourcePhaseSeconds = seconds(phaseStart);

        const buildStart = process.hrtime.bigint();
        const stackReq = analyzeStackRequestBytes(run, byUrn);
        const stackRequestSeconds = seconds(buildStart);
        count("AnalyzeStack");
        const stackStart = process.hrtime.bigint();
        const stackResp = await analyzeStackRaw(client, stackReq).catch(tolerateUnimplemented);
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
    const engine = await startEngineServer([]);
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

/** A policy as GetAnalyzerInfo describes it. */
export type BenchPolicyInfo = PolicyInfo;
