/**
 * The Node.js dynamic provider, run for real. Its plugin (`pulumi-resource-pulumi-nodejs`) is code inside the SDK
 * (`@pulumi/pulumi/cmd/dynamic-provider`), so unlike every other provider the offline engine need not emulate it: this
 * class starts it, dials it, and makes the calls `pulumi preview` makes for the default `pulumi-nodejs` provider and
 * its resources, with the engine's marshalling. Followed, at pulumi/pulumi v3.248.0:
 *
 * - start: sdk/nodejs/dist/pulumi-resource-pulumi-nodejs (the script the CLI runs: the language host is not involved),
 *   sdk/go/common/resource/plugin/plugin.go (ExecPlugin, newPlugin, parsePort, dialPlugin, Kill),
 *   provider_plugin.go NewProvider and handshake, pkg/host/host.go Provider (PULUMI_CONFIG, GetPluginInfo);
 * - configure: pkg/resource/deploy/providers/registry.go Check (CheckConfig) and Create (Configure), and
 *   provider_plugin.go CheckConfig and Configure;
 * - check: provider_plugin.go Check (and annotateSecrets) for a provider that answered acceptSecrets=false.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import type * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import { emptyproto, grpc, provproto, structproto } from "../proto";
import { UNKNOWN } from "../constants";
import { parseUrn } from "../urn";
import {
    OutputValue, Secret, containsUnknowns, downgradeProperties, isPlainObject, marshalProperties, unmarshalProperties,
} from "../properties";
import type { MarshalOptions, PropertyMap, PropertyValue, Wire } from "../properties";
import { track } from "../children";

type Unary<Req, Res> = (req: Req, opts: grpcTypes.CallOptions, cb: (e: grpcTypes.ServiceError | null, r: Res) => void) => void;
interface ProviderClient extends grpcTypes.Client {
    handshake: Unary<providerPb.ProviderHandshakeRequest, providerPb.ProviderHandshakeResponse>;
    getPluginInfo: Unary<unknown, pluginPb.PluginInfo>;
    checkConfig: Unary<providerPb.CheckRequest, providerPb.CheckResponse>;
    configure: Unary<providerPb.ConfigureRequest, providerPb.ConfigureResponse>;
    check: Unary<providerPb.CheckRequest, providerPb.CheckResponse>;
}
// The client stub from the same SDK copy as engine/proto.ts's message classes (provider_grpc_pb requires them).
const provgrpc = createRequire(require.resolve("@pulumi/pulumi/package.json"))("./proto/provider_grpc_pb") as {
    ResourceProviderClient: new (address: string, creds: grpcTypes.ChannelCredentials, options?: object) => ProviderClient;
};

const PACKAGE = "pulumi-nodejs";
const PROVIDER_TYPE = `pulumi:providers:${PACKAGE}`;
/** What the CLI calls the plugin in its messages. */
const BIN = "pulumi-resource-pulumi-nodejs";
/** plugin.go pluginRPCConnectionTimeout. */
const CONNECT_TIMEOUT_MS = 10_000;
/** plugin.go Kill: SIGINT first, then this long before SIGKILL. */
const KILL_GRACE_MS = 5_000;
/** rpcutil maxRPCMessageSize: the CLI's client accepts messages up to 400 MB. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

export interface DynamicProviderOptions {
    /** The folder the program runs from: the plugin's working directory, where its entry point is resolved. */
    programDir: string;
    /** The engine's gRPC address, the plugin's one argument (it refuses to start without it, but never dials it). */
    engineAddress: string;
    project: string;
    stack: string;
    /** True for a preview: unknowns reach the provider and the provider's ID is unknown. */
    dryRun: boolean;
    /** Pulumi.yaml `runtime.options`, which reach the plugin as `PULUMI_RUNTIME_<NAME>`. @default - none */
    runtimeOptions?: Record<string, unknown>;
    /** Stack config (`ns:key` -> plaintext); its `pulumi-nodejs:` keys become the plugin's PULUMI_CONFIG. @default - none */
    config?: Record<string, string>;
    /** @default process.env */
    env?: NodeJS.ProcessEnv;
    /** Deadline for start-up and for each call. @default 60 s */
    timeoutMs?: number;
    /** Deadline for start-up alone (a tight call deadline must not fail a start on a busy machine). @default timeoutMs */
    startTimeoutMs?: number;
    /** What the plugin writes, a line at a time, but for its port line (the CLI shows a dynamic provider's output). @default - dropped */
    onOutput?: (stream: "stdout" | "stderr", line: string) => void;
}

