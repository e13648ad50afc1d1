/**
 * What the Kubernetes provider plugin (pulumi-kubernetes 4.34.2) does in a preview, as pure functions over wire values
 * (what `Struct.toJavaScript()` gives: unknowns are the sentinel strings, secrets `{ [SPECIAL_SIG]: SECRET_SIG, value }`):
 *
 * - `kubernetesCheck`: the provider's Check for a new resource (provider/pkg/provider/provider.go Check, with
 *   metadata/naming.go, metadata/annotations.go, metadata/labels.go, clients/unstructured.go, clients/clients.go, kinds/).
 * - `decodeYaml`: the `kubernetes:yaml:decode` invoke (provider/invoke_decode_yaml.go over k8s.io/apimachinery v0.36.2
 *   pkg/util/yaml/decoder.go and sigs.k8s.io/yaml v1.6.0, which reads YAML with go-yaml v2: YAML 1.1 scalars).
 * - `renderConfigGroup`: what the `yaml/v2` ConfigGroup and ConfigFile Construct registers (provider/yaml/v2/
 *   configgroup.go, configfile.go, yaml.go; the order of sigs.k8s.io/cli-utils v0.37.2 pkg/object/graph and
 *   pkg/ordering; the type tokens of sdk/go/kubernetes/yaml/v2/kinds.go).
 * - `unrenderableOffline` / `helmTemplateUnavailable`: Helm and kustomize, which the provider runs in-process.
 *
 * Read at pulumi/pulumi-kubernetes 94977969d (July 2026, after v4.32.0; the stored history has no v4.34.2 tag). The
 * tables of kinds are the 4.34.2 SDK's own (node_modules/@pulumi/kubernetes/yaml/yaml.js), which knows kinds that
 * commit does not; the test checks them against that file.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, posix } from "node:path";
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments } from "yaml";
import type { Alias, Document } from "yaml";
import { isSecret, isUnknown, SECRET_SIG, SPECIAL_SIG } from "../constants";

type Obj = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// Wire values
// ---------------------------------------------------------------------------------------------------------------

/** A Go `map[string]interface{}`: a plain object that is neither a secret nor an unknown. */
function isMapValue(v: unknown): v is Obj {
    return typeof v === "object" && v !== null && !Array.isArray(v) && !isSecret(v);
}

function secretOf(v: unknown): Obj {
    return { [SPECIAL_SIG]: SECRET_SIG, value: v };
}

