/**
 * What the `yaml/v2` ConfigGroup and ConfigFile Construct registers (provider/pkg/provider/yaml/v2/configgroup.go,
 * configfile.go, yaml.go Normalize and Register; objects from ./manifests, order from ./apply-order).
 */
import { isSecret, isUnknown } from "../../constants";
import { dependencyLevels, idKey, idOf } from "./apply-order";
import { gvkOf, kubernetesTypeToken } from "./kinds";
import { expandLists, parseManifests } from "./manifests";
import { printObject, wireType } from "./messages";
import { namespacedScope } from "./scope";
import type { DiscoveredScope } from "./scope";
import { nested, nestedString, setNested } from "./unstructured";
import { unrenderableOffline } from "./unrenderable";
import { isMapValue, secretOf, setKey, stripSecrets } from "./wire";
import type { Obj } from "./wire";

export interface ConfigGroupChild {
    /** The type token the child is registered as. */
    type: string;
    /** `<prefix>:<namespace>/<name>`, `<prefix>:<name>` for cluster-scoped objects, without `<prefix>:` when it is "". */
    name: string;
    /** The object itself, as the child's inputs (wire values). */
    inputs: Obj;
    /** Names of earlier children it gets `dependsOn` for (its Namespace, CRD, depends-on annotation). */
    dependsOn: string[];
}

export interface ConfigGroupOptions {
    /**
     * The provider's default namespace (`kubernetesDefaultNamespace`); Construct asserts there is one.
     * @default "default" - what a kubeconfig context without a namespace gives
     */
    defaultNamespace?: string;
    /** The cluster's discovery, for kinds neither the static table nor a CRD in the group covers. @default none */
    discoveredScope?: DiscoveredScope;
}

/** The Go SDK's input marshalling: a null map value is not sent (nulls inside arrays are). */
function withoutNullMapValues(v: unknown): unknown {
    if (isSecret(v)) return secretOf(withoutNullMapValues(v.value));
    if (Array.isArray(v)) return v.map(withoutNullMapValues);
    if (isMapValue(v)) {
        const out: Obj = {};
        for (const [k, e] of Object.entries(v)) if (e !== null) setKey(out, k, withoutNullMapValues(e));
        return out;
    }
    return v;
}

function describeUnknown(v: unknown, path: string): string | undefined {
    if (isUnknown(v)) return path;
    if (isSecret(v)) return describeUnknown(v.value, path);
    if (Array.isArray(v)) {
        for (const [i, e] of v.entries()) {
            const p = describeUnknown(e, `${path}[${i}]`);
            if (p) return p;
        }
    }
    if (isMapValue(v)) {
        for (const [k, e] of Object.entries(v)) {
            const p = describeUnknown(e, `${path}.${k}`);
            if (p) return p;
        }
    }
    return undefined;
}

/**
 * What the provider's Construct of a `kubernetes:yaml/v2:ConfigGroup` or `kubernetes:yaml/v2:ConfigFile` registers,
 * in registration order. Objects come from `files` (ConfigGroup: globs expanded; ConfigFile: its one `file`, read as
 * is) relative to `programDir`, then `yaml`, then `objs`; lists are expanded; a namespaced kind without a namespace
 * gets `defaultNamespace`, a kind whose scope cannot be told gets none (and a warning, as upstream); a `v1` Secret's
 * data and stringData are secret; `skipAwait` adds the `pulumi.com/skipAwait: "true"` annotation.
 *
 * Throws where the provider could not render offline or would fail: an unknown input (the provider renders nothing
 * until every input is known, so the children a policy must see are not known), a URL, an unreadable file, YAML it
 * cannot decode, an object without kind, apiVersion or metadata.name.
 */
