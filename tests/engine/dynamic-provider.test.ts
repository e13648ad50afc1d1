import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runProgram, UNKNOWN } from "../../engine";
import {
    annotateSecrets, configureFields, DynamicProviderPlugin, goJson, pluginEnvironment,
} from "../../engine/providers/dynamic";
import type { DynamicProviderOptions } from "../../engine/providers/dynamic";
import { SECRET_SIG, SPECIAL_SIG } from "../../engine/constants";
import { Computed, Secret } from "../../engine/properties";
import type { PropertyMap, Wire } from "../../engine/properties";

const PROGRAM = "tests/programs/dynamic-widget.ts";
const WIDGET_URN = "urn:pulumi:dev::hardened-stack::pulumi-nodejs:dynamic:Resource::widget";
const secret = (value: Wire): Wire => ({ [SPECIAL_SIG]: SECRET_SIG, value });

function options(over: Partial<DynamicProviderOptions> = {}): DynamicProviderOptions {
    // The plugin insists on an engine address but never dials it (cmd/dynamic-provider main): any address will do.
    return { programDir: resolve("tests/programs"), engineAddress: "127.0.0.1:1", project: "hardened-stack", stack: "dev", dryRun: true, ...over };
}

/**
 * A program folder whose `@pulumi/pulumi/cmd/dynamic-provider` is a stand-in that reports how it was started, then
 * misbehaves as FAKE_MODE says: "exit" dies before printing a port, anything else prints a line that is not one.
 */
function fakeSdkFolder(): string {
    const dir = mkdtempSync(join(tmpdir(), "fake-sdk-"));
    const sdk = join(dir, "node_modules", "@pulumi", "pulumi");
    mkdirSync(join(sdk, "cmd", "dynamic-provider"), { recursive: true });
    writeFileSync(join(sdk, "package.json"), JSON.stringify({ name: "@pulumi/pulumi", version: "0.0.0" }));
    writeFileSync(join(sdk, "cmd", "dynamic-provider", "index.js"), [
        "console.error(JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), project: process.env.PULUMI_NODEJS_PROJECT, config: process.env.PULUMI_CONFIG }));",
        "if (process.env.FAKE_MODE === 'exit') { console.error('Error: the SDK is broken'); process.exit(3); }",
        "console.log('listening on 1234'); setTimeout(() => {}, 60000);",
    ].join("\n"));
    return dir;
}

/** A provider hand-serialized in the SDK's module shape (`exports.handler` returns the provider). */
function handWritten(body: string): string {
    return `exports.handler = () => (${body});\n`;
}

describe("Node.js dynamic provider plugin: Check as `pulumi preview` calls it", () => {
    let widget: Record<string, Wire>;
    let plugin: DynamicProviderPlugin;
    before(async () => {
        const run = await runProgram({ program: PROGRAM, mode: "preview" });
        const rec = run.resources.find((r) => r.type === "pulumi-nodejs:dynamic:Resource");
        assert.ok(rec, "the program registers its dynamic resource");
        // The record holds what analyzers see, never `__` keys: the SDK's serialized provider comes from the export.
        assert.equal(typeof run.stackOutputs.serializedProvider, "string");
        widget = { ...(rec.inputs as Record<string, Wire>), __provider: run.stackOutputs.serializedProvider as string };
        plugin = await DynamicProviderPlugin.start(options());
        await plugin.configure({ "hardened-stack:greeting": "hello", "aws:region": "eu-west-1" }, ["hardened-stack:greeting"]);
    });
    after(() => plugin?.stop());

    test("the provider's own check runs: the property it adds is in the checked inputs", async () => {
        const { inputs, failures } = await plugin.check(WIDGET_URN, widget);
        assert.equal(inputs.checked, true);
        assert.equal(inputs.size, "small");
        assert.deepEqual(failures, []);
    });

    test("the provider is configured with the whole stack config: another package's key, and a secret one as plain text", async () => {
        const { inputs } = await plugin.check(WIDGET_URN, widget);
        assert.equal(inputs.region, "eu-west-1");
        // `greeting` is read without a namespace: the plugin knows the project from PULUMI_NODEJS_PROJECT.
        assert.equal(inputs.greeting, "hello");
    });

    test("a value the provider rejects is a check failure naming the property", async () => {
        const { failures } = await plugin.check(WIDGET_URN, { ...widget, size: "huge" });
        assert.deepEqual(failures, [{ property: "size", reason: "size must be small or medium" }]);
    });

    test("a secret input reaches the provider as its plain value and comes back secret under its key only", async () => {
        assert.deepEqual(widget.token, secret("s3cr3t"));
        const { inputs } = await plugin.check(WIDGET_URN, widget);
        assert.deepEqual(inputs.token, secret("s3cr3t"));
        // Derived from the plain string, under a new key: not secret, as in the real engine.
        assert.equal(inputs.tokenLength, 6);
    });

    test("an unknown input reaches the provider in a preview and comes back unknown", async () => {
        const { inputs, failures } = await plugin.check(WIDGET_URN, { ...widget, size: UNKNOWN });
        assert.equal(inputs.size, UNKNOWN);
        assert.deepEqual(failures, []);
    });

    test("the serialized provider stays in the checked inputs", async () => {
        const { inputs } = await plugin.check(WIDGET_URN, widget);
        assert.equal(inputs.__provider, widget.__provider);
    });

    test("the plugin reports the SDK's version", () => {
        assert.match(plugin.version, /^3\.\d+\.\d+/);
    });
});