/** Own-property assignment that a `__proto__` key from a manifest cannot turn into a prototype change. */
function setKey(o: Obj, k: string, v: unknown): void {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function walk(v: unknown, f: (x: unknown) => boolean): boolean {
    if (f(v)) return true;
    if (isSecret(v)) return walk(v.value, f);
    if (Array.isArray(v)) return v.some((e) => walk(e, f));
    if (isMapValue(v)) return Object.values(v).some((e) => walk(e, f));
    return false;
}

const containsUnknown = (v: unknown): boolean => walk(v, isUnknown);
const containsSecret = (v: unknown): boolean => walk(v, isSecret);

/** provider.go mapReplStripSecrets: the provider works on the values under the secrets. */
function stripSecrets(v: unknown): unknown {
    return unwrap(v, false);
}

// provider.go underscoreToDashMap: the SDKs' names for the OpenAPI extension keys of a CRD schema.
const DASHED_KEYS = new Map(["embedded_resource", "int_or_string", "list_map_keys", "list_type", "map_type", "preserve_unknown_fields", "validations"]
    .map((k) => [`x_kubernetes_${k}`, `x-kubernetes-${k.replaceAll("_", "-")}`]));

/**
 * provider.go propMapToUnstructured: secrets stripped and, outside them (the replacer is not passed into a secret),
 * the `x_kubernetes_*` keys renamed `x-kubernetes-*`. Check hands the renamed keys back.
 */
function unwrap(v: unknown, renameKeys: boolean): unknown {
    if (isSecret(v)) return unwrap(v.value, false);
    if (Array.isArray(v)) return v.map((e) => unwrap(e, renameKeys));
    if (isMapValue(v)) {
        const out: Obj = {};
        for (const [k, e] of Object.entries(v)) setKey(out, (renameKeys && DASHED_KEYS.get(k)) || k, unwrap(e, renameKeys));
        return out;
    }
    return v;
}

/** unstructured.NestedFieldNoCopy: `found` is false for a missing key and for a path through a non-map. */
function nested(o: Obj, ...path: string[]): { found: boolean; value: unknown } {
    let cur: unknown = o;
    for (const p of path) {
        if (!isMapValue(cur) || !Object.hasOwn(cur, p)) return { found: false, value: undefined };
        cur = cur[p];
    }
    return { found: true, value: cur };
}

/** unstructured's getNestedString (GetName, GetNamespace, GetKind, ...): "" unless it is a string, and an unknown is not one. */
function nestedString(o: Obj, ...path: string[]): string {
    const { value } = nested(o, ...path);
    return typeof value === "string" && !isUnknown(value) ? value : "";
}

/** unstructured.SetNestedField: creates missing maps, fails (false) through a non-map such as an unknown. */
function setNested(o: Obj, value: unknown, ...path: string[]): boolean {
    let m = o;
    for (const p of path.slice(0, -1)) {
        if (!Object.hasOwn(m, p)) setKey(m, p, {});
        const next = m[p];
        if (!isMapValue(next)) return false;
        m = next;
    }
    setKey(m, path[path.length - 1]!, value);
    return true;
}

function removeNested(o: Obj, ...path: string[]): void {
    const parent = nested(o, ...path.slice(0, -1));
    if (parent.found && isMapValue(parent.value)) delete parent.value[path[path.length - 1]!];
}

// ---------------------------------------------------------------------------------------------------------------
// Kinds: type tokens, List types, namespace scope
// ---------------------------------------------------------------------------------------------------------------

/** Every apiVersion/kind the 4.34.2 SDK registers as a typed resource (yaml.js parseYamlObject, kinds.go RegisterResource). */
const BUILTIN_KINDS: Record<string, string> = {
    "admissionregistration.k8s.io/v1": "MutatingAdmissionPolicy MutatingAdmissionPolicyBinding MutatingWebhookConfiguration ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding ValidatingWebhookConfiguration",
    "admissionregistration.k8s.io/v1alpha1": "MutatingAdmissionPolicy MutatingAdmissionPolicyBinding ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding",
    "admissionregistration.k8s.io/v1beta1": "MutatingAdmissionPolicy MutatingAdmissionPolicyBinding MutatingWebhookConfiguration ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding ValidatingWebhookConfiguration",
    "apiextensions.k8s.io/v1": "CustomResourceDefinition",
    "apiextensions.k8s.io/v1beta1": "CustomResourceDefinition",
    "apiregistration.k8s.io/v1": "APIService",
    "apiregistration.k8s.io/v1beta1": "APIService",
    "apps/v1": "ControllerRevision DaemonSet Deployment ReplicaSet StatefulSet",
    "apps/v1beta1": "ControllerRevision Deployment StatefulSet",
    "apps/v1beta2": "ControllerRevision DaemonSet Deployment ReplicaSet StatefulSet",
    "auditregistration.k8s.io/v1alpha1": "AuditSink",
    "autoscaling/v1": "HorizontalPodAutoscaler",
    "autoscaling/v2": "HorizontalPodAutoscaler",
    "autoscaling/v2beta1": "HorizontalPodAutoscaler",
    "autoscaling/v2beta2": "HorizontalPodAutoscaler",
    "batch/v1": "CronJob Job",
    "batch/v1beta1": "CronJob",
    "batch/v2alpha1": "CronJob",
    "certificates.k8s.io/v1": "CertificateSigningRequest ClusterTrustBundle PodCertificateRequest",
    "certificates.k8s.io/v1alpha1": "ClusterTrustBundle",
    "certificates.k8s.io/v1beta1": "CertificateSigningRequest ClusterTrustBundle PodCertificateRequest",
    "coordination.k8s.io/v1": "Lease",
    "coordination.k8s.io/v1alpha1": "LeaseCandidate",
    "coordination.k8s.io/v1alpha2": "LeaseCandidate",
    "coordination.k8s.io/v1beta1": "Lease LeaseCandidate",
    "discovery.k8s.io/v1": "EndpointSlice",
    "discovery.k8s.io/v1beta1": "EndpointSlice",
    "events.k8s.io/v1": "Event",
    "events.k8s.io/v1beta1": "Event",
    "extensions/v1beta1": "DaemonSet Deployment Ingress NetworkPolicy PodSecurityPolicy ReplicaSet",
    "flowcontrol.apiserver.k8s.io/v1": "FlowSchema PriorityLevelConfiguration",
    "flowcontrol.apiserver.k8s.io/v1alpha1": "FlowSchema PriorityLevelConfiguration",
    "flowcontrol.apiserver.k8s.io/v1beta1": "FlowSchema PriorityLevelConfiguration",
    "flowcontrol.apiserver.k8s.io/v1beta2": "FlowSchema PriorityLevelConfiguration",
    "flowcontrol.apiserver.k8s.io/v1beta3": "FlowSchema PriorityLevelConfiguration",
    "lifecycle.k8s.io/v1alpha1": "Eviction EvictionRequest",
    "meta/v1": "Status",
    "networking.k8s.io/v1": "IPAddress Ingress IngressClass NetworkPolicy ServiceCIDR",
    "networking.k8s.io/v1alpha1": "ClusterCIDR IPAddress ServiceCIDR",
    "networking.k8s.io/v1beta1": "IPAddress Ingress IngressClass ServiceCIDR",
    "node.k8s.io/v1": "RuntimeClass",
    "node.k8s.io/v1alpha1": "RuntimeClass",
    "node.k8s.io/v1beta1": "RuntimeClass",
    "policy/v1": "PodDisruptionBudget",
    "policy/v1beta1": "PodDisruptionBudget PodSecurityPolicy",
    "rbac.authorization.k8s.io/v1": "ClusterRole ClusterRoleBinding Role RoleBinding",
    "rbac.authorization.k8s.io/v1alpha1": "ClusterRole ClusterRoleBinding Role RoleBinding",
    "rbac.authorization.k8s.io/v1beta1": "ClusterRole ClusterRoleBinding Role RoleBinding",
    "resource.k8s.io/v1": "DeviceClass DeviceTaintRule ResourceClaim ResourceClaimTemplate ResourceSlice",
    "resource.k8s.io/v1alpha1": "PodScheduling ResourceClaim ResourceClaimTemplate ResourceClass",
    "resource.k8s.io/v1alpha2": "PodSchedulingContext ResourceClaim ResourceClaimParameters ResourceClaimTemplate ResourceClass ResourceClassParameters ResourceSlice",
    "resource.k8s.io/v1alpha3": "DeviceClass DeviceTaintRule PodSchedulingContext ResourceClaim ResourceClaimTemplate ResourcePoolStatusRequest ResourceSlice",
    "resource.k8s.io/v1beta1": "DeviceClass ResourceClaim ResourceClaimTemplate ResourceSlice",
    "resource.k8s.io/v1beta2": "DeviceClass DeviceTaintRule ResourceClaim ResourceClaimTemplate ResourceSlice",
    "scheduling.k8s.io/v1": "PriorityClass",
    "scheduling.k8s.io/v1alpha1": "PriorityClass Workload",
    "scheduling.k8s.io/v1alpha2": "PodGroup Workload",
    "scheduling.k8s.io/v1alpha3": "CompositePodGroup PodGroup Workload",
    "scheduling.k8s.io/v1beta1": "PodGroup PriorityClass Workload",
    "settings.k8s.io/v1alpha1": "PodPreset",
    "storage.k8s.io/v1": "CSIDriver CSINode CSIStorageCapacity StorageClass VolumeAttachment VolumeAttributesClass",
    "storage.k8s.io/v1alpha1": "VolumeAttachment VolumeAttributesClass",
    "storage.k8s.io/v1beta1": "CSIDriver CSINode CSIStorageCapacity StorageClass VolumeAttachment VolumeAttributesClass",
    "storagemigration.k8s.io/v1": "StorageVersionMigration",
    "storagemigration.k8s.io/v1alpha1": "StorageVersionMigration",
    "storagemigration.k8s.io/v1beta1": "StorageVersionMigration",
    "v1": "Binding ConfigMap Endpoints Event LimitRange Namespace Node PersistentVolume PersistentVolumeClaim Pod PodTemplate ReplicationController ResourceQuota Secret Service ServiceAccount",
};
const KNOWN_KINDS = new Set(Object.entries(BUILTIN_KINDS).flatMap(([gv, kinds]) => kinds.split(" ").map((k) => `${gv}/${k}`)));
/** The three built-in kinds without a `<Kind>List` type (yaml.js's list of List kinds is every other one). */
const WITHOUT_LIST = new Set(["meta/v1/Status", "resource.k8s.io/v1alpha3/ResourceSlice", "v1/Binding"]);
/** kinds.go KnownGroupVersions: the group versions of the built-in kinds, and `core/v1` as an alias of `v1`. */
const KNOWN_GROUP_VERSIONS = new Set([...Object.keys(BUILTIN_KINDS), "core/v1"]);

/** The apiVersion/kind pairs the SDK registers as typed resources (exported for the test against the SDK's own list). */
export function builtinKinds(): string[] {
    return [...KNOWN_KINDS].sort();
}

const tokenModule = (apiVersion: string): string => (apiVersion === "v1" ? "core/v1" : apiVersion);

/**
 * The type token ConfigGroup registers an object as (sdk/go/kubernetes/yaml/v2/kinds.go RegisterResource): a built-in
 * kind as `kubernetes:<group>/<version>:<Kind>` (`v1` is the `core` group); anything else, CRD-defined kinds and
 * unknown kinds of known groups alike, as a CustomResource `kubernetes:<apiVersion>:<Kind>` verbatim.
 */
export function kubernetesTypeToken(apiVersion: string, kind: string): string {
    return KNOWN_KINDS.has(`${apiVersion}/${kind}`) ? `kubernetes:${tokenModule(apiVersion)}:${kind}` : `kubernetes:${apiVersion}:${kind}`;
}

/** kinds.go ListQualifiedTypes: the List resource types, which Check refuses. */
const LIST_TYPES = new Set([...KNOWN_KINDS].filter((k) => !WITHOUT_LIST.has(k)).map((k) => {
    const i = k.lastIndexOf("/");
    return `kubernetes:${tokenModule(k.slice(0, i))}:${k.slice(i + 1)}List`;
}));

// kinds.go Kind.Namespaced(): the static table the provider consults before a CRD or the cluster.
const NAMESPACED = new Set(("Binding ConfigMap ControllerRevision CronJob CSIStorageCapacity DaemonSet Deployment Endpoints " +
    "EndpointSlice Event HorizontalPodAutoscaler Ingress Job Lease LimitRange NetworkPolicy PersistentVolumeClaim Pod " +
    "PodDisruptionBudget PodTemplate ReplicaSet ReplicationController ResourceQuota Role RoleBinding Secret Service " +
    "ServiceAccount StatefulSet").split(" "));
const CLUSTER_SCOPED = new Set(("APIService CertificateSigningRequest ClusterRole ClusterRoleBinding CSIDriver CSINode " +
    "CustomResourceDefinition FlowSchema IngressClass MutatingWebhookConfiguration Namespace Node PersistentVolume " +
    "PodSecurityPolicy PriorityClass PriorityLevelConfiguration RuntimeClass StorageClass ValidatingWebhookConfiguration " +
    "VolumeAttachment").split(" "));

/**
 * What the cluster's discovery API says of a kind the static table and the CRDs do not cover: true (namespaced),
 * false (cluster-scoped) or undefined (the cluster does not serve it, or is unreachable).
 */
export type DiscoveredScope = (group: string, version: string, kind: string) => boolean | undefined;

interface Gvk {
    group: string;
    version: string;
    kind: string;
}

/** schema.ParseGroupVersion; undefined where it errors (more than one `/`). */
function parseGroupVersion(apiVersion: string): { group: string; version: string } | undefined {
    if (apiVersion === "" || apiVersion === "/") return { group: "", version: "" };
    const parts = apiVersion.split("/");
    if (parts.length === 1) return { group: "", version: apiVersion };
    if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
    return undefined;
}

/** Unstructured.GroupVersionKind: the empty GVK when the apiVersion does not parse. */
function gvkOf(obj: Obj): Gvk {
    const gv = parseGroupVersion(nestedString(obj, "apiVersion"));
    return gv ? { ...gv, kind: nestedString(obj, "kind") } : { group: "", version: "", kind: "" };
}

function isCrd(obj: Obj): boolean {
    return nestedString(obj, "kind") === "CustomResourceDefinition" && nestedString(obj, "apiVersion").startsWith("apiextensions.k8s.io/");
}

/** Whether `obj` is a CustomResourceDefinition: the caller keeps those Check has seen (the provider's CRD cache). */
export const isCustomResourceDefinition = isCrd;

/**
 * clients.IsNamespacedKind: the static table (only for known group versions, `Patch` and `List` suffixes trimmed),
 * then a CRD among `crds` whose spec.group/spec.names.kind match, then the cluster's discovery. Undefined is the
 * provider's NoNamespaceInfoErr.
 */
function namespacedScope(gvk: Gvk, crds: readonly Obj[], discovered?: DiscoveredScope): boolean | undefined {
    const group = gvk.group === "core" ? "" : gvk.group;
    const gv = group === "" ? gvk.version : `${group}/${gvk.version}`;
    if (KNOWN_GROUP_VERSIONS.has(gv)) {
        const base = gvk.kind.replace(/Patch$/, "").replace(/List$/, "");
        if (NAMESPACED.has(base)) return true;
        if (CLUSTER_SCOPED.has(base)) return false;
    }
    const crd = crds.find((c) => isCrd(c) && nested(c, "spec", "group").value === group && nested(c, "spec", "names", "kind").value === gvk.kind);
    if (crd) {
        const scope = nested(crd, "spec", "scope");
        if (scope.found && typeof scope.value !== "string") throw new Error(".spec.scope accessor error: expected string");
        return scope.value === "Namespaced";
    }
    return discovered?.(group, gvk.version, gvk.kind);
}

// ---------------------------------------------------------------------------------------------------------------
// YAML as go-yaml v2 reads it (sigs.k8s.io/yaml: YAML -> Go values -> JSON -> map[string]interface{})
// ---------------------------------------------------------------------------------------------------------------

type GoScalar = { t: "null" } | { t: "bool"; v: boolean } | { t: "int"; v: bigint } | { t: "float"; v: number } | { t: "str"; v: string };
interface GoMap {
    t: "map";
    entries: Map<string, { key: GoScalar; value: GoValue }>;
}
type GoValue = GoScalar | GoMap | GoValue[];

const str = (v: string): GoScalar => ({ t: "str", v });
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

// go-yaml v2 resolve.go: the words it reads as something other than a string (YAML 1.1: yes/no/on/off are booleans).
const RESOLVE_WORDS = new Map<string, GoScalar>();
for (const w of ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]) RESOLVE_WORDS.set(w, { t: "bool", v: true });
for (const w of ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]) RESOLVE_WORDS.set(w, { t: "bool", v: false });
for (const w of ["", "~", "null", "Null", "NULL"]) RESOLVE_WORDS.set(w, { t: "null" });
for (const w of [".nan", ".NaN", ".NAN"]) RESOLVE_WORDS.set(w, { t: "float", v: NaN });
for (const w of [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]) RESOLVE_WORDS.set(w, { t: "float", v: Infinity });
for (const w of ["-.inf", "-.Inf", "-.INF"]) RESOLVE_WORDS.set(w, { t: "float", v: -Infinity });
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** strconv.ParseUint(s, 0, 64): 0x/0o/0b prefixes, a bare leading 0 is octal. */
function goParseUint(s: string): bigint | "syntax" | "range" {
    if (s === "") return "syntax";
    let base = 10n;
    let digits = s;
    if (s[0] === "0") {
        const p = s.length >= 3 ? s[1]!.toLowerCase() : "";
        if (p === "b" || p === "o" || p === "x") {
            base = p === "b" ? 2n : p === "o" ? 8n : 16n;
            digits = s.slice(2);
        } else {
            base = 8n;
            digits = s.slice(1);
        }
    }
    let n = 0n;
    for (const c of digits.toLowerCase()) {
        const d = c >= "0" && c <= "9" ? BigInt(c.charCodeAt(0) - 48) : c >= "a" && c <= "z" ? BigInt(c.charCodeAt(0) - 87) : 99n;
        if (d >= base) return "syntax";
        n = n * base + d;
        if (n > UINT64_MAX) return "range";
    }
    return n;
}

