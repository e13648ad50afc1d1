/**
 * Runs one policy of the pack in-process through @pulumi/policy's real analyzer server functions
 * (makeAnalyzeRpcFun / makeAnalyzeStackRpcFun, what `run-policy-pack` serves over gRPC), with requests built
 * exactly as the engine builds them. Used by the per-policy tests; the full gRPC path is tested in tests/pack/.
 */
import { createRequire } from "node:module";
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

const load = createRequire(require.resolve("@pulumi/policy/package.json"));
const server = load("./server") as {
    makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: Policy[]): RpcFun;
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: Policy[]): RpcFun;
    makeConfigureRpcFun?: unknown;
};
const sdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const analyzerpb = sdk("./proto/analyzer_pb") as Record<string, new () => PbMsg>;
const structpb = sdk("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(o: unknown): unknown } };

type PbMsg = Record<string, (...a: unknown[]) => unknown>;
type RpcFun = (call: { request: unknown }, cb: (err: Error | undefined | null, resp?: PbMsg) => void) => void;

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const PACK = "hardened-kill-chain";

export interface TestResource {
    type: string;
    props: Record<string, unknown>;
    name?: string;
    urn?: string;
    parent?: string;
    provider?: { type: string; urn: string; name: string; props: Record<string, unknown> };
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export interface Verdict {
    /** Messages of violations (the part after the policy description). */
    violations: { urn: string; message: string; level: string }[];
    /** Deferral messages (advisory "can't run policy ... during preview"). */
    deferred: { urn: string; message: string }[];
}

export function urnOf(r: TestResource): string {
    return r.urn ?? `urn:pulumi:dev::test::${r.type}::${r.name ?? "r"}`;
}

function options(parent = ""): PbMsg {
    const o = new analyzerpb.AnalyzerResourceOptions!();
    o.setProtect(false);
    o.setIgnorechangesList([]);
    o.setAliasesList([]);
    o.setAdditionalsecretoutputsList([]);
    o.setParent(parent);
    return o;
}

function providerOf(r: TestResource): PbMsg | undefined {
    if (!r.provider) return undefined;
    const p = new analyzerpb.AnalyzerProviderResource!();
    p.setType(r.provider.type);
    p.setUrn(r.provider.urn);
    p.setName(r.provider.name);
    p.setProperties(structpb.Struct.fromJavaScript(r.provider.props));
    return p;
}

function verdict(policy: Policy, resp: PbMsg): Verdict {
    const out: Verdict = { violations: [], deferred: [] };
    for (const d of resp.getDiagnosticsList!() as PbMsg[]) {
        const message = String(d.getMessage!());
        const urn = String(d.getUrn!());
        const level = ["advisory", "mandatory", "disabled", "remediate"][Number(d.getEnforcementlevel!())]!;
        if (message.startsWith(`can't run policy '${policy.name}'`)) out.deferred.push({ urn, message });
        else out.violations.push({ urn, message: message.slice(policy.description.length + 1), level });
    }
    return out;
}

function call(fn: RpcFun, request: unknown): Promise<PbMsg> {
    return new Promise((resolve, reject) => fn({ request }, (err, resp) => (err ? reject(err) : resolve(resp!))));
}

/** Analyze one resource (its inputs, as the engine sends them) with one resource policy. */
export async function analyze(policy: ResourceValidationPolicy, r: TestResource): Promise<Verdict> {
    const req = new analyzerpb.AnalyzeRequest!();
    req.setType(r.type);
    req.setProperties(structpb.Struct.fromJavaScript(r.props));
    req.setUrn(urnOf(r));
    req.setName(r.name ?? "r");
    req.setOptions(options(r.parent));
    const prov = providerOf(r);
    if (prov) req.setProvider(prov);
    const fn = server.makeAnalyzeRpcFun(PACK, "0.1.0", "mandatory", [policy]);
    return verdict(policy, await call(fn, req));
}

/** AnalyzeStack over the given resources with one stack policy. */
export async function analyzeStack(policy: StackValidationPolicy, resources: TestResource[]): Promise<Verdict> {
    const req = new analyzerpb.AnalyzeStackRequest!();
    req.setResourcesList(resources.map((r) => {
        const a = new analyzerpb.AnalyzerResource!();
        a.setType(r.type);
        a.setProperties(structpb.Struct.fromJavaScript(r.props));
        a.setUrn(urnOf(r));
        a.setName(r.name ?? "r");
        a.setOptions(options(r.parent));
        a.setParent(r.parent ?? "");
        a.setDependenciesList(r.dependencies ?? []);
        const pd = a.getPropertydependenciesMap!() as { set(k: string, v: unknown): void };
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
            if (urns.length === 0) continue; // the engine drops empty entries before AnalyzeStack
            const deps = new analyzerpb.AnalyzerPropertyDependencies!();
            deps.setUrnsList(urns);
            pd.set(k, deps);
        }
        const prov = providerOf(r);
        if (prov) a.setProvider(prov);
        return a;
    }));
    const fn = server.makeAnalyzeStackRpcFun(PACK, "0.1.0", "mandatory", [policy]);
    return verdict(policy, await call(fn, req));
}

/** URNs that violated, for "exactly these resources fail" assertions. */
export function failing(v: Verdict): string[] {
    return [...new Set(v.violations.map((x) => x.urn))].sort();
}
