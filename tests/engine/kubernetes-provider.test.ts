/**
 * The Kubernetes provider's preview behaviour, offline. Expected values are written out by hand from the provider's
 * code (pulumi-kubernetes provider.go Check, metadata/naming.go, invoke_decode_yaml.go, yaml/v2/yaml.go), from
 * go-yaml v2's resolve table (YAML 1.1) and from cli-utils' apply order; the lists of kinds are checked against the
 * installed 4.34.2 SDK's own yaml.js, a source the code under test does not read.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
    builtinKinds, decodeYaml, helmReleaseCheck, helmTemplateUnavailable, kubernetesCheck, kubernetesDefaultNamespace, kubernetesTypeToken,
    renderConfigGroup, unrenderableOffline,
} from "../../engine/providers/kubernetes";
import { ASSET_SIG, SECRET_SIG, SPECIAL_SIG, UNKNOWN } from "../../engine/constants";

const MANIFESTS = resolve("tests/fixtures/k8s-manifests");
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const urnOf = (type: string, name: string): string => `urn:pulumi:dev::hardened-stack::${type}::${name}`;
const secret = (value: unknown): unknown => ({ [SPECIAL_SIG]: SECRET_SIG, value });
const deployment = (metadata?: unknown): Record<string, unknown> => ({
    apiVersion: "apps/v1", kind: "Deployment", ...(metadata === undefined ? {} : { metadata }),
    spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } },
});
const check = (inputs: Record<string, unknown>, type = DEPLOYMENT, name = "web", options = {}): Record<string, unknown> =>
    kubernetesCheck(type, name, urnOf(type, name), inputs, options).inputs;
const metadataOf = (o: Record<string, unknown>): Record<string, unknown> => o.metadata as Record<string, unknown>;
const group = (inputs: Record<string, unknown>, options = {}): ReturnType<typeof renderConfigGroup> =>
    renderConfigGroup("kubernetes:yaml/v2:ConfigGroup", "app", inputs, MANIFESTS, options);

describe("Check: metadata.name as the provider leaves it", () => {
    test("a Deployment without metadata.name is autonamed <name>-<8 hex> and annotated pulumi.com/autonamed", () => {
        const out = check(deployment());
        const md = metadataOf(out);
        assert.match(md.name as string, /^web-[0-9a-f]{8}$/);
        assert.deepEqual(md.annotations, { "pulumi.com/autonamed": "true" });
        // Server-side apply (the default) sets no managed-by label.
        assert.equal(md.labels, undefined);
        assert.deepEqual(out.spec, deployment().spec);
        assert.equal(check(deployment()).metadata && metadataOf(check(deployment())).name, md.name, "the same URN gives the same suffix");
        assert.notEqual(metadataOf(check(deployment(), DEPLOYMENT, "api")).name, md.name);
        assert.match(metadataOf(check(deployment(), DEPLOYMENT, "api")).name as string, /^api-[0-9a-f]{8}$/);
    });

    test("an explicit name is left as it is, with no autonamed annotation", () => {
        const md = metadataOf(check(deployment({ name: "frontend", labels: { tier: "web" } })));
        assert.deepEqual(md, { name: "frontend", labels: { tier: "web" } });
    });

    test("an unknown name counts as a name: it stays unknown and nothing is annotated", () => {
        assert.deepEqual(metadataOf(check(deployment({ name: UNKNOWN }))), { name: UNKNOWN });
    });

    test("an unknown metadata map is left unknown (nothing can be set inside it)", () => {
        assert.equal(check(deployment(UNKNOWN), DEPLOYMENT, "web", { defaultNamespace: "default" }).metadata, UNKNOWN);
    });

    test("generateName is refused under server-side apply, and kept without it (with the managed-by label)", () => {
        assert.throws(() => check(deployment({ generateName: "web-" })), /generateName` field is not supported in Server-Side Apply mode/);
        const md = metadataOf(check(deployment({ generateName: "web-" }), DEPLOYMENT, "web", { serverSideApply: false }));
        assert.deepEqual(md, { generateName: "web-", labels: { "app.kubernetes.io/managed-by": "pulumi" } });
    });

    test("autonaming disabled by the engine is an error; a proposed name replaces the random one", () => {
        assert.throws(() => check(deployment(), DEPLOYMENT, "web", { autonaming: { mode: "disable" } }), /autonaming is disabled/);
        assert.equal(metadataOf(check(deployment(), DEPLOYMENT, "web", { autonaming: { mode: "enforce", proposedName: "web" } })).name, "web");
    });
});

describe("Check on an update: the old autoname is adopted", () => {
    const oldInputs = (md: Record<string, unknown>): Record<string, unknown> => ({ ...deployment(md) });
    test("an unnamed object keeps the old autoname (not a new one) and its annotation", () => {
        const out = check(deployment(), DEPLOYMENT, "web", { olds: oldInputs({ name: "web-1a2b3c4d", annotations: { "pulumi.com/autonamed": "true" } }) });
        assert.deepEqual(metadataOf(out), { name: "web-1a2b3c4d", annotations: { "pulumi.com/autonamed": "true" } });
    });
    test("an old object the user named gives nothing: the new one stays unnamed, as the provider leaves it", () => {
        const out = check(deployment(), DEPLOYMENT, "web", { olds: oldInputs({ name: "frontend" }) });
        assert.equal(out.metadata, undefined);
    });
    test("the managed-by label is set only where the old object had it, even without server-side apply", () => {
        const labelled = check(deployment({ name: "web" }), DEPLOYMENT, "web", { serverSideApply: false, olds: oldInputs({ name: "web", labels: { "app.kubernetes.io/managed-by": "pulumi" } }) });
        assert.deepEqual(metadataOf(labelled).labels, { "app.kubernetes.io/managed-by": "pulumi" });
        const bare = check(deployment({ name: "web" }), DEPLOYMENT, "web", { serverSideApply: false, olds: oldInputs({ name: "web" }) });
        assert.deepEqual(metadataOf(bare), { name: "web" });
    });
});

describe("Check of a helm.sh/v3 Release (helm_release.go)", () => {
    const RELEASE = "kubernetes:helm.sh/v3:Release";
    const release = (inputs: Record<string, unknown>, options: Partial<Parameters<typeof helmReleaseCheck>[2]> = {}) =>
        helmReleaseCheck(urnOf(RELEASE, "dash"), inputs, { programDir: MANIFESTS, home: "/home/u", ...options });
    // resource.NewPropertyMap(Release): every non-pointer field, zero values included, in struct order.
    const zero = {
        allowNullValues: false, atomic: false, chart: "", cleanupOnFail: false, createNamespace: false, dependencyUpdate: false,
        description: "", devel: false, disableCRDHooks: false, disableOpenapiValidation: false, disableWebhooks: false,
        forceUpdate: false, keyring: "", lint: false, name: "", namespace: "", postrender: "", recreatePods: false,
        renderSubchartNotes: false, replace: false, resetValues: false, reuseValues: false, values: {}, skipCrds: false,
        timeout: 0, verify: false, version: "", skipAwait: false, waitForJobs: false,
    };

    test("the struct written back: autoname, default namespace, timeout 300, zero values, repositoryOpts in full", () => {
        const { inputs, chartLoad } = release({ chart: "kubernetes-dashboard", repositoryOpts: { repo: "https://kubernetes.github.io/dashboard/" } }, { defaultNamespace: "apps" });
        assert.match(inputs.name as string, /^dash-[0-9a-f]{8}$/);
        assert.deepEqual(inputs, {
            ...zero, chart: "kubernetes-dashboard", name: inputs.name, namespace: "apps", timeout: 300,
            repositoryOpts: { repo: "https://kubernetes.github.io/dashboard/", caFile: "", certFile: "", keyFile: "", password: "", username: "" },
        });
        assert.deepEqual(Object.keys(inputs).slice(0, 3), ["allowNullValues", "atomic", "chart"]);
        assert.equal(chartLoad, true, "everything is known, so the real Check loads the chart");
    });

    test("skipAwait true means no default timeout; verify fills in $HOME's keyring; an explicit timeout stays", () => {
        assert.equal(release({ chart: "c", skipAwait: true }).inputs.timeout, 0);
        assert.equal(release({ chart: "c", timeout: 60 }).inputs.timeout, 60);
        assert.equal(release({ chart: "c", verify: true }).inputs.keyring, "/home/u/.gnupg/pubring.gpg");
        assert.equal(release({ chart: "c", namespace: "" }, { defaultNamespace: "" }).inputs.namespace, "");
    });

    test("valueYamlFiles are read, merged (later files and then values win, maps deep-merged) and dropped", () => {
        const text = (t: string) => ({ [SPECIAL_SIG]: ASSET_SIG, text: t });
        const { inputs } = release({
            chart: "c", name: "n", values: { service: { type: "ClusterIP" }, replicas: 2 },
            valueYamlFiles: [text("service:\n  type: LoadBalancer\n  port: 443\nreplicas: 1\nauth: off\n"), text("auth: yes\n")],
        });
        assert.deepEqual(inputs.values, { service: { type: "ClusterIP", port: 443 }, replicas: 2, auth: true });
        assert.equal("valueYamlFiles" in inputs, false);
    });

    test("an unknown input stays unknown and the chart is not loaded; a secret value stays secret", () => {
        const { inputs, chartLoad } = release({ chart: "c", namespace: UNKNOWN, values: { password: secret("hunter2"), host: UNKNOWN } });
        assert.equal(chartLoad, false);
        assert.equal(inputs.namespace, UNKNOWN);
        assert.deepEqual(inputs.values, { password: secret("hunter2"), host: UNKNOWN });
    });

    test("an update keeps the old name; a wrongly typed input is the provider's decoding failure, in one line", () => {
        assert.equal(release({ chart: "c" }, { olds: { name: "dash-0badc0de", chart: "c" } }).inputs.name, "dash-0badc0de");
        assert.throws(() => release({ chart: "c", atomic: "yes" }), (e: Error) => /^decoding failure: .*'Atomic' expected type 'bool', got unconvertible type 'string', value: 'yes'$/.test(e.message) && !e.message.includes("\n"));
        assert.throws(() => release({ chart: "c", valueYamlFiles: ["values.yaml"] }), /unsupported type for 'valueYamlFiles' arg/);
        assert.throws(() => release({ chart: "c", valueYamlFiles: [{ [SPECIAL_SIG]: ASSET_SIG, uri: "https://example.com/v.yaml" }] }), /remote asset https:\/\/example\.com\/v\.yaml cannot be read offline/);
    });
});

describe("Check: namespace, normalisation and secrets", () => {
    test("the provider's default namespace goes on namespaced kinds only, and replaces an unknown namespace", () => {
        assert.equal(metadataOf(check(deployment({ name: "web" }), DEPLOYMENT, "web", { defaultNamespace: "apps" })).namespace, "apps");
        assert.equal(metadataOf(check(deployment({ name: "web", namespace: "shop" }), DEPLOYMENT, "web", { defaultNamespace: "apps" })).namespace, "shop");
        assert.equal(metadataOf(check(deployment({ name: "web" }))).namespace, undefined, "no default namespace, none set");
        const role = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "reader" }, rules: [] };
        assert.equal(metadataOf(check(role, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "reader", { defaultNamespace: "apps" })).namespace, undefined);
        // GetNamespace reads an unknown as "", so the provider overwrites it with the default.
        assert.equal(metadataOf(check(deployment({ name: "web", namespace: UNKNOWN }), DEPLOYMENT, "web", { defaultNamespace: "default" })).namespace, "default");
    });

    test("a custom kind is namespaced when its CRD says so, cluster-scoped when it says Cluster, assumed namespaced otherwise", () => {
        const type = "kubernetes:stable.example.com/v1:CronTab";
        const cr = { apiVersion: "stable.example.com/v1", kind: "CronTab", metadata: { name: "nightly" } };
        const crd = (scope: string): Record<string, unknown> => ({ apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", spec: { group: "stable.example.com", scope, names: { kind: "CronTab" } } });
        assert.equal(metadataOf(check(cr, type, "nightly", { defaultNamespace: "ops", crds: [crd("Cluster")] })).namespace, undefined);
        assert.equal(metadataOf(check(cr, type, "nightly", { defaultNamespace: "ops", crds: [crd("Namespaced")] })).namespace, "ops");
        assert.equal(metadataOf(check(cr, type, "nightly", { defaultNamespace: "ops" })).namespace, "ops");
    });

    test("a Secret's stringData is encoded into data, and data/stringData come back secret", () => {
        const out = check({ apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, stringData: { password: "hunter2" }, data: { user: "YWRt aW4=" } }, "kubernetes:core/v1:Secret", "db");
        assert.deepEqual(out.data, secret({ user: "YWRt aW4=", password: "aHVudGVyMg==" }));
        assert.equal(out.stringData, undefined);
        // Without stringData, data values are re-encoded (the newline dropped); a value Go cannot decode stays.
        const again = check({ apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, data: { a: "aGk=\n", b: "not base64!" } }, "kubernetes:core/v1:Secret", "db");
        assert.deepEqual(again.data, secret({ a: "aGk=", b: "not base64!" }));
    });

    test("a secret input makes the nearest non-map value around it secret; read-only metadata is dropped", () => {
        const out = check(deployment({ name: "web", uid: "1234", resourceVersion: "7", labels: { team: secret("blue") } }));
        assert.deepEqual(metadataOf(out), { name: "web", labels: { team: secret("blue") } });
        const env = { ...deployment({ name: "web" }), spec: { template: { spec: { containers: [{ name: "web", env: [{ name: "TOKEN", value: secret("t") }] }] } } } };
        const spec = check(env).spec as { template: { spec: { containers: unknown } } };
        assert.deepEqual(spec.template.spec.containers, secret([{ name: "web", env: [{ name: "TOKEN", value: "t" }] }]));
    });

    test("a CRD loses status and a false preserveUnknownFields, and its x_kubernetes_* keys come back dashed", () => {
        const schema = { openAPIV3Schema: { type: "object", x_kubernetes_preserve_unknown_fields: true } };
        const out = check({ apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "c" },
            spec: { group: "g", preserveUnknownFields: false, versions: [{ name: "v1", schema }] }, status: {} },
        "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", "c");
        assert.deepEqual(out.spec, { group: "g", versions: [{ name: "v1", schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } }] });
        assert.equal("status" in out, false);
    });

    test("List types are refused; Patch types need server-side apply and a name", () => {
        assert.throws(() => check({ apiVersion: "apps/v1", kind: "DeploymentList", items: [] }, "kubernetes:apps/v1:DeploymentList"), /list resources .* cannot be created directly/);
        const patchType = "kubernetes:apps/v1:DeploymentPatch";
        assert.throws(() => check(deployment(), patchType), /patch resources require the `.metadata.name` field/);
        assert.throws(() => check(deployment({ name: "web" }), patchType, "web", { serverSideApply: false }), /require Server-Side Apply mode/);
        assert.deepEqual(metadataOf(check(deployment({ name: "web" }), patchType)), { name: "web" });
    });

    test("every List type of the 4.34.2 SDK is refused, and a kind without a List type is not", () => {
        const sdk = readFileSync(resolve("node_modules/@pulumi/kubernetes/yaml/yaml.js"), "utf8");
        const lists = [...sdk.matchAll(/gvk === "([^"]+List)"/g)].map((m) => m[1]!).filter((g) => g !== "v1/List");
        assert.ok(lists.length > 150);
        for (const gvk of lists) {
            const i = gvk.lastIndexOf("/");
            const gv = gvk.slice(0, i) === "v1" ? "core/v1" : gvk.slice(0, i);
            assert.throws(() => check({ metadata: { name: "x" } }, `kubernetes:${gv}:${gvk.slice(i + 1)}`, "x"), /list resources/, gvk);
        }
        assert.doesNotThrow(() => check({ apiVersion: "v1", kind: "Binding", metadata: { name: "b" } }, "kubernetes:core/v1:Binding", "b"));
    });

    test("the default namespace comes from the provider config, else the kubeconfig context, else \"default\"", () => {
        const kubeconfig = JSON.stringify({
            "current-context": "dev", clusters: [{ name: "c", cluster: { server: "https://k8s.example.com" } }],
            contexts: [{ name: "dev", context: { cluster: "c", namespace: "team-a" } }, { name: "bare", context: { cluster: "c" } }],
        });
        assert.equal(kubernetesDefaultNamespace({ namespace: "pinned", kubeconfig }), "pinned");
        assert.equal(kubernetesDefaultNamespace({ kubeconfig }), "team-a");
        assert.equal(kubernetesDefaultNamespace({ kubeconfig, context: "bare" }), "default");
        assert.equal(kubernetesDefaultNamespace({ kubeconfig, context: "missing" }), "");
        assert.equal(kubernetesDefaultNamespace({}), "");
        assert.throws(() => kubernetesDefaultNamespace({ kubeconfig: "~/.kube/config" }), /looks like a file path/);
    });
});

describe("kubernetes:yaml:decode", () => {
    test("a multi-document manifest: the privileged hostNetwork DaemonSet and the LoadBalancer on 3333, empty documents dropped", () => {
        const { result } = decodeYaml(readFileSync(resolve(MANIFESTS, "daemonset-and-lb.yaml"), "utf8"));
        assert.deepEqual(result.map((o) => o.kind), ["DaemonSet", "Service"]);
        const ds = result[0] as { spec: { template: { spec: { hostNetwork: unknown; containers: { securityContext: unknown }[] } } } };
        assert.equal(ds.spec.template.spec.hostNetwork, true);
        assert.deepEqual(ds.spec.template.spec.containers[0]!.securityContext, { privileged: true });
        assert.deepEqual(result[1], {
            apiVersion: "v1", kind: "Service", metadata: { name: "agent-lb", namespace: "kube-system" },
            spec: { type: "LoadBalancer", selector: { app: "node-agent" }, ports: [{ port: 3333, targetPort: 3333 }] },
        });
    });

    test("YAML 1.1 as go-yaml v2 reads it: yes/on/y are true, keys become strings, 0777 is octal, dates stay text", () => {
        const text = [
            "apiVersion: v1", "kind: ConfigMap", "a: yes", "b: On", "c: off", "on: key", "y: 1", "0x10: hex-key", "1.5: float-key",
            "d: 0777", "e: 08", "f: 1_000", "g: 2001-12-14", "h: '0x1'", "i: .5", "j: ~", "k: !!str true", "l: 1e3", "m: 0x1F", "n2: 12:30", "o: -12", "p: -0x10",
        ].join("\n");
        assert.deepEqual(decodeYaml(text).result[0], {
            apiVersion: "v1", kind: "ConfigMap", a: true, b: true, c: false, true: 1, "16": "hex-key", "1.5": "float-key",
            d: 511, e: 8, f: 1000, g: "2001-12-14", h: "0x1", i: 0.5, j: null, k: "true", l: 1000, m: 31, n2: "12:30", o: -12, p: -16,
        });
        // `on:` as a key is the boolean true, which becomes the key "true" (so a later `true:` key would collide).
        assert.equal(Object.hasOwn(decodeYaml(text).result[0]!, "on"), false);
    });

    test("anchors, merge keys and a later duplicate key", () => {
        const text = "apiVersion: v1\nkind: K\nbase: &b {x: 1, z: 1}\nmerged: {<<: *b, z: 2}\ndup: 1\ndup: 2\n";
        assert.deepEqual(decodeYaml(text).result[0], { apiVersion: "v1", kind: "K", base: { x: 1, z: 1 }, merged: { x: 1, z: 2 }, dup: 2 });
    });

    test("documents without kind or apiVersion are skipped, a List is not expanded, and a JSON stream decodes", () => {
        const text = "kind: Orphan\n---\napiVersion: v1\nkind: List\nitems: [{apiVersion: v1, kind: ConfigMap}]\n---\n# nothing\n";
        assert.deepEqual(decodeYaml(text).result.map((o) => o.kind), ["List"]);
        const json = '{"apiVersion": "v1", "kind": "A"}\n{"apiVersion": "v1", "kind": "B"}\n';
        assert.deepEqual(decodeYaml(json).result.map((o) => o.kind), ["A", "B"]);
        assert.deepEqual(decodeYaml('{"apiVersion": "v1", "kind": "A"}\n---\napiVersion: v1\nkind: B\n').result.map((o) => o.kind), ["A", "B"]);
    });

    test("what the provider fails on fails here: a bad separator, a non-map document, a NaN", () => {
        assert.throws(() => decodeYaml("apiVersion: v1\n--- kind: X\n"), /invalid Yaml document separator: kind: X/);
        assert.throws(() => decodeYaml("- a\n- b\n"), /cannot unmarshal array into Go value of type map/);
        assert.throws(() => decodeYaml("apiVersion: v1\nkind: K\nx: .nan\n"), /unsupported value: NaN/);
    });

    test("a default namespace goes on namespaced and unknown kinds, not on cluster-scoped ones", () => {
        const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n---\napiVersion: x.io/v1\nkind: Thing\nmetadata: {name: c}\n";
        assert.deepEqual(decodeYaml(text, "apps").result.map((o) => metadataOf(o).namespace), ["apps", undefined, "apps"]);
    });
});

describe("yaml/v2 ConfigGroup and ConfigFile children", () => {
    test("types and names: namespaced `<prefix>:<ns>/<name>`, cluster-scoped `<prefix>:<name>`, a CRD-defined kind as kubernetes:<apiVersion>:<Kind>", () => {
        const { children, warnings } = group({ files: ["crontab.yaml"], yaml: "apiVersion: core/v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: ops}\n" });
        assert.deepEqual(children.map((c) => [c.type, c.name]), [
            ["kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", "app:crontabs.stable.example.com"],
            ["kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "app:crontab-reader"],
            ["kubernetes:core/v1:ConfigMap", "app:ops/cfg"],
            // The CRD in the group says Namespaced, so the default namespace applies; it waits for its CRD.
            ["kubernetes:stable.example.com/v1:CronTab", "app:default/nightly"],
        ]);
        assert.deepEqual(children[3]!.dependsOn, ["app:crontabs.stable.example.com"]);
        assert.equal(children[2]!.inputs.apiVersion, "v1", "core/v1 is canonicalised to v1");
        assert.deepEqual(warnings, []);
    });

    test("a custom kind with no CRD in the group gets no namespace and a warning; resourcePrefix \"\" drops the prefix", () => {
        const { children, warnings } = group({ objs: [{ apiVersion: "x.io/v1", kind: "Widget", metadata: { name: "w" } }], resourcePrefix: "" });
        assert.deepEqual(children.map((c) => [c.type, c.name]), [["kubernetes:x.io/v1:Widget", "w"]]);
        assert.equal(metadataOf(children[0]!.inputs).namespace, undefined);
        assert.match(warnings[0]!, /rendered without a namespace: x\.io\/v1, Kind=Widget/);
    });

    test("files: a glob relative to the program directory, sorted, with the default namespace and the Namespace first", () => {
        const { children } = group({ files: ["app/*.yaml"], resourcePrefix: "shop", skipAwait: true }, { defaultNamespace: "default" });
        assert.deepEqual(children.map((c) => [c.type, c.name, c.dependsOn]), [
            ["kubernetes:core/v1:Namespace", "shop:shop", []],
            ["kubernetes:core/v1:ConfigMap", "shop:default/web-config", []],
            ["kubernetes:apps/v1:Deployment", "shop:shop/web", ["shop:shop"]],
        ]);
        assert.deepEqual(metadataOf(children[2]!.inputs).annotations, { "pulumi.com/skipAwait": "true" });
        assert.deepEqual(group({ files: ["app/*.json"] }).children, []);
    });

    test("ConfigFile reads its one file as a path, never as a glob", () => {
        const { children } = renderConfigGroup("kubernetes:yaml/v2:ConfigFile", "agent", { file: "daemonset-and-lb.yaml" }, MANIFESTS);
        assert.deepEqual(children.map((c) => [c.type, c.name]), [
            ["kubernetes:core/v1:Service", "agent:kube-system/agent-lb"],
            ["kubernetes:apps/v1:DaemonSet", "agent:kube-system/node-agent"],
        ]);
        assert.throws(() => renderConfigGroup("kubernetes:yaml/v2:ConfigFile", "agent", { file: "app/*.yaml" }, MANIFESTS), /reading YAML file from disk: open app\/\*\.yaml/);
    });

    test("lists are expanded, a v1 Secret's data is secret, null map values are not sent", () => {
        const list = { apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "s", labels: null }, data: { k: "dg==" } }] };
        const { children } = group({ objs: [list] });
        assert.deepEqual(children, [{
            type: "kubernetes:core/v1:Secret", name: "app:default/s", dependsOn: [],
            inputs: { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "default" }, data: secret({ k: "dg==" }) },
        }]);
    });

    test("objects without a name, or without kind and apiVersion, fail the component", () => {
        assert.throws(() => group({ objs: [{ apiVersion: "v1", kind: "ConfigMap", metadata: {} }] }), /require a \.metadata\.name/);
        assert.throws(() => group({ objs: [{ metadata: { name: "x" } }] }), /require a kind and apiVersion/);
    });

    test("a remote URL is refused: it cannot be read offline", () => {
        assert.throws(() => group({ files: ["https://raw.githubusercontent.com/example/app/main/deploy.yaml"] }),
            (e: Error) => /is a URL, which cannot be read offline/.test(e.message) && e.message.includes("pulumi preview --policy-pack"));
    });

    test("an unknown input anywhere fails closed, naming it", () => {
        assert.throws(() => group({ files: ["app/*.yaml"], yaml: UNKNOWN }), /inputs\.yaml is unknown in this preview/);
        assert.throws(() => group({ objs: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: UNKNOWN } }] }), /inputs\.objs\[0\]\.metadata\.namespace is unknown/);
    });
});

describe("the 4.34.2 SDK's kinds", () => {
    test("every kind yaml.js registers as a typed resource gets its typed token; anything else is a CustomResource", () => {
        const sdk = readFileSync(resolve("node_modules/@pulumi/kubernetes/yaml/yaml.js"), "utf8");
        const cases = [...sdk.matchAll(/case "([^"]+)":/g)].map((m) => m[1]!).sort();
        assert.deepEqual(builtinKinds(), cases);
        assert.equal(kubernetesTypeToken("v1", "Pod"), "kubernetes:core/v1:Pod");
        assert.equal(kubernetesTypeToken("networking.k8s.io/v1", "NetworkPolicy"), "kubernetes:networking.k8s.io/v1:NetworkPolicy");
        assert.equal(kubernetesTypeToken("v1", "Frobnicator"), "kubernetes:v1:Frobnicator");
    });
});

describe("what only Helm or kustomize can render is refused in one line", () => {
    test("helm.v3.Chart's template invoke names the chart and release", () => {
        const e = helmTemplateUnavailable({ jsonOpts: JSON.stringify({ chart: "ingress-nginx", release_name: "edge" }) });
        assert.equal(e.message, "kubernetes:helm:template (chart ingress-nginx, release edge): the Helm chart's objects cannot be checked offline: " +
            "the Kubernetes provider renders them with its built-in Helm, which the offline engine does not have; `pulumi preview --policy-pack` must decide");
    });

    test("helm.sh/v4 Chart, kustomize/v2 Directory and the kustomize v1 invoke", () => {
        const cases: [Error, RegExp][] = [
            [unrenderableOffline("kubernetes:helm.sh/v4:Chart", "edge", { chart: "oci://registry/charts/nginx" }), /^kubernetes:helm\.sh\/v4:Chart "edge" \(chart oci:\/\/registry\/charts\/nginx\): the Helm chart's objects cannot be checked offline/],
            [unrenderableOffline("kubernetes:kustomize/v2:Directory", "overlay", { directory: "./k8s/prod" }), /^kubernetes:kustomize\/v2:Directory "overlay" \(directory \.\/k8s\/prod\): the kustomization's objects cannot be checked offline: .* built-in kustomize/],
            [unrenderableOffline("kubernetes:kustomize:directory", undefined, { directory: "./k8s" }), /^kubernetes:kustomize:directory \(directory \.\/k8s\): /],
        ];
        for (const [e, re] of cases) {
            assert.match(e.message, re);
            assert.ok(e.message.endsWith("`pulumi preview --policy-pack` must decide") && !e.message.includes("\n"));
        }
        assert.throws(() => renderConfigGroup("kubernetes:helm.sh/v4:Chart" as "kubernetes:yaml/v2:ConfigGroup", "edge", { chart: "nginx" }, MANIFESTS), /built-in Helm/);
    });
});