function goParseInt(s: string): bigint | "syntax" | "range" {
    const neg = s[0] === "-";
    const u = goParseUint(s[0] === "-" || s[0] === "+" ? s.slice(1) : s);
    if (typeof u === "string") return u;
    if (neg ? -u < INT64_MIN : u > INT64_MAX) return "range";
    return neg ? -u : u;
}

/** go-yaml v2 resolve() for an untagged plain scalar: null, bool, int, float, or the string itself. */
function resolvePlain(text: string): GoScalar {
    const word = RESOLVE_WORDS.get(text);
    if (word) return word;
    const c = text[0]!;
    if (c === ".") {
        return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? { t: "float", v: Number(text) } : str(text);
    }
    if (!(c === "+" || c === "-" || (c >= "0" && c <= "9"))) return str(text);
    // Timestamps also start with a digit, but a Go interface{} target gets their text back, so they end as strings.
    const plain = text.replaceAll("_", "");
    const i = goParseInt(plain);
    if (typeof i === "bigint") return { t: "int", v: i };
    const u = goParseUint(plain);
    if (typeof u === "bigint") return { t: "int", v: u };
    if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return { t: "float", v: Number(plain) };
    return str(text);
}

const YAML_TAG = "tag:yaml.org,2002:";
const shortTag = (tag: string): string => (tag.startsWith(YAML_TAG) ? `!!${tag.slice(YAML_TAG.length)}` : tag);
const goTagOf = (s: GoScalar): string => ({ null: "!!null", bool: "!!bool", int: "!!int", float: "!!float", str: "!!str" })[s.t];

/** A scalar with an explicit tag: core tags resolve and must agree (`!!float` takes an int); others stay text. */
function resolveTagged(tag: string, text: string): GoScalar {
    if (tag === "!!str" || tag === "!!timestamp") return str(text);
    if (tag === "!!binary") {
        const b64 = text.replace(/[\r\n]/g, "");
        if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64)) throw new Error("yaml: !!binary value contains invalid base64 data");
        return str(Buffer.from(b64, "base64").toString("utf8"));
    }
    if (!["!!bool", "!!int", "!!float", "!!null"].includes(tag)) return str(text);
    const r = resolvePlain(text);
    if (goTagOf(r) === tag) return r;
    if (tag === "!!float" && r.t === "int") return { t: "float", v: Number(r.v) };
    throw new Error(`yaml: cannot decode ${goTagOf(r)} \`${text}\` as a ${tag}`);
}

type YamlNode = unknown;

function isMergeKey(k: YamlNode): boolean {
    if (!isScalar(k) || String(k.value) !== "<<") return false;
    return k.tag ? shortTag(k.tag) === "!!merge" : k.type === "PLAIN";
}

class GoYamlReader {
    private readonly active = new Set<unknown>();
    constructor(private readonly doc: Document) {}