describe("Node.js dynamic provider plugin: outside a preview, deadlines, lifecycle", () => {
    test("in `up` unknowns are not sent, a hung check fails at the deadline, and stop ends the process", async () => {
        // The call deadline under test is 1 s; start-up gets its own, so a busy machine cannot fail the start.
        const plugin = await DynamicProviderPlugin.start(options({ dryRun: false, timeoutMs: 1000, startTimeoutMs: 60_000 }));
        try {
            await assert.rejects(plugin.check(WIDGET_URN, {}), /configure the provider before Check/);
            await plugin.configure({}, []);
            const echo = handWritten("{ check: async (_olds, news) => ({ inputs: { ...news, keys: Object.keys(news).sort().join(',') } }), create: async () => ({ id: 'x' }) }");
            const { inputs } = await plugin.check(WIDGET_URN, { __provider: echo, known: "k", later: UNKNOWN });
            assert.equal(inputs.keys, "__provider,known");
            assert.equal("later" in inputs, false);

            const hang = handWritten("{ check: () => new Promise(() => {}), create: async () => ({ id: 'x' }) }");
            await assert.rejects(plugin.check(WIDGET_URN, { __provider: hang }), /no answer from pulumi-resource-pulumi-nodejs within 1 s/);
        } finally {
            await plugin.stop();
        }
        assert.throws(() => process.kill(plugin.pid!, 0), { code: "ESRCH" });
        await assert.rejects(plugin.check(WIDGET_URN, {}), /was stopped/);
    });

    test("a provider whose config is unknown is left unconfigured and hands the inputs back unchecked", async () => {
        const plugin = await DynamicProviderPlugin.start(options());
        try {
            await plugin.configureProvider("urn:pulumi:dev::hardened-stack::pulumi:providers:pulumi-nodejs::default", { "aws:region": UNKNOWN });
            const news = { __provider: handWritten("{ check: async () => { throw new Error('must not run'); }, create: async () => ({ id: 'x' }) }"), size: "huge" };
            assert.deepEqual(await plugin.check(WIDGET_URN, news), { inputs: news, failures: [] });
        } finally {
            await plugin.stop();
        }
    });

    test("a provider whose check throws fails the check with the provider's message on one line", async () => {
        const plugin = await DynamicProviderPlugin.start(options());
        try {
            await plugin.configure({}, []);
            const throws = handWritten("{ check: async () => { throw new Error('widgets are sold out'); }, create: async () => ({ id: 'x' }) }");
            await assert.rejects(plugin.check(WIDGET_URN, { __provider: throws }), (e: Error) => {
                assert.match(e.message, /Check of urn:pulumi:dev::hardened-stack::pulumi-nodejs:dynamic:Resource::widget failed: .*widgets are sold out/);
                assert.doesNotMatch(e.message, /\n/);
                return true;
            });
        } finally {
            await plugin.stop();
        }
    });

    test("the plugin is started as the CLI starts it: its entry point, the engine address, in the program's folder", async () => {
        const dir = fakeSdkFolder();
        const lines: string[] = [];
        await assert.rejects(DynamicProviderPlugin.start(options({ programDir: dir, config: { "aws:region": "r" }, onOutput: (_s, l) => lines.push(l) })),
            { message: 'pulumi-nodejs (resource) plugin [pulumi-resource-pulumi-nodejs] wrote an invalid port to stdout: could not parse port: "listening on 1234"' });
        assert.deepEqual(JSON.parse(lines[0]!), { args: ["127.0.0.1:1"], cwd: dir, project: "hardened-stack", config: "{}" });
    });

    test("a plugin that dies before printing its port fails start with its exit status and error line", async () => {
        const dir = fakeSdkFolder();
        await assert.rejects(DynamicProviderPlugin.start(options({ programDir: dir, env: { ...process.env, FAKE_MODE: "exit" } })),
            { message: "could not read plugin [pulumi-resource-pulumi-nodejs]: exit status 3: Error: the SDK is broken" });
    });

    test("a program folder without the SDK cannot start the plugin, and the one-line error says why", async () => {
        const empty = mkdtempSync(join(tmpdir(), "no-sdk-"));
        await assert.rejects(DynamicProviderPlugin.start(options({ programDir: empty })), (e: Error) => {
            assert.match(e.message, /^could not read plugin \[pulumi-resource-pulumi-nodejs\]: Cannot find module '@pulumi\/pulumi\/cmd\/dynamic-provider'/);
            assert.doesNotMatch(e.message, /\n/);
            return true;
        });
    });
});