export interface CheckFailure { property: string; reason: string }
export interface CheckResult {
    /** Checked inputs as the engine holds them (wire form): unknowns as sentinels, secrets as signature objects. */
    inputs: Record<string, Wire>;
    failures: CheckFailure[];
}

/** What the plugin accepts, from Handshake or, when it has none (this one), from Configure. */
interface Protocol { acceptSecrets: boolean; acceptResources: boolean }

/** encoding/json Marshal of a plain value: sorted keys, and <, >, &, U+2028 and U+2029 escaped as Go escapes them. */
export function goJson(v: unknown): string {
    const sorted = (x: unknown): unknown => Array.isArray(x) ? x.map(sorted)
        : x !== null && typeof x === "object" ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])]))
            : x;
    return JSON.stringify(sorted(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The plugin's environment: NewProvider's option store, overriding the CLI's own (ExecPlugin appends it last). */
export function pluginEnvironment(o: Pick<DynamicProviderOptions, "project" | "runtimeOptions" | "config" | "env">): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.env ?? process.env)) if (v !== undefined) env[k] = v;
    // Go formats these with %v; Node's runtime options are strings and booleans, which print the same.
    for (const [k, v] of Object.entries(o.runtimeOptions ?? {})) env[`PULUMI_RUNTIME_${k.toUpperCase()}`] = typeof v === "object" ? JSON.stringify(v) : String(v);
    if (o.project) {
        env.PULUMI_NODEJS_PROJECT = o.project;
        env.PULUMI_PROJECT = o.project;
    }
    // host.go Provider: the config keys in the plugin's own namespace, by bare name.
    const own: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.config ?? {})) if (k.startsWith(`${PACKAGE}:`)) own[k.slice(PACKAGE.length + 1)] = v;
    env.PULUMI_CONFIG = goJson(own);
    return env;
}

/** Target.GetPackageConfig for a dynamic provider: every key, namespace kept, secret where the stack says so. */
export function defaultProviderInputs(config: Record<string, string>, secretKeys: readonly string[]): PropertyMap {
    const inputs: PropertyMap = {};
    for (const [k, v] of Object.entries(config)) inputs[k] = secretKeys.includes(k) ? new Secret(v) : v;
    return inputs;
}

/** removeSecrets: the plain value under any secrets. */
function plain(v: PropertyValue): unknown {
    if (v instanceof Secret) return plain(v.value);
    if (Array.isArray(v)) return v.map(plain);
    if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, plain(e)]));
    return v;
}

/**
 * Configure's two encodings of the provider's inputs: the deprecated `variables` (`pulumi-nodejs:config:<key>`, plain
 * strings, non-strings as JSON, no `version`) and `args` (secrets and unknowns kept). Undefined when any input but
 * `version` is unknown: the engine then leaves the provider unconfigured.
 */
export function configureFields(inputs: PropertyMap): { variables: Record<string, string>; args: Record<string, Wire> } | undefined {
    const variables: Record<string, string> = {};
    for (const [k, v] of Object.entries(inputs)) {
        if (k === "version") continue;
        if (containsUnknowns(v)) return undefined;
        const p = plain(v);
        variables[`${PACKAGE}:config:${k}`] = typeof p === "string" ? p : goJson(p);
    }
    return { variables, args: marshalProperties(inputs, { keepUnknowns: true, keepSecrets: true, keepResources: true, keepOutputValues: false }) };
}