    value(node: YamlNode): GoValue {
        if (node === null || node === undefined) return { t: "null" };
        if (isAlias(node)) return this.viaAlias(node, (target) => this.value(target));
        if (isScalar(node)) {
            const text = node.value === null || node.value === undefined ? "" : String(node.value);
            if (node.tag) return resolveTagged(shortTag(node.tag), text);
            // Quoted and block scalars are strings; only plain ones are resolved (go-yaml's `implicit`).
            return node.type === "PLAIN" || node.type === undefined ? resolvePlain(text) : str(text);
        }
        if (isMap(node)) {
            const out: GoMap = { t: "map", entries: new Map() };
            this.mappingInto(node, out);
            return out;
        }
        if (isSeq(node)) return node.items.map((i) => this.value(i));
        throw new Error("yaml: unsupported node");
    }

    private viaAlias<T>(node: Alias, f: (target: YamlNode) => T): T {
        const target = node.resolve(this.doc);
        if (target === undefined) throw new Error(`yaml: unknown anchor '${node.source}' referenced`);
        if (this.active.has(target)) throw new Error(`yaml: anchor '${node.source}' value contains itself`);
        this.active.add(target);
        try {
            return f(target);
        } finally {
            this.active.delete(target);
        }
    }

    /** go-yaml v2 decoder.mapping: keys in order, a later key wins, and a `<<` merge writes its keys where it stands. */
    private mappingInto(node: YamlNode, out: GoMap): void {
        if (!isMap(node)) throw new Error("yaml: map merge requires map or sequence of maps as the value");
        for (const pair of node.items) {
            if (isMergeKey(pair.key)) {
                this.merge(pair.value, out);
                continue;
            }
            const key = this.value(pair.key);
            if (Array.isArray(key) || key.t === "map") throw new Error("yaml: invalid map key: a map or a sequence");
            out.entries.set(`${key.t}:${"v" in key ? String(key.v) : ""}`, { key, value: this.value(pair.value) });
        }
    }

    private merge(node: YamlNode, out: GoMap): void {
        if (isAlias(node)) return this.viaAlias(node, (target) => this.mappingInto(target, out));
        if (isMap(node)) return this.mappingInto(node, out);
        if (!isSeq(node)) throw new Error("yaml: map merge requires map or sequence of maps as the value");
        // Earlier maps of the sequence take precedence, so they are merged last.
        for (const item of [...node.items].reverse()) {
            if (isAlias(item)) this.viaAlias(item, (target) => this.mappingInto(target, out));
            else this.mappingInto(item, out);
        }
    }
}

/** strconv.FormatFloat(f, 'g', -1, 32): how sigs.k8s.io/yaml names a float map key. */
function formatFloat32(f: number): string {
    if (Number.isNaN(f)) return ".nan";
    const f32 = Math.fround(f);
    if (f32 === Infinity) return ".inf";
    if (f32 === -Infinity) return "-.inf";
    if (f32 === 0) return Object.is(f32, -0) ? "-0" : "0";
    let digits = "";
    let exp = 0;
    for (let p = 1; p <= 9; p++) {
        const [mant, e] = Math.abs(f32).toExponential(p - 1).split("e");
        if (Math.fround(Number(`${mant}e${e}`)) === Math.abs(f32)) {
            digits = mant!.replace(".", "");
            exp = Number(e);
            break;
        }
    }
    const sign = f32 < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
        const e = `${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
        return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${e}`;
    }
    if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    const frac = digits.slice(exp + 1);
    return `${sign}${whole}${frac ? `.${frac}` : ""}`;
}

/** sigs.k8s.io/yaml convertToJSONableObject + json.Marshal + json.Unmarshal: keys become strings, numbers float64. */
function toJsonValue(v: GoValue): unknown {
    if (Array.isArray(v)) return v.map(toJsonValue);
    switch (v.t) {
        case "null":
            return null;
        case "bool":
        case "str":
            return v.v;
        case "int":
            return Number(v.v);
        case "float":
            if (!Number.isFinite(v.v)) throw new Error(`error converting YAML to JSON: json: unsupported value: ${Number.isNaN(v.v) ? "NaN" : v.v > 0 ? "+Inf" : "-Inf"}`);
            return v.v;
        case "map": {
            const out: Obj = {};
            for (const { key, value } of v.entries.values()) setKey(out, jsonKey(key), toJsonValue(value));
            return out;
        }
    }
}

function jsonKey(k: GoScalar): string {
    switch (k.t) {
        case "str":
            return k.v;
        case "bool":
            return String(k.v);
        case "int":
            if (k.v > INT64_MAX) throw new Error(`error converting YAML to JSON: unsupported map key of type: uint64, key: ${k.v}`);
            return k.v.toString();
        case "float":
            return formatFloat32(k.v);
        case "null":
            throw new Error("error converting YAML to JSON: unsupported map key of type: <nil>");
    }
}

/** One YAML document as sigs.k8s.io/yaml.Unmarshal gives it (only its first document counts, as with go-yaml). */
function goYamlDocument(text: string): unknown {
    const docs = parseAllDocuments(text, { schema: "failsafe", uniqueKeys: false, version: "1.1" });
    const doc = Array.isArray(docs) ? docs[0] : undefined;
    if (!doc) return null;
    if (doc.errors.length > 0) throw new Error(`error converting YAML to JSON: yaml: ${doc.errors[0]!.message.split("\n")[0]}`);
    return toJsonValue(new GoYamlReader(doc).value(doc.contents));
}

function goTypeName(v: unknown): string {
    return Array.isArray(v) ? "array" : typeof v === "string" ? "string" : typeof v === "number" ? "number" : "bool";
}

