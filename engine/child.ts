/**
 * Runs one Pulumi program under the EngineMonitor in a process of its own (the SDK keeps global state, and a
 * program may exit or throw anywhere). Started by runProgram(); answers over the IPC channel with one message.
 */
import { createRequire } from "node:module";
import { EngineMonitor, ProtoModules } from "./monitor";
import { OFFLINE_SECRET_PLACEHOLDER } from "./project";
import { isSecret } from "./constants";
import type { Mode, ProgramRun } from "./record";
import type { WorldFacts } from "./outputs";

export interface ChildRequest {
    program: string;
    projectRoot: string;
    project: string;
    stack: string;
    organization: string;
    mode: Mode;
    config: Record<string, string>;
    rawConfig: Record<string, unknown>;
    secretKeys: string[];
    world: WorldFacts;
}

export type ChildReply = { ok: true; run: ProgramRun } | { ok: false; error: string };

type Loose = Record<string, (...a: unknown[]) => unknown>;

function firstLine(e: unknown): string {
    const msg = e instanceof Error ? e.message : String(e);
    return msg.split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? "unknown error";
}

async function main(req: ChildRequest): Promise<ChildReply> {
    // Use the program's own copy of the SDK, as the language host does.
    const load = createRequire(req.program);
    const sdkRoot = load.resolve("@pulumi/pulumi/package.json").replace(/package\.json$/, "");
    const sdkLoad = createRequire(sdkRoot + "index.js");
    const settings = sdkLoad("./runtime/settings") as Loose;
    const state = sdkLoad("./runtime/state") as { getStore(): Record<string, unknown> };
    const runtimeConfig = sdkLoad("./runtime/config") as Loose;
    const stack = sdkLoad("./runtime/stack") as { runInPulumiStack(fn: () => Promise<unknown>): Promise<unknown> };
    const log = sdkLoad("./log") as { hasErrors(): boolean };
    const structpb = sdkLoad("google-protobuf/google/protobuf/struct_pb") as { Struct: ProtoModules["Struct"] };
    const resproto = sdkLoad("./proto/resource_pb") as Record<string, unknown>;
    const provproto = sdkLoad("./proto/provider_pb") as Record<string, unknown>;
    const proto = {
        Struct: structpb.Struct,
        RegisterResourceResponse: resproto.RegisterResourceResponse,
        ReadResourceResponse: resproto.ReadResourceResponse,
        RegisterPackageResponse: resproto.RegisterPackageResponse,
        InvokeResponse: provproto.InvokeResponse,
    } as ProtoModules;

    process.env.PULUMI_NODEJS_PROJECT = req.project;
    process.env.PULUMI_NODEJS_STACK = req.stack;
    process.env.PULUMI_NODEJS_ORGANIZATION = req.organization;
    process.env.PULUMI_NODEJS_DRY_RUN = String(req.mode === "preview");
    runtimeConfig.setAllConfig(req.config, req.secretKeys);

    const monitor = new EngineMonitor({ project: req.project, stack: req.stack, mode: req.mode, world: req.world,
        config: req.rawConfig, projectRoot: req.projectRoot, proto });
    settings.setMockOptions(monitor, req.project, req.stack, req.mode === "preview", req.organization);
    const store = state.getStore();
    // Feature flags exactly as the monitor answers them (setRootResource re-queries them as the engine would).
    Object.assign(store, { supportsSecrets: true, supportsResourceReferences: true, supportsOutputValues: false,
        supportsDeletedWith: true, supportsReplaceWith: true, supportsAliasSpecs: true, supportsTransforms: false });

    let failure: unknown;
    const onFail = (e: unknown) => { failure ??= e; };
    process.on("unhandledRejection", onFail);
    process.on("uncaughtException", onFail);

    await stack.runInPulumiStack(async () => {
        // The language host's contract: a module, or a function (possibly async) whose result is the stack outputs.
        let mod = load(req.program) as unknown;
        if (mod && typeof mod === "object" && "default" in (mod as object) && typeof (mod as { default: unknown }).default === "function") {
            mod = (mod as { default: unknown }).default;
        }
        if (typeof mod === "function") return await (mod as () => unknown)();
        return mod;
    }).catch(onFail);
    await (settings.waitForRPCs as () => Promise<void>)().catch(onFail);
    if (failure !== undefined) return { ok: false, error: firstLine(failure) };
    if (log.hasErrors()) return { ok: false, error: "the program logged errors (see above)" };

    const maskedConfig: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(req.rawConfig)) maskedConfig[k] = req.secretKeys.includes(k) || v === OFFLINE_SECRET_PLACEHOLDER ? "[secret]" : v;
    const stackOutputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(monitor.stackOutputs)) stackOutputs[k] = isSecret(v) ? "[secret]" : v;
    return {
        ok: true,
        run: { project: req.project, stack: req.stack, organization: req.organization, mode: req.mode,
            resources: monitor.resources, stackOutputs, config: maskedConfig, logs: [] },
    };
}

process.once("message", (req: ChildRequest) => {
    main(req)
        .then((reply) => process.send!(reply, () => process.exit(0)))
        .catch((e) => process.send!({ ok: false, error: firstLine(e) } satisfies ChildReply, () => process.exit(0)));
});