/** PropertyValue.ContainsSecrets. */
export function containsSecrets(v: PropertyValue): boolean {
    if (v instanceof Secret) return true;
    if (v instanceof OutputValue) return v.secret || (v.known && containsSecrets(v.value ?? null));
    if (Array.isArray(v)) return v.some(containsSecrets);
    if (isPlainObject(v)) return Object.values(v).some(containsSecrets);
    return false;
}

/**
 * annotateSecrets: a provider that cannot take secrets got them as plain values, so any output under the key of an
 * input holding a secret becomes secret again, objects key by key, anything else (arrays too) as a whole.
 */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap): void {
    for (const [k, inValue] of Object.entries(ins)) {
        if (!(k in outs)) continue;
        const outValue = outs[k]!;
        if (isPlainObject(outValue) && isPlainObject(inValue)) annotateSecrets(outValue, inValue);
        else if (!(outValue instanceof Secret) && containsSecrets(inValue)) outs[k] = new Secret(outValue);
    }
}

/** The engine's form of wire properties: special values parsed, output values downgraded (source_eval.go). */
function held(w: Record<string, Wire>): PropertyMap {
    return downgradeProperties(unmarshalProperties(w));
}

function struct(w: Record<string, Wire>): ReturnType<typeof structproto.Struct.fromJavaScript> {
    return structproto.Struct.fromJavaScript(w as Parameters<typeof structproto.Struct.fromJavaScript>[0]);
}

/** A plugin process's output: the port line first, then lines for onOutput; the stderr tail for error messages. */
class PluginOutput {
    private stderrTail: string[] = [];
    private buffers = { stdout: "", stderr: "" };
    private port: ((line: string) => void) | undefined;
    constructor(private readonly onOutput: DynamicProviderOptions["onOutput"]) {}

    awaitPort(): Promise<string> {
        return new Promise((resolve) => { this.port = resolve; });
    }

    feed(stream: "stdout" | "stderr", chunk: string): void {
        this.buffers[stream] += chunk;
        let i: number;
        while ((i = this.buffers[stream].indexOf("\n")) >= 0) {
            const line = this.buffers[stream].slice(0, i);
            this.buffers[stream] = this.buffers[stream].slice(i + 1);
            if (stream === "stdout" && this.port) {
                const done = this.port;
                this.port = undefined;
                done(line);
            } else {
                this.emit(stream, line);
            }
        }
    }

    private emit(stream: "stdout" | "stderr", line: string): void {
        if (line.trim() === "") return;
        if (stream === "stderr") this.stderrTail = [...this.stderrTail.slice(-19), line];
        this.onOutput?.(stream, line);
    }

    /** The most telling stderr line: the last `...Error:` line if there is one, else the last line. */
    reason(): string | undefined {
        const lines = this.stderrTail.map((l) => l.trim()).filter((l) => l && !l.startsWith("at "));
        return lines.filter((l) => /^\w*Error\b/.test(l)).pop() ?? lines.pop();
    }
}

function oneLine(s: string): string {
    return s.split("\n").map((l) => l.trim()).filter((l) => l).join(" ");
}

export class DynamicProviderPlugin {
    private configured: Promise<{ known: boolean; protocol: Protocol }> | undefined;
    private stopped = false;

    private constructor(
        private readonly child: ChildProcess,
        private readonly client: ProviderClient,
        private readonly output: PluginOutput,
        private readonly o: DynamicProviderOptions,
        private readonly handshake: Protocol | undefined,
        /** GetPluginInfo: the SDK's version. */
        readonly version: string,
    ) {}