/** json.Unmarshal into a `map[string]interface{}`: null leaves it nil, anything but an object is an error. */
function asDocumentMap(v: unknown): Obj | null {
    if (v === null) return null;
    if (isMapValue(v)) return v;
    throw new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${goTypeName(v)} into Go value of type map[string]interface {}`);
}

/**
 * YAMLReader.Read: documents are split on lines that start with `---`, which may be followed only by spaces and a
 * comment; line ends are normalised to `\n` (bufio ReadLine drops `\r\n`).
 */
function splitYamlDocuments(text: string): string[] {
    const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
    if (lines[lines.length - 1] === "") lines.pop();
    const docs: string[] = [];
    let buf = "";
    for (const line of lines) {
        if (line.startsWith("---")) {
            const rest = line.slice(3).trim();
            if (rest !== "" && rest[0] !== "#") throw new Error(`invalid Yaml document separator: ${rest}`);
            if (buf !== "") docs.push(buf);
            buf = "";
            continue;
        }
        buf += `${line}\n`;
    }
    if (buf !== "") docs.push(buf);
    return docs;
}

/** The end of the JSON value that starts at `i`, or -1 where the text there is not one. */
function jsonValueEnd(s: string, i: number): number {
    const ws = (j: number): number => {
        while (j < s.length && " \t\r\n".includes(s[j]!)) j++;
        return j;
    };
    const value = (start: number): number => {
        let j = ws(start);
        const c = s[j];
        if (c === "{" || c === "[") {
            const close = c === "{" ? "}" : "]";
            j = ws(j + 1);
            if (s[j] === close) return j + 1;
            for (;;) {
                if (c === "{") {
                    const keyEnd = value(j);
                    if (keyEnd < 0) return -1;
                    j = ws(keyEnd);
                    if (s[j] !== ":") return -1;
                    j += 1;
                }
                j = value(j);
                if (j < 0) return -1;
                j = ws(j);
                if (s[j] === ",") j += 1;
                else if (s[j] === close) return j + 1;
                else return -1;
            }
        }
        if (c === "\"") {
            for (j += 1; j < s.length; j++) {
                if (s[j] === "\\") j++;
                else if (s[j] === "\"") return j + 1;
            }
            return -1;
        }
        const m = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)/.exec(s.slice(j));
        return m ? j + m[0].length : -1;
    };
    return value(i);
}

/**
 * yaml.NewYAMLOrJSONDecoder(text, 128).Decode into `map[string]interface{}`, repeated to EOF: a stream whose first
 * 128 bytes start (after whitespace) with `{` is read as JSON objects; a JSON failure after at most one object
 * switches to YAML from there (after whitespace up to the first newline), a later one is an error.
 */
function decodeManifestStream(text: string): (Obj | null)[] {
    const out: (Obj | null)[] = [];
    let rest = text;
    const head = Buffer.from(text, "utf8").subarray(0, 128).toString("utf8");
    if (head.trimStart().startsWith("{")) {
        let pos = 0;
        for (;;) {
            const start = pos;
            while (pos < text.length && " \t\r\n".includes(text[pos]!)) pos++;
            if (pos >= text.length) return out;
            const end = jsonValueEnd(text, pos);
            let parsed: unknown;
            let failed = end < 0;
            if (!failed) {
                try {
                    parsed = JSON.parse(text.slice(pos, end));
                } catch {
                    failed = true;
                }
                failed ||= parsed !== null && !isMapValue(parsed);
            }
            if (!failed) {
                out.push(parsed as Obj | null);
                pos = end;
                continue;
            }
            if (out.length > 1) throw new Error(`json: offset ${pos}: invalid JSON object in a JSON stream`);
            let j = start;
            while (j < text.length && /\s/.test(text[j]!) && text[j] !== "\n") j++;
            if (text[j] === "\n") j++;
            rest = text.slice(j);
            break;
        }
    }
    for (const doc of splitYamlDocuments(rest)) out.push(asDocumentMap(goYamlDocument(doc)));
    return out;
}

/**
 * The `kubernetes:yaml:decode` invoke: every document of `text` that has a string `kind` and `apiVersion`, in order,
 * as `{ result: [...] }`. `List` kinds are not expanded here (the SDK's ConfigFile v1 does that itself); empty and
 * comment-only documents are dropped; null values stay. With a `defaultNamespace`, a namespaced kind (or one whose
 * scope is unknown, which the provider assumes namespaced) without a namespace gets it.
 */
export function decodeYaml(text: string, defaultNamespace = "", discovered?: DiscoveredScope): { result: Obj[] } {
    const result: Obj[] = [];
    for (const obj of decodeManifestStream(text)) {
        if (obj === null || nestedString(obj, "kind") === "" || nestedString(obj, "apiVersion") === "") continue;
        if (defaultNamespace !== "" && nestedString(obj, "metadata", "namespace") === "") {
            if (namespacedScope(gvkOf(obj), [], discovered) ?? true) setNested(obj, defaultNamespace, "metadata", "namespace");
        }
        result.push(obj);
    }
    return { result };
}

// ---------------------------------------------------------------------------------------------------------------
// Check
// ---------------------------------------------------------------------------------------------------------------

export interface KubernetesCheckOptions {
    /**
     * The provider's default namespace (`kubernetesDefaultNamespace`), set on namespaced kinds that have none.
     * @default "" - no namespace is applied (the provider had neither a `namespace` nor a usable kubeconfig)
     */
    defaultNamespace?: string;
    /** `enableServerSideApply` provider config. @default true - the provider's default since v4 */
    serverSideApply?: boolean;
    /** `renderYamlToDirectory` is set. @default false */
    renderYamlToDirectory?: boolean;
    /** The engine's autonaming options (`pulumi:autonaming` config). @default undefined - the provider's own autoname */
    autonaming?: { mode: "propose" | "enforce" | "disable"; proposedName?: string };
    /** CRDs this provider already checked in the deployment (its CRD cache). @default [] */
    crds?: readonly Obj[];
    /** The cluster's discovery, for kinds the static table and the CRDs do not cover. @default none - no answer */
    discoveredScope?: DiscoveredScope;
    /** PULUMI_KUBERNETES_MANAGED_BY_LABEL, used only without server-side apply. @default "pulumi" */
    managedByLabel?: string;
}

export interface CheckFailure {
    property?: string;
    reason: string;
}

/** urn.Name(): everything after the third `::`. */
function urnName(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

/**
 * The autoname: `<name>-` and 8 characters of [0-9a-f] (resource.NewUniqueName with randlen 0 and no charset). The
 * provider draws them from the engine's random seed for the resource, so the real suffix is random; here they are
 * derived from the URN so a run is repeatable.
 */
export function kubernetesAutoname(urn: string): string {
    return `${urnName(urn)}-${createHash("sha256").update(urn).digest("hex").slice(0, 8)}`;
}

/** metadata.IsNamed: a name that is a string, or one that is unknown, in the inputs as sent. */
function isNamed(obj: Obj, news: Obj): boolean {
    const md = news.metadata;
    if (isMapValue(md) && isUnknown(md.name)) return true;
    return nestedString(obj, "metadata", "name") !== "";
}

function isGenerateName(obj: Obj, news: Obj): boolean {
    if (isNamed(obj, news)) return false;
    const md = news.metadata;
    if (isMapValue(md) && isUnknown(md.generateName)) return true;
    return nestedString(obj, "metadata", "generateName") !== "";
}

/** metadata.SetAnnotation / TrySetLabel: nothing is set under an unknown metadata or annotations/labels map. */
function setMetadataEntry(obj: Obj, field: "annotations" | "labels", key: string, value: string): void {
    const md = obj.metadata;
    if (isUnknown(md)) return;
    if (md !== undefined && !isMapValue(md)) throw new Error(`expected .metadata to be a map[string]interface{}, got ${goTypeName(md)}`);
    const metadata = md ?? {};
    if (md === undefined) setKey(obj, "metadata", metadata);
    const current = metadata[field];
    if (isUnknown(current)) return;
    if (current !== undefined && !isMapValue(current)) throw new Error(`expected .metadata.${field} to be a map[string]interface{}, got ${goTypeName(current)}`);
    const entries = current ?? {};
    setKey(entries, key, value);
    setKey(metadata, field, entries);
}

/** base64.StdEncoding.DecodeString then EncodeToString, as normalizeSecretData does; undefined where Go would fail. */
function reencodeBase64(s: string): string | undefined {
    const b64 = s.replace(/[\r\n]/g, "");
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64)) return undefined;
    return Buffer.from(b64, "base64").toString("base64");
}

/**
 * clients.Normalize for the two kinds it normalises by hand: a CRD loses `spec.preserveUnknownFields: false` and
 * `status`; a Secret's `stringData` is base64-encoded into `data` (overwriting the same keys) and its `data` values
 * are re-encoded. Other built-in kinds go through a typed round trip that is not reproduced here (see the report).
 */
function normalizeKnownKind(obj: Obj): void {
    if (isCrd(obj)) {
        if (nested(obj, "spec", "preserveUnknownFields").value === false) removeNested(obj, "spec", "preserveUnknownFields");
        delete obj.status;
        return;
    }
    const gvk = gvkOf(obj);
    if (!((gvk.group === "" || gvk.group === "core") && gvk.kind === "Secret")) return;
    const stringData = obj.stringData;
    const stringMap = isMapValue(stringData) && Object.values(stringData).every((v) => typeof v === "string") ? stringData as Record<string, string> : undefined;
    if (stringMap && Object.keys(stringMap).length > 0) {
        const data: Obj = isMapValue(obj.data) ? { ...obj.data } : {};
        for (const [k, v] of Object.entries(stringMap)) setKey(data, k, Buffer.from(v, "utf8").toString("base64"));
        setKey(obj, "data", data);
        delete obj.stringData;
        return;
    }
    if (isMapValue(obj.data)) {
        for (const [k, v] of Object.entries(obj.data)) {
            const again = typeof v === "string" ? reencodeBase64(v) : undefined;
            if (again !== undefined) setKey(obj.data, k, again);
        }
    }
}

/** provider.go annotateSecrets: a Secret's data and stringData are secret; elsewhere secretness comes back from the inputs. */
function annotateSecrets(outs: Obj, ins: unknown): void {
    if (outs.kind === "Secret") {
        for (const key of ["data", "stringData"]) if (Object.hasOwn(outs, key) && !isSecret(outs[key])) setKey(outs, key, secretOf(outs[key]));
        return;
    }
    if (!isMapValue(ins)) return;
    for (const [key, inValue] of Object.entries(ins)) {
        if (!Object.hasOwn(outs, key)) continue;
        const outValue = outs[key];
        if (isMapValue(outValue) && isMapValue(inValue)) annotateSecrets(outValue, inValue);
        else if (!isSecret(outValue) && containsSecret(inValue)) setKey(outs, key, secretOf(outValue));
    }
}

/**
 * What the provider's Check returns for a new resource (no old inputs) in a preview, in the order it does it:
 * refuse List types and (without server-side apply) Patch types; normalise CRDs and Secrets; drop read-only metadata;
 * autoname an unnamed autonamable object and annotate it `pulumi.com/autonamed`; refuse `generateName` under
 * server-side apply; set the default namespace on a namespaced kind that has none; put secretness back.
 */
export function kubernetesCheck(type: string, resourceName: string, urn: string, inputs: Obj, options: KubernetesCheckOptions = {}): { inputs: Obj; failures: CheckFailure[] } {
    const ssa = options.serverSideApply ?? true;
    const label = `${type} ${resourceName}`;
    if (type === "kubernetes:helm.sh/v3:Release") throw unrenderableOffline(type, resourceName, inputs);
    if (LIST_TYPES.has(type)) {
        throw new Error(`${label}: list resources exist for compatibility with YAML manifests and Helm charts, and cannot be created directly. Use the underlying resource type instead`);
    }
    const news = structuredClone(inputs);
    const obj = unwrap(news, true) as Obj;
    const isPatch = `${nestedString(obj, "kind")}Patch` === type.split(":")[2];
    if (!ssa && isPatch) throw new Error(`${label}: patch resources require Server-Side Apply mode, which is enabled using the \`enableServerSideApply\` Provider config`);

    // normalizeInputs: the kind-specific normalisation runs only on fully known objects of a built-in group version.
    if (!containsUnknown(obj) && KNOWN_GROUP_VERSIONS.has(nestedString(obj, "apiVersion"))) normalizeKnownKind(obj);
    for (const field of ["creationTimestamp", "deletionGracePeriodSeconds", "deletionTimestamp", "generation", "managedFields", "resourceVersion", "uid"]) {
        removeNested(obj, "metadata", field);
    }
    if (ssa && isPatch && nestedString(obj, "metadata", "name") === "") throw new Error(`${label}: patch resources require the \`.metadata.name\` field to be set`);

    // AssignNameIfAutonamable: an unknown metadata (or annotations) map is left as it is.
    if (!isNamed(obj, news) && !isGenerateName(obj, news)) {
        let name = kubernetesAutoname(urn);
        if (options.autonaming?.mode === "disable") throw new Error(`${label}: autonaming is disabled, resource requires the .metadata.name field to be set`);
        if (options.autonaming?.proposedName) name = options.autonaming.proposedName;
        if (setNested(obj, name, "metadata", "name")) setMetadataEntry(obj, "annotations", "pulumi.com/autonamed", "true");
    }
    // Only client-side apply marks the object; with server-side apply the field managers say who manages it.
    if (!ssa) setMetadataEntry(obj, "labels", "app.kubernetes.io/managed-by", options.managedByLabel ?? "pulumi");
    if (isGenerateName(obj, news)) {
        if (ssa) throw new Error(`${label}: the \`.metadata.generateName\` field is not supported in Server-Side Apply mode`);
        if (options.renderYamlToDirectory) throw new Error(`${label}: the \`.metadata.generateName\` field is not supported in YAML rendering mode`);
    }

    // gvkFromURN: the type's module must be `<group>/<version>`.
    const [pkg, mod = "", kind = ""] = type.split(":");
    if (pkg !== "kubernetes") throw new Error(`unrecognized resource type: "${type}" for this provider`);
    const gv = mod.split("/");
    if (gv.length !== 2) throw new Error(`apiVersion does not have both a group and a version: "${mod}"`);

    // An unknown namespace reads as "" (GetNamespace), so the default replaces it, as the provider does.
    const ns = options.defaultNamespace ?? "";
    if (ns !== "" && nestedString(obj, "metadata", "namespace") === "") {
        const namespaced = namespacedScope({ group: gv[0]!, version: gv[1]!, kind }, options.crds ?? [], options.discoveredScope) ?? true;
        if (namespaced) setNested(obj, ns, "metadata", "namespace");
    }
    annotateSecrets(obj, news);
    return { inputs: obj, failures: [] };
}

