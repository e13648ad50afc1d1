/**
 * Starts the component package as the Pulumi CLI starts a source-based Node.js plugin, and talks to it over gRPC.
 *
 * The Node.js language host runs `node @pulumi/pulumi/cmd/run-plugin <plugin dir> [args]` with
 * PULUMI_NODEJS_TYPESCRIPT=true (sdk/nodejs/cmd/pulumi-language-nodejs/main.go RunPlugin); run-plugin requires the
 * package's main, finds the exported components and serves them with componentProviderHost, which prints its gRPC
 * port on stdout (provider/server.ts main). No engine address is passed: GetSchema needs none.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import type * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";

const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = sdkRequire("@grpc/grpc-js") as typeof grpcTypes;
const provproto = sdkRequire("./proto/provider_pb") as typeof providerPb;
const provgrpc = sdkRequire("./proto/provider_grpc_pb") as typeof providerGrpc;

export interface ComponentPlugin {
    client: providerGrpc.ResourceProviderClient;
    stop(): void;
}

/** Runs the plugin in `dir` and connects; fails with the plugin's stderr if no port appears within `timeoutMs`. */
export function startComponentPlugin(dir: string, timeoutMs: number): Promise<ComponentPlugin> {
    const runPlugin = sdkRequire.resolve("./cmd/run-plugin");
    // Transpile-only: the schema analyzer type-checks the package itself; ts-node doing it again only costs time.
    const child: ChildProcess = spawn(process.execPath, [runPlugin, resolve(dir)], {
        env: { ...process.env, PULUMI_NODEJS_TYPESCRIPT: "true", PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    return new Promise((done, fail) => {
        const timer = setTimeout(() => { child.kill(); fail(new Error(`no port from the plugin after ${timeoutMs} ms: ${stderr}`)); }, timeoutMs);
        child.stderr!.on("data", (d: Buffer) => { stderr += d.toString(); });
        child.on("exit", (code) => { clearTimeout(timer); fail(new Error(`the plugin exited (${code}) before serving: ${stderr}`)); });
        child.stdout!.on("data", (d: Buffer) => {
            stdout += d.toString();
            const port = /^(\d+)\s*$/m.exec(stdout)?.[1];
            if (!port) return;
            clearTimeout(timer);
            child.removeAllListeners("exit");
            const client = new provgrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
            done({ client, stop: () => { client.close(); child.kill(); } });
        });
    });
}

/** The package schema, as the CLI asks for it (`GetSchema`, version 0: the newest). */
export function getSchema(client: providerGrpc.ResourceProviderClient): Promise<string> {
    return new Promise((done, fail) => {
        client.getSchema(new provproto.GetSchemaRequest(), (e, r) => (e ? fail(e) : done(r!.getSchema())));
    });
}