export function renderConfigGroup(type: "kubernetes:yaml/v2:ConfigGroup" | "kubernetes:yaml/v2:ConfigFile", name: string, inputs: Obj, programDir: string,
    options: ConfigGroupOptions = {}): { children: ConfigGroupChild[]; warnings: string[] } {
    const label = `${type} ${name}`;
    if (type !== "kubernetes:yaml/v2:ConfigGroup" && type !== "kubernetes:yaml/v2:ConfigFile") throw unrenderableOffline(type, name, inputs);
    const unknown = describeUnknown(inputs, "inputs");
    if (unknown) {
        throw new Error(`${label}: ${unknown} is unknown in this preview, and the provider renders no objects until every input is known, so they cannot be checked offline; \`pulumi preview --policy-pack\` must decide`);
    }
    // ConfigGroupArgs / ConfigFileArgs as CopyTo types them; secrets do not survive into the objects.
    const args = stripSecrets(inputs) as Obj;
    const expect = (key: string, ok: (v: unknown) => boolean, what: string): void => {
        const v = args[key];
        if (v !== undefined && v !== null && !ok(v)) throw new Error(`${label}: setting args: ${key}: expected ${what}, got ${wireType(v)}`);
    };
    expect("resourcePrefix", (v) => typeof v === "string", "a string");
    expect("skipAwait", (v) => typeof v === "boolean", "a bool");
    let files: string[];
    let yamlText = "";
    let objsIn: Obj[] = [];
    if (type === "kubernetes:yaml/v2:ConfigFile") {
        expect("file", (v) => typeof v === "string", "a string");
        files = typeof args.file === "string" ? [args.file] : [""];
    } else {
        expect("files", (v) => Array.isArray(v) && v.every((f) => typeof f === "string"), "a []string");
        expect("yaml", (v) => typeof v === "string", "a string");
        expect("objs", (v) => Array.isArray(v) && v.every(isMapValue), "a []map[string]any");
        files = (args.files as string[] | undefined) ?? [];
        yamlText = (args.yaml as string | undefined) ?? "";
        objsIn = (args.objs as Obj[] | undefined) ?? [];
    }
    const prefix = typeof args.resourcePrefix === "string" ? args.resourcePrefix : name;
    const skipAwait = args.skipAwait === true;
    const defaultNamespace = options.defaultNamespace ?? "default";

    const parsed = [...parseManifests(label, files, type === "kubernetes:yaml/v2:ConfigGroup", yamlText, programDir), ...structuredClone(objsIn)];
    const objs = expandLists(label, parsed);

    // yaml.go Normalize.
    const unresolved: string[] = [];
    for (const obj of objs) {
        const gvk = gvkOf(obj);
        if (gvk.kind === "" || (gvk.group === "" && gvk.version === "")) throw new Error(`${label}: Kubernetes resources require a kind and apiVersion: \`${printObject(obj)}\``);
        if (nestedString(obj, "metadata", "name") === "") throw new Error(`${label}: Kubernetes resources require a .metadata.name: \`${printObject(obj)}\``);
        if (gvk.group === "core") setKey(obj, "apiVersion", gvk.version);
        if (nestedString(obj, "metadata", "namespace") !== "") continue;
        const namespaced = namespacedScope(gvk, objs, options.discoveredScope);
        const gvkString = `${gvk.group === "core" ? "" : gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
        if (namespaced === undefined) {
            if (!unresolved.includes(gvkString)) unresolved.push(gvkString);
        } else if (namespaced) setNested(obj, defaultNamespace, "metadata", "namespace");
    }
    const warnings = unresolved.length === 0 ? [] : [`Unable to determine whether the following kinds are namespaced without a reachable cluster or a matching ` +
        `CustomResourceDefinition, so they are rendered without a namespace: ${unresolved.join(", ")}. Set .metadata.namespace explicitly, or ` +
        `include the CustomResourceDefinition, to control the namespace.`];

    // yaml.go Register.
    const { levels, deps } = dependencyLevels(label, objs);
    const children: ConfigGroupChild[] = [];
    const registered = new Map<string, string>();
    for (const level of levels) {
        for (const obj of level) {
            const apiVersion = nestedString(obj, "apiVersion");
            const kind = nestedString(obj, "kind");
            const objName = nestedString(obj, "metadata", "name");
            const ns = nestedString(obj, "metadata", "namespace");
            const base = ns === "" ? objName : `${ns}/${objName}`;
            const childName = prefix === "" ? base : `${prefix}:${base}`;
            if (skipAwait) {
                const annos = nested(obj, "metadata", "annotations");
                if ((!annos.found || annos.value === null) && !setNested(obj, {}, "metadata", "annotations")) {
                    throw new Error(`${label}: unable to set an empty map[string]any type for '.metadata.annotations' field: \`${printObject(obj)}\``);
                }
                if (!setNested(obj, "true", "metadata", "annotations", "pulumi.com/skipAwait")) {
                    throw new Error(`${label}: unable to set \`pulumi.com/skipAwait\` annotation; YAML object is invalid: \`${printObject(obj)}\``);
                }
            }
            if (`${apiVersion}/${kind}` === "v1/Secret") {
                // Raw YAML must not leak a Secret's values into the state or the preview.
                for (const key of ["data", "stringData"]) if (Object.hasOwn(obj, key)) setKey(obj, key, secretOf(obj[key]));
            }
            const key = idKey(idOf(obj));
            const dependsOn = [...(deps.get(key) ?? [])].map((d) => registered.get(d)).filter((n): n is string => n !== undefined);
            children.push({ type: kubernetesTypeToken(apiVersion, kind), name: childName, inputs: withoutNullMapValues(obj) as Obj, dependsOn });
            registered.set(key, childName);
        }
    }
    return { children, warnings };
}