/**
 * The provider's default namespace (Configure): its `namespace` config; else, with a kubeconfig (its contents, YAML
 * or JSON), the namespace of the context in use (the `context` config, else current-context), "default" when that
 * context has none; "" when no usable kubeconfig is given (client-go's validation fails: no such context, or its
 * cluster has no server). A kubeconfig given as a file path, or none at all (the ambient ~/.kube/config), must be
 * read by the caller and passed as `kubeconfig`.
 */
export function kubernetesDefaultNamespace(config: { namespace?: string; kubeconfig?: string; context?: string; cluster?: string }): string {
    if (config.namespace) return config.namespace;
    if (!config.kubeconfig) return "";
    let doc: unknown;
    try {
        doc = goYamlDocument(config.kubeconfig);
    } catch {
        return "";
    }
    // The provider reads a value naming an existing file from disk; a pure function cannot, so it says so.
    if (typeof doc === "string") throw new Error(`kubeconfig "${doc}" looks like a file path: read the file and pass its contents`);
    if (!isMapValue(doc)) return "";
    const kc = doc;
    const named = (list: string, name: string): Obj | undefined => {
        const items = kc[list];
        const item = Array.isArray(items) ? items.find((i) => isMapValue(i) && i.name === name) : undefined;
        return isMapValue(item) && isMapValue(item[list.slice(0, -1)]) ? item[list.slice(0, -1)] as Obj : undefined;
    };
    const contextName = config.context || nestedString(kc, "current-context");
    const context = contextName ? named("contexts", contextName) : undefined;
    if (contextName && !context) return "";
    const clusterName = config.cluster || (context ? nestedString(context, "cluster") : "");
    const cluster = named("clusters", clusterName);
    if (!cluster || nestedString(cluster, "server") === "") return "";
    return (context ? nestedString(context, "namespace") : "") || "default";
}

// ---------------------------------------------------------------------------------------------------------------
// yaml/v2 ConfigGroup and ConfigFile
// ---------------------------------------------------------------------------------------------------------------

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

function wireType(v: unknown): string {
    return v === null ? "null" : Array.isArray(v) ? "[]" : isMapValue(v) ? "object" : typeof v === "number" ? "number" : typeof v;
}