    /**
     * Starts the plugin as the CLI does: `node <@pulumi/pulumi/cmd/dynamic-provider> <engine address>` in the program's
     * folder, reads the port it prints, dials it, then Handshake and GetPluginInfo. Rejects with a one-line Error.
     */
    static async start(o: DynamicProviderOptions): Promise<DynamicProviderPlugin> {
        const timeoutMs = o.timeoutMs ?? 60_000;
        let entry: string;
        try {
            // The script runs `node -e "require.resolve(...)"` in its working directory, the program's folder.
            entry = createRequire(join(o.programDir, "__pulumi_locate__.js")).resolve("@pulumi/pulumi/cmd/dynamic-provider");
        } catch {
            throw new Error(`could not read plugin [${BIN}]: Cannot find module '@pulumi/pulumi/cmd/dynamic-provider' from ${o.programDir}`);
        }
        const output = new PluginOutput(o.onOutput);
        const portLine = output.awaitPort();
        const child = track(spawn(process.execPath, [entry, o.engineAddress], { cwd: o.programDir, env: pluginEnvironment(o), stdio: ["pipe", "pipe", "pipe"] }));
        child.stdout!.setEncoding("utf8").on("data", (d: string) => output.feed("stdout", d));
        child.stderr!.setEncoding("utf8").on("data", (d: string) => output.feed("stderr", d));
        const failed = new Promise<never>((_, reject) => {
            child.on("error", (e) => reject(new Error(`failed to load plugin ${BIN}: ${e.message}`)));
            // "close", not "exit": by then all it wrote to stderr has been read.
            child.on("close", (code, signal) => {
                const why = output.reason();
                reject(new Error(`could not read plugin [${BIN}]: ${signal ? `killed by ${signal}` : `exit status ${code}`}${why ? `: ${why}` : ""}`));
            });
        });
        // Only start-up waits on this; a later exit is reported by the call it breaks.
        failed.catch(() => undefined);
        let timer: NodeJS.Timeout | undefined;
        const late = (what: string, ms: number) => new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`${PACKAGE} (resource) plugin [${BIN}] ${what} within ${Math.round(ms / 1000)} s`)), ms);
        });
        let client: ProviderClient | undefined;
        try {
            const line = await Promise.race([portLine, failed, late("did not print its port", o.startTimeoutMs ?? timeoutMs)]);
            clearTimeout(timer);
            const port = Number(line.trim());
            if (!/^\d+$/.test(line.trim()) || port <= 0 || port > 65535) {
                throw new Error(`${PACKAGE} (resource) plugin [${BIN}] wrote an invalid port to stdout: could not parse port: ${JSON.stringify(line.trim())}`);
            }
            client = new provgrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
                "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
            });
            const ready = new Promise<void>((resolve, reject) => client!.waitForReady(Date.now() + CONNECT_TIMEOUT_MS, (e) => e
                ? reject(new Error(`${PACKAGE} (resource) plugin [${BIN}] did not begin responding to RPC connections`)) : resolve()));
            await Promise.race([ready, failed]);
            const handshake = await Promise.race([DynamicProviderPlugin.handshake(client, o, entry), failed]);
            const info = await Promise.race([unary(client.getPluginInfo.bind(client), new emptyproto.Empty(), timeoutMs), failed])
                .catch((e: grpcTypes.ServiceError) => { throw new Error(`${BIN} GetPluginInfo failed: ${oneLine(e.details ?? e.message)}`); });
            return new DynamicProviderPlugin(child, client, output, o, handshake, info.getVersion());
        } catch (e) {
            clearTimeout(timer);
            client?.close();
            child.kill("SIGKILL");
            throw e;
        }
    }

    /**
     * dialPlugin + handshake: UNAVAILABLE is retried (the connection is not really up yet), UNIMPLEMENTED means the
     * protocol comes from Configure. The directories are the plugin's own folder; the CLI sends the folder of its
     * launcher script, which this provider never reads since it does not implement Handshake.
     */
    private static async handshake(client: ProviderClient, o: DynamicProviderOptions, entry: string): Promise<Protocol | undefined> {
        const req = new provproto.ProviderHandshakeRequest();
        req.setEngineAddress(o.engineAddress);
        req.setRootDirectory(dirname(entry));
        req.setProgramDirectory(dirname(entry));
        req.setConfigureWithUrn(true);
        req.setSupportsViews(true);
        req.setSupportsRefreshBeforeUpdate(true);
        req.setInvokeWithPreview(true);
        const deadline = Date.now() + CONNECT_TIMEOUT_MS;
        for (;;) {
            try {
                const res = await unary(client.handshake.bind(client), req, Math.max(deadline - Date.now(), 1));
                return { acceptSecrets: res.getAcceptSecrets(), acceptResources: res.getAcceptResources() };
            } catch (e) {
                const err = e as grpcTypes.ServiceError;
                if (err.code === grpc.status.UNIMPLEMENTED) return undefined;
                if (err.code === grpc.status.UNAVAILABLE && Date.now() < deadline) {
                    await new Promise((r) => setTimeout(r, 10));
                    continue;
                }
                throw new Error(`failed to handshake with '${BIN}': ${oneLine(err.details ?? err.message)}`, { cause: e });
            }
        }
    }

    /** The plugin's process ID (for logs). */
    get pid(): number | undefined {
        return this.child.pid;
    }

    private get timeoutMs(): number {
        return this.o.timeoutMs ?? 60_000;
    }

    /** A call's error as one line, saying whether the deadline passed or the plugin died. */
    private failure(what: string, e: grpcTypes.ServiceError): Error {
        if (e.code === grpc.status.DEADLINE_EXCEEDED) return new Error(`${what}: no answer from ${BIN} within ${Math.round(this.timeoutMs / 1000)} s`);
        const { exitCode, signalCode } = this.child;
        const why = this.output.reason();
        const died = exitCode !== null || signalCode !== null
            ? ` (${BIN} exited: ${signalCode ? `killed by ${signalCode}` : `exit status ${exitCode}`}${why ? `: ${why}` : ""})` : "";
        return new Error(`${what}: ${oneLine(e.details || e.message)}${died}`);
    }

    /** Configures the default `pulumi-nodejs` provider as the engine does: with the whole stack config, namespaced. */
    configure(config: Record<string, string>, secretKeys: readonly string[]): Promise<void> {
        const urn = `urn:pulumi:${this.o.stack}::${this.o.project}::${PROVIDER_TYPE}::default`;
        return this.configureProvider(urn, marshalProperties(defaultProviderInputs(config, secretKeys), { keepUnknowns: true, keepSecrets: true, keepResources: true, keepOutputValues: false }));
    }

    /**
     * Configures the provider from its inputs as the engine holds them (wire form; e.g. a default provider's recorded
     * inputs after remediation): CheckConfig, then Configure with the provider's ID (unknown in a preview). Once only.
     */
    configureProvider(urn: string, inputs: Record<string, Wire>, id?: string): Promise<void> {
        if (this.configured) return Promise.reject(new Error(`${BIN} is already configured`));
        this.configured = this.doConfigure(urn, inputs, id);
        return this.configured.then(() => undefined);
    }

    private async doConfigure(urn: string, wire: Record<string, Wire>, id: string | undefined): Promise<{ known: boolean; protocol: Protocol }> {
        const { name, type } = parseUrn(urn);
        const inputs = held(wire);
        // FilterProviderConfig: the engine's own bookkeeping never reaches the plugin.
        delete inputs.__internal;

        // registry.go Check: CheckConfig first; this provider answers UNIMPLEMENTED (INTERNAL in old SDKs), which the
        // engine treats as "the inputs are fine as they are".
        const cc = new provproto.CheckRequest();
        cc.setUrn(urn);
        cc.setName(name);
        cc.setType(type);
        cc.setNews(struct(marshalProperties(inputs, { keepUnknowns: true, keepSecrets: false, keepResources: false, keepOutputValues: false })));
        const implemented = await unary(this.client.checkConfig.bind(this.client), cc, this.timeoutMs).then(() => true, (e: grpcTypes.ServiceError) => {
            if (e.code === grpc.status.UNIMPLEMENTED || e.code === grpc.status.INTERNAL) return false;
            throw this.failure(`${BIN} CheckConfig failed`, e);
        });
        if (implemented) throw new Error(`${BIN} implements CheckConfig, which the offline engine does not model: it cannot give the engine's verdict`);

        const fields = configureFields(inputs);
        if (!fields) return { known: false, protocol: this.handshake ?? { acceptSecrets: false, acceptResources: false } };
        const req = new provproto.ConfigureRequest();
        req.setUrn(urn);
        req.setName(name);
        req.setType(type);
        // registry.go Create: the unknown ID in a preview, a fresh UUID in `up`.
        req.setId(id ?? (this.o.dryRun ? UNKNOWN : randomUUID()));
        req.setAcceptsecrets(true);
        req.setAcceptresources(true);
        req.setSendsOldInputs(true);
        req.setSendsOldInputsToDelete(true);
        const vars = req.getVariablesMap();
        for (const [k, v] of Object.entries(fields.variables)) vars.set(k, v);
        req.setArgs(struct(fields.args));
        const resp = await unary(this.client.configure.bind(this.client), req, this.timeoutMs)
            .catch((e: grpcTypes.ServiceError) => { throw this.failure(`${BIN} Configure failed`, e); });
        return { known: true, protocol: this.handshake ?? { acceptSecrets: resp.getAcceptsecrets(), acceptResources: resp.getAcceptresources() } };
    }

    /**
     * The provider's Check of one resource's inputs (wire form, as the engine holds them, `__provider` included), as
     * the step generator calls it for a new resource: secrets go in as plain values and come back re-marked by key;
     * unknowns go in only in a preview. A provider left unconfigured hands the inputs back unchecked.
     */
    async check(urn: string, news: Record<string, Wire>, olds: Record<string, Wire> = {}): Promise<CheckResult> {
        if (this.stopped) throw new Error(`${BIN} was stopped`);
        if (!this.configured) throw new Error(`${BIN}: configure the provider before Check (the engine configures a provider before its resources)`);
        const { known, protocol } = await this.configured;
        if (!known) return { inputs: news, failures: [] };
        const { name, type } = parseUrn(urn);
        const newsHeld = held(news);
        const send: MarshalOptions = { keepUnknowns: this.o.dryRun, keepSecrets: protocol.acceptSecrets, keepResources: protocol.acceptResources, keepOutputValues: false };
        const req = new provproto.CheckRequest();
        req.setUrn(urn);
        req.setName(name);
        req.setType(type);
        req.setOlds(struct(marshalProperties(held(olds), send)));
        req.setNews(struct(marshalProperties(newsHeld, send)));
        // step_generator.go: 32 fresh random bytes for a resource with no plan.
        req.setRandomseed(randomBytes(32));
        const resp = await unary(this.client.check.bind(this.client), req, this.timeoutMs)
            .catch((e: grpcTypes.ServiceError) => { throw this.failure(`${BIN} Check of ${urn} failed`, e); });

        const inputs = held((resp.getInputs()?.toJavaScript() ?? {}) as Record<string, Wire>);
        if (!this.o.dryRun) {
            // RejectUnknowns outside a preview.
            const k = Object.keys(inputs).find((key) => containsUnknowns(inputs[key]));
            if (k !== undefined) throw new Error(`${BIN} Check of ${urn} failed: unexpected unknown property value for "${k}"`);
        }
        if (!protocol.acceptSecrets) annotateSecrets(inputs, newsHeld);
        return {
            inputs: marshalProperties(inputs, { keepUnknowns: true, keepSecrets: true, keepResources: true, keepOutputValues: false }),
            failures: resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    /** Closes the connection and ends the plugin: SIGINT, then SIGKILL if it is still there after 5 s (plugin.go Kill). */
    async stop(): Promise<void> {
        this.stopped = true;
        this.client.close();
        if (this.child.exitCode !== null || this.child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
        this.child.kill("SIGINT");
        const force = setTimeout(() => this.child.kill("SIGKILL"), KILL_GRACE_MS);
        await exited;
        clearTimeout(force);
    }
}

function unary<Req, Res>(method: Unary<Req, Res>, req: Req, timeoutMs: number): Promise<Res> {
    return new Promise((resolve, reject) => method(req, { deadline: Date.now() + timeoutMs }, (e, r) => (e ? reject(e) : resolve(r))));
}