describe("dynamic provider marshalling (pure)", () => {
    test("Configure's variables are pulumi-nodejs:config:<namespaced key>, plain text, without version; args keep secrets", () => {
        const fields = configureFields({ "aws:region": "eu-west-1", "app:token": new Secret("t0k"), "app:list": [1, "<a>"], version: "3.248.0" });
        assert.deepEqual(fields!.variables, {
            "pulumi-nodejs:config:aws:region": "eu-west-1",
            "pulumi-nodejs:config:app:token": "t0k",
            "pulumi-nodejs:config:app:list": '[1,"\\u003ca\\u003e"]',
        });
        assert.deepEqual(fields!.args["app:token"], secret("t0k"));
        assert.equal(fields!.args.version, "3.248.0");
    });

    test("any unknown input but version leaves the provider unconfigured", () => {
        assert.equal(configureFields({ "aws:region": new Computed() }), undefined);
        assert.ok(configureFields({ version: new Computed() }));
    });

    test("secrets are re-marked by key: inside objects key by key, an array or a changed value as a whole", () => {
        const ins: PropertyMap = { a: new Secret("x"), obj: { inner: new Secret("y"), open: "z" }, list: ["p", new Secret("q")], plain: "n" };
        const outs: PropertyMap = { a: "x", obj: { inner: "y", open: "z" }, list: ["p", "q"], plain: "n", extra: "x" };
        annotateSecrets(outs, ins);
        assert.deepEqual(outs, { a: new Secret("x"), obj: { inner: new Secret("y"), open: "z" }, list: new Secret(["p", "q"]), plain: "n", extra: "x" });
    });

    test("the plugin's environment names the project and carries only the pulumi-nodejs config namespace", () => {
        const env = pluginEnvironment({ project: "p", runtimeOptions: { typescript: true }, config: { "aws:region": "r", "pulumi-nodejs:k": "v&" }, env: { PULUMI_CONFIG: "old", HOME: "/h" } });
        assert.equal(env.PULUMI_NODEJS_PROJECT, "p");
        assert.equal(env.PULUMI_PROJECT, "p");
        assert.equal(env.PULUMI_RUNTIME_TYPESCRIPT, "true");
        assert.equal(env.PULUMI_CONFIG, '{"k":"v\\u0026"}');
        assert.equal(env.HOME, "/h");
    });

    test("JSON for Configure and PULUMI_CONFIG is Go's: keys sorted", () => {
        assert.equal(goJson({ b: 1, a: { d: 2, c: 3 } }), '{"a":{"c":3,"d":2},"b":1}');
    });
});