/** Go's json.Marshal of the object, cut to 100 characters (printUnstructured), for error messages. */
function printObject(obj: Obj): string {
    const sorted = (v: unknown): unknown => (Array.isArray(v) ? v.map(sorted) : isMapValue(v)
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
    const s = [...JSON.stringify(sorted(obj))];
    return s.length <= 100 ? s.join("") : `${s.slice(0, 97).join("")}...`;
}

const GLOB_PATTERN = /(?:^|[^\\])[*?[]/;
/** url.Parse(file).IsAbs(): a scheme, so the provider fetches it over HTTP. */
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

type GlobToken = { lit: string } | { any: true } | { star: true } | { cls: [string, string][]; negated: boolean };

/** path/filepath.Match's pattern syntax (`*`, `?`, `[...]`, `\` escapes); a malformed pattern throws as Glob does. */
function parseGlob(pattern: string): GlobToken[] {
    const bad = (): never => {
        throw new Error("expanding glob: syntax error in pattern");
    };
    const chars = [...pattern];
    const tokens: GlobToken[] = [];
    let i = 0;
    const esc = (): string => {
        const c = chars[i];
        if (c === undefined || c === "-" || c === "]") bad();
        if (c === "\\") i++;
        const r = chars[i++];
        if (r === undefined) bad();
        return r!;
    };
    while (i < chars.length) {
        const c = chars[i++]!;
        if (c === "*") tokens.push({ star: true });
        else if (c === "?") tokens.push({ any: true });
        else if (c === "\\") {
            if (i >= chars.length) bad();
            tokens.push({ lit: chars[i++]! });
        } else if (c === "[") {
            const negated = chars[i] === "^";
            if (negated) i++;
            const ranges: [string, string][] = [];
            for (;;) {
                if (chars[i] === "]" && ranges.length > 0) {
                    i++;
                    break;
                }
                const lo = esc();
                let hi = lo;
                if (chars[i] === "-") {
                    i++;
                    hi = esc();
                }
                ranges.push([lo, hi]);
                if (i >= chars.length) bad();
            }
            tokens.push({ cls: ranges, negated });
        } else tokens.push({ lit: c });
    }
    return tokens;
}

/** filepath.Match on one path element: no token matches `/`. */
function globMatch(tokens: GlobToken[], name: string): boolean {
    const s = [...name];
    const at = (ti: number, si: number): boolean => {
        if (ti === tokens.length) return si === s.length;
        const t = tokens[ti]!;
        if ("star" in t) {
            for (let j = si; j <= s.length; j++) {
                if (at(ti + 1, j)) return true;
                if (s[j] === "/") return false;
            }
            return false;
        }
        const c = s[si];
        if (c === undefined || c === "/") return false;
        if ("lit" in t) return c === t.lit && at(ti + 1, si + 1);
        if ("any" in t) return at(ti + 1, si + 1);
        const inClass = t.cls.some(([lo, hi]) => lo <= c && c <= hi);
        return inClass !== t.negated && at(ti + 1, si + 1);
    };
    return at(0, 0);
}

const HAS_META = /[*?[\\]/;

/** path/filepath.Glob, relative to `baseDir`, results as the pattern spells them (per directory, names sorted). */
function goGlob(baseDir: string, pattern: string): string[] {
    parseGlob(pattern);
    const abs = (p: string): string => (isAbsolute(p) ? p : join(baseDir, p));
    if (!HAS_META.test(pattern)) {
        try {
            statSync(abs(pattern));
            return [pattern];
        } catch {
            return [];
        }
    }
    const slash = pattern.lastIndexOf("/");
    const dirPart = slash < 0 ? "" : pattern.slice(0, slash + 1);
    const file = pattern.slice(slash + 1);
    const dir = dirPart === "" ? "." : dirPart === "/" ? "/" : dirPart.slice(0, -1);
    const dirs = HAS_META.test(dir) ? (dir === pattern ? [] : goGlob(baseDir, dir)) : [dir];
    const tokens = parseGlob(file);
    const out: string[] = [];
    for (const d of dirs) {
        let names: string[];
        try {
            if (!statSync(abs(d)).isDirectory()) continue;
            names = readdirSync(abs(d)).sort();
        } catch {
            continue;
        }
        for (const n of names) if (globMatch(tokens, n)) out.push(posix.join(d, n));
    }
    return out;
}

/** sort.Strings: byte order, which is code-point order for these UTF-8 strings. */
function byteOrder(a: string, b: string): number {
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** yaml.go Parse: files (URLs are fetched, globs expanded and sorted, else read), then the YAML literal. */
function parseManifests(label: string, files: string[], glob: boolean, yamlText: string, programDir: string): Obj[] {
    const texts: string[] = [];
    for (const file of files) {
        if (URL_SCHEME.test(file)) {
            throw new Error(`${label}: ${file} is a URL, which cannot be read offline (the provider downloads it during the preview); \`pulumi preview --policy-pack\` must decide`);
        }
        const paths = glob && GLOB_PATTERN.test(file) ? goGlob(programDir, file).sort(byteOrder) : [file];
        for (const p of paths) {
            try {
                texts.push(readFileSync(isAbsolute(p) ? p : join(programDir, p), "utf8"));
            } catch (e) {
                throw new Error(`${label}: reading YAML file from disk: open ${p}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (e as Error).message}`, { cause: e });
            }
        }
    }
    texts.push(yamlText);
    const objs: Obj[] = [];
    for (const text of texts) {
        try {
            // yamlDecode keeps every document that is a non-empty map; Normalize then demands kind and apiVersion.
            for (const obj of decodeManifestStream(text)) if (obj !== null && Object.keys(obj).length > 0) objs.push(obj);
        } catch (e) {
            throw new Error(`${label}: decoding YAML: ${(e as Error).message}`, { cause: e });
        }
    }
    return objs;
}

/** yaml.go expand: anything whose `items` is an array is a list, replaced (recursively) by its items. */
function expandLists(label: string, objs: Obj[]): Obj[] {
    const out: Obj[] = [];
    const queue = [...objs];
    while (queue.length > 0) {
        const obj = queue.shift()!;
        if (!Array.isArray(obj.items)) {
            out.push(obj);
            continue;
        }
        const items = obj.items as unknown[];
        const bad = items.find((i) => !isMapValue(i));
        if (bad !== undefined) throw new Error(`${label}: YAML object is invalid: \`${printObject(obj)}\`: items member is not an object: ${wireType(bad)}`);
        queue.unshift(...(items as Obj[]));
    }
    return out;
}

interface ObjId {
    group: string;
    kind: string;
    namespace: string;
    name: string;
}

const idKey = (id: ObjId): string => JSON.stringify([id.group, id.kind, id.namespace, id.name]);
const idOf = (obj: Obj): ObjId => {
    const gvk = gvkOf(obj);
    return { group: gvk.group, kind: gvk.kind, namespace: nestedString(obj, "metadata", "namespace"), name: nestedString(obj, "metadata", "name") };
};

// cli-utils pkg/ordering: kinds applied first (in this order), then every other kind, then the ones applied last.
const ORDER_FIRST = ["/Namespace", "/ResourceQuota", "storage.k8s.io/StorageClass", "apiextensions.k8s.io/CustomResourceDefinition",
    "admissionregistration.k8s.io/MutatingWebhookConfiguration", "/ServiceAccount", "extensions/PodSecurityPolicy",
    "policy/PodSecurityPolicy", "rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/ClusterRole",
    "rbac.authorization.k8s.io/RoleBinding", "rbac.authorization.k8s.io/ClusterRoleBinding", "/ConfigMap", "/Secret",
    "/Service", "/LimitRange", "scheduling.k8s.io/PriorityClass", "extensions/Deployment", "apps/Deployment",
    "apps/StatefulSet", "batch/CronJob", "policy/PodDisruptionBudget"];
const ORDER_LAST = ["admissionregistration.k8s.io/ValidatingWebhookConfiguration"];

function kindRank(id: ObjId): number {
    const gk = `${id.group}/${id.kind}`;
    const first = ORDER_FIRST.indexOf(gk);
    if (first >= 0) return first - ORDER_FIRST.length;
    const last = ORDER_LAST.indexOf(gk);
    return last >= 0 ? last + 1 : 0;
}

function applyOrder(a: ObjId, b: ObjId): number {
    const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
    if (a.group !== b.group || a.kind !== b.kind) return kindRank(a) - kindRank(b) || cmp(a.group, b.group) || cmp(a.kind, b.kind);
    return cmp(a.namespace, b.namespace) || cmp(a.name, b.name);
}

/** Unstructured.GetAnnotations: all of them, or none when one is not a string (NestedStringMap fails). */
function annotationsOf(obj: Obj): Record<string, string> {
    const a = nested(obj, "metadata", "annotations").value;
    return isMapValue(a) && Object.values(a).every((v) => typeof v === "string") ? a as Record<string, string> : {};
}

/** cli-utils dependson.ParseDependencySet: `<group>/<kind>/<name>` or `<group>/namespaces/<ns>/<kind>/<name>`, comma-separated. */
function dependsOnIds(value: string): ObjId[] {
    return value.split(",").map((ref, i) => {
        const f = ref.trim().split("/");
        if (f.length === 3) return { group: f[0]!, kind: f[1]!, namespace: "", name: f[2]! };
        if (f.length === 5 && f[1] === "namespaces") return { group: f[0]!, kind: f[3]!, namespace: f[2]!, name: f[4]! };
        throw new Error(`invalid "config.kubernetes.io/depends-on" annotation: failed to parse object reference (index: ${i}): ${ref.trim()}`);
    });
}

/** cli-utils mutation.ReadAnnotation: the sourceRef of each substitution (keys matched case-insensitively, as encoding/json does). */
function mutationSourceIds(value: string): ObjId[] {
    const doc = goYamlDocument(value);
    if (!Array.isArray(doc)) throw new Error(`invalid "config.kubernetes.io/apply-time-mutation" annotation: cannot unmarshal ${goTypeName(doc)} into mutation.ApplyTimeMutation`);
    const field = (o: unknown, name: string): string => {
        if (!isMapValue(o)) return "";
        const k = Object.keys(o).find((key) => key.toLowerCase() === name.toLowerCase());
        return k !== undefined && typeof o[k] === "string" ? o[k] as string : "";
    };
    return doc.map((sub) => {
        const ref = isMapValue(sub) ? Object.entries(sub).find(([k]) => k.toLowerCase() === "sourceref")?.[1] : undefined;
        const group = field(ref, "group") || (parseGroupVersion(field(ref, "apiVersion"))?.group ?? "");
        return { group, kind: field(ref, "kind"), namespace: field(ref, "namespace"), name: field(ref, "name") };
    });
}

/**
 * cli-utils graph.DependencyGraph + Sort + HydrateSetList as yaml.go Register uses them: edges from a custom
 * resource to its CRD, from a namespaced object to its Namespace, and from the depends-on and apply-time-mutation
 * annotations; then levels of objects with no unapplied dependency, each level in apply order. Objects with the same
 * group, kind, namespace and name are one vertex, and the last of them is the one registered.
 */
function dependencyLevels(label: string, objs: Obj[]): { levels: Obj[][]; deps: Map<string, Set<string>> } {
    const ids = objs.map(idOf);
    const byKey = new Map<string, Obj>();
    const deps = new Map<string, Set<string>>();
    objs.forEach((obj, i) => {
        byKey.set(idKey(ids[i]!), obj);
        if (!deps.has(idKey(ids[i]!))) deps.set(idKey(ids[i]!), new Set());
    });
    const edge = (from: ObjId, to: ObjId): void => {
        deps.get(idKey(from))!.add(idKey(to));
        if (!deps.has(idKey(to))) deps.set(idKey(to), new Set());
    };
    const crds = new Map<string, ObjId>();
    objs.forEach((obj, i) => {
        const group = nested(obj, "spec", "group").value;
        const kind = nested(obj, "spec", "names", "kind").value;
        if (ids[i]!.group === "apiextensions.k8s.io" && ids[i]!.kind === "CustomResourceDefinition" && typeof group === "string" && typeof kind === "string") {
            crds.set(`${group}/${kind}`, ids[i]!);
        }
    });
    const namespaces = new Map<string, ObjId>();
    ids.forEach((id) => {
        if (id.group === "" && id.kind === "Namespace") namespaces.set(id.name, id);
    });
    const errors: string[] = [];
    ids.forEach((id) => {
        const crd = crds.get(`${id.group}/${id.kind}`);
        if (crd) edge(id, crd);
        const ns = id.namespace === "" ? undefined : namespaces.get(id.namespace);
        if (ns) edge(id, ns);
    });
    const known = new Set(ids.map(idKey));
    objs.forEach((obj, i) => {
        const annotations = annotationsOf(obj);
        const refs: [string, () => ObjId[]][] = [
            ["config.kubernetes.io/depends-on", () => dependsOnIds(annotations["config.kubernetes.io/depends-on"]!)],
            ["config.kubernetes.io/apply-time-mutation", () => mutationSourceIds(annotations["config.kubernetes.io/apply-time-mutation"]!)],
        ];
        for (const [annotation, read] of refs) {
            if (!Object.hasOwn(annotations, annotation)) continue;
            try {
                for (const dep of read()) {
                    if (!known.has(idKey(dep))) errors.push(`invalid "${annotation}" annotation: external dependency: ${idKey(dep)}`);
                    else edge(ids[i]!, dep);
                }
            } catch (e) {
                errors.push((e as Error).message);
            }
        }
    });
    if (errors.length > 0) throw new Error(`${label}: ${errors.join("; ")}`);

    const remaining = new Map([...deps].map(([k, v]) => [k, new Set(v)]));
    const levels: Obj[][] = [];
    while (remaining.size > 0) {
        const leaves = [...remaining].filter(([, d]) => d.size === 0).map(([k]) => k);
        if (leaves.length === 0) throw new Error(`${label}: cyclic dependency among ${[...remaining.keys()].join(", ")}`);
        for (const leaf of leaves) {
            remaining.delete(leaf);
            for (const d of remaining.values()) d.delete(leaf);
        }
        const level = leaves.map((k) => byKey.get(k)).filter((o): o is Obj => o !== undefined);
        level.sort((a, b) => applyOrder(idOf(a), idOf(b)));
        if (level.length > 0) levels.push(level);
    }
    return { levels, deps };
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

// ---------------------------------------------------------------------------------------------------------------
// What only the provider's embedded Helm and kustomize can render
// ---------------------------------------------------------------------------------------------------------------

export type UnrenderableToken = "kubernetes:helm:template" | "kubernetes:helm.sh/v3:Release" | "kubernetes:helm.sh/v4:Chart"
    | "kubernetes:kustomize/v2:Directory" | "kubernetes:kustomize:directory";

const UNRENDERABLE: Record<UnrenderableToken, { what: string; tool: string; subject: (args: Obj) => string }> = {
    "kubernetes:helm:template": { what: "the Helm chart's objects", tool: "Helm", subject: (a) => helmChartOf(a) },
    "kubernetes:helm.sh/v3:Release": { what: "the Helm release's objects", tool: "Helm", subject: (a) => (typeof a.chart === "string" ? `chart ${a.chart}` : "") },
    "kubernetes:helm.sh/v4:Chart": { what: "the Helm chart's objects", tool: "Helm", subject: (a) => (typeof a.chart === "string" ? `chart ${a.chart}` : "") },
    "kubernetes:kustomize/v2:Directory": { what: "the kustomization's objects", tool: "kustomize", subject: (a) => (typeof a.directory === "string" ? `directory ${a.directory}` : "") },
    "kubernetes:kustomize:directory": { what: "the kustomization's objects", tool: "kustomize", subject: (a) => (typeof a.directory === "string" ? `directory ${a.directory}` : "") },
};

/** helm.v3.Chart sends its options as one JSON string (`jsonOpts`, snake_case keys). */
function helmChartOf(args: Obj): string {
    try {
        const opts = JSON.parse(typeof args.jsonOpts === "string" ? args.jsonOpts : "{}") as Obj;
        const parts = [typeof opts.chart === "string" ? `chart ${opts.chart}` : "", typeof opts.release_name === "string" ? `release ${opts.release_name}` : ""];
        return parts.filter((p) => p !== "").join(", ");
    } catch {
        return "";
    }
}

/**
 * The one-line error for what the provider renders with the Helm or kustomize it embeds: a helm.v3.Chart's
 * `kubernetes:helm:template` invoke, a helm.sh/v3 Release's Check, a helm.sh/v4 Chart or kustomize/v2 Directory
 * component, a kustomize v1 Directory's `kubernetes:kustomize:directory` invoke.
 */
export function unrenderableOffline(token: string, name: string | undefined, args: Obj = {}): Error {
    const known = UNRENDERABLE[token as UnrenderableToken];
    const what = known?.what ?? "its objects";
    const tool = known?.tool ?? "the provider plugin";
    const subject = known?.subject(stripSecrets(args) as Obj) ?? "";
    const who = [name ? `"${name}"` : "", subject ? `(${subject})` : ""].filter((p) => p !== "").join(" ");
    return new Error(`${token}${who ? ` ${who}` : ""}: ${what} cannot be checked offline: the Kubernetes provider renders them with its built-in ${tool}, ` +
        `which the offline engine does not have; \`pulumi preview --policy-pack\` must decide`);
}

/** The `kubernetes:helm:template` invoke (helm.v3.Chart), refused with the chart it was asked for. */
export function helmTemplateUnavailable(args: Obj): Error {
    return unrenderableOffline("kubernetes:helm:template", undefined, args);
}
