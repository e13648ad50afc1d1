/**
 * Kubernetes objects however a Pulumi program expresses them: typed resources (`kubernetes:apps/v1:Deployment`),
 * their server-side-apply `…Patch` variants, `…List` resources, and `apiextensions.CustomResource` objects
 * (`kubernetes:<apiVersion>:<Kind>`). YAML (`kubernetes:yaml:ConfigFile`, `yaml/v2:ConfigGroup`), kustomize and Helm
 * v3 `Chart` / v4 `Chart` register every rendered object as an ordinary child resource of those types, so the
 * policies judge them there; only `helm.sh/v3:Release` hides its objects (lib/k8s-helm.ts).
 *
 * Everything here reads through `Reads`: a value unknown in preview becomes UNKNOWN, never an exception.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Maybe, Reads, UNKNOWN } from "./unknowns";

/** API group/versions under which each kind is served (Pulumi type tokens; the core group is `core`). */
const GROUP_VERSIONS: Record<string, readonly string[]> = {
    Pod: ["core/v1"],
    PodTemplate: ["core/v1"],
    ReplicationController: ["core/v1"],
    Service: ["core/v1"],
    Namespace: ["core/v1"],
    Secret: ["core/v1"],
    ConfigMap: ["core/v1"],
    ServiceAccount: ["core/v1"],
    Deployment: ["apps/v1", "apps/v1beta1", "apps/v1beta2", "extensions/v1beta1"],
    StatefulSet: ["apps/v1", "apps/v1beta1", "apps/v1beta2"],
    DaemonSet: ["apps/v1", "apps/v1beta2", "extensions/v1beta1"],
    ReplicaSet: ["apps/v1", "apps/v1beta2", "extensions/v1beta1"],
    Job: ["batch/v1"],
    CronJob: ["batch/v1", "batch/v1beta1", "batch/v2alpha1"],
    Ingress: ["networking.k8s.io/v1", "networking.k8s.io/v1beta1", "extensions/v1beta1"],
    NetworkPolicy: ["networking.k8s.io/v1", "extensions/v1beta1"],
    Role: ["rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1"],
    ClusterRole: ["rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1"],
    RoleBinding: ["rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1"],
    ClusterRoleBinding: ["rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1"],
};

/** Kinds that carry a pod template (or are a pod). */
export const WORKLOAD_KINDS = [
    "Pod", "PodTemplate", "ReplicationController", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob",
] as const;
export const RBAC_ROLE_KINDS = ["Role", "ClusterRole"] as const;
export const RBAC_BINDING_KINDS = ["RoleBinding", "ClusterRoleBinding"] as const;

export const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
export const HELM_CHART_V4 = "kubernetes:helm.sh/v4:Chart";
/** Helm resources whose own inputs (chart, repository, values, namespace) the policies can judge. */
export const HELM_TYPES: readonly string[] = [HELM_RELEASE, HELM_CHART_V4];

/**
 * Every Pulumi type token of the given kinds: each served group/version, plus the `…Patch` and `…List` variants,
 * plus `kubernetes:v1:<Kind>` for core kinds (what `apiextensions.CustomResource` registers for `apiVersion: v1`).
 */
export function k8sTypes(...kinds: readonly string[]): string[] {
    const out: string[] = [];
    for (const kind of kinds) {
        const gvs = GROUP_VERSIONS[kind] ?? [];
        const all = gvs.includes("core/v1") ? [...gvs, "v1"] : gvs;
        for (const gv of all) for (const suffix of ["", "Patch", "List"]) out.push(`kubernetes:${gv}:${kind}${suffix}`);
    }
    return out;
}

export interface K8sType {
    /** `core` for the core group. */
    group: string;
    version: string;
    kind: string;
    /** A server-side-apply patch: it owns only the fields it sets. */
    patch: boolean;
    /** A `…List` resource whose `items` are the objects. */
    list: boolean;
}

const COMPONENT_GROUPS = new Set(["helm.sh", "yaml", "kustomize"]);

/** Parses `kubernetes:<group>/<version>:<Kind>[Patch|List]`; undefined for providers, Helm, YAML and kustomize tokens. */
export function parseK8sType(type: string): K8sType | undefined {
    const m = /^kubernetes:([^:]+):([A-Za-z0-9]+)$/.exec(type);
    if (!m) return undefined;
    const apiVersion = m[1]!;
    const slash = apiVersion.lastIndexOf("/");
    const group = slash < 0 ? "core" : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    if (COMPONENT_GROUPS.has(group)) return undefined;
    let kind = m[2]!;
    const patch = kind.endsWith("Patch") && kind.length > 5;
    const list = !patch && kind.endsWith("List") && kind.length > 4;
    if (patch) kind = kind.slice(0, -5);
    if (list) kind = kind.slice(0, -4);
    return { group, version, kind, patch, list };
}

/** True for any Kubernetes object or Helm/YAML resource type (not the provider itself). */
export function isKubernetesType(type: string): boolean {
    return type.startsWith("kubernetes:");
}

export type Key = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `spec.template`, `containers[0]`, `annotations["service.beta.kubernetes.io/x"]`: paths as messages print them. */
export function joinPath(base: string, key: Key): string {
    if (typeof key === "number") return `${base}[${key}]`;
    if (IDENTIFIER.test(key)) return base === "" ? key : `${base}.${key}`;
    return `${base}[${JSON.stringify(key)}]`;
}

function step(value: unknown, key: Key): unknown {
    if (value === null || typeof value !== "object") return undefined;
    if (typeof key === "number") return Array.isArray(value) ? value[key] : undefined;
    return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * A lazily-read location in a resource's props. Reading a missing or mistyped part yields `undefined`, reading an
 * unknown part yields UNKNOWN (remembered by `reads`, so the policy defers if it finds nothing else).
 */
export class View {
    constructor(readonly reads: Reads, readonly path: string, private readonly thunk: () => unknown) {}

    static root(reads: Reads, props: unknown, path = ""): View {
        return new View(reads, path, () => props);
    }

    at(...keys: Key[]): View {
        let path = this.path;
        let thunk = this.thunk;
        for (const key of keys) {
            const parent = thunk;
            path = joinPath(path, key);
            thunk = () => step(parent(), key);
        }
        return new View(this.reads, path, thunk);
    }

    /** The same location read through other `Reads` (e.g. a scratch one, to try a verdict before recording). */
    with(reads: Reads): View {
        return new View(reads, this.path, this.thunk);
    }

    /** The value (UNKNOWN recorded when unknown). */
    value(): unknown {
        return this.reads.get(this.path || "(props)", this.thunk);
    }

    /** The value without recording an unknown: for reads whose unknown the verdict does not need. */
    peek(): unknown {
        return new Reads().get(this.path, this.thunk);
    }

    /** A string, undefined when absent or not a string, UNKNOWN when unknown. */
    str(): Maybe<string | undefined> {
        const v = this.value();
        return v === UNKNOWN ? UNKNOWN : typeof v === "string" ? v : undefined;
    }

    /** A boolean; the strings "true"/"false" count too (YAML and Helm values are often strings). */
    bool(): Maybe<boolean | undefined> {
        const v = this.value();
        if (v === UNKNOWN) return UNKNOWN;
        if (typeof v === "boolean") return v;
        if (v === "true" || v === "false") return v === "true";
        return undefined;
    }

    /** Element views of an array (none when absent or not an array), UNKNOWN when the array itself is unknown. */
    list(): Maybe<View[]> {
        const v = this.value();
        if (v === UNKNOWN) return UNKNOWN;
        if (!Array.isArray(v)) return [];
        // By index, never v.map: iterating the SDK's proxy reads every element and throws on an unknown one.
        return Array.from({ length: v.length }, (_, i) => this.at(i));
    }

    /** Property names of an object (none when absent or not an object), UNKNOWN when the object itself is unknown. */
    keys(): Maybe<string[]> {
        const v = this.value();
        if (v === UNKNOWN) return UNKNOWN;
        if (v === null || typeof v !== "object" || Array.isArray(v)) return [];
        return Object.keys(v);
    }

    /** A deep copy with unknowns as UNKNOWN (each recorded). */
    snapshot(): unknown {
        return this.reads.snapshot(this.path || "(props)", this.thunk);
    }
}

/** Strings of a list view; unknown entries are UNKNOWN. */
export function strings(view: View): Maybe<Maybe<string>[]> {
    const items = view.list();
    if (items === UNKNOWN) return UNKNOWN;
    const out: Maybe<string>[] = [];
    for (const item of items) {
        const s = item.str();
        if (s !== undefined) out.push(s);
    }
    return out;
}

/** One Kubernetes object of a resource: the resource itself, or one item of a `…List` resource. */
export interface K8sObject {
    kind: string;
    patch: boolean;
    /** Root of the object (path "" or `items[i]`). */
    view: View;
    /** A name for messages: `Deployment` or `Deployment items[2]`. */
    label: string;
}

/** The Kubernetes objects a resource declares (empty for non-Kubernetes types). */
export function k8sObjects(type: string, reads: Reads, props: unknown): K8sObject[] {
    const t = parseK8sType(type);
    if (!t) return [];
    const root = View.root(reads, props);
    if (!t.list) return [{ kind: t.kind, patch: t.patch, view: root, label: t.kind }];
    const items = root.at("items").list();
    if (items === UNKNOWN) return [];
    return items.map((item) => ({ kind: t.kind, patch: false, view: item, label: `${t.kind} ${item.path}` }));
}

/**
 * The namespace an object lands in: `metadata.namespace`, else the provider's `namespace`, else `default`
 * (what the Kubernetes provider does with a namespaced object that names none).
 */
export function namespaceOf(obj: View, provider: View | undefined): Maybe<string> {
    const ns = obj.at("metadata", "namespace").str();
    if (ns === UNKNOWN) return UNKNOWN;
    if (ns !== undefined && ns !== "") return ns;
    if (!provider) return "default";
    const fromProvider = provider.at("namespace").str();
    if (fromProvider === UNKNOWN) return UNKNOWN;
    return fromProvider !== undefined && fromProvider !== "" ? fromProvider : "default";
}

/** `<Kind> <namespace>/<name>` for messages, with `?` for values not known yet. */
export function describe(obj: K8sObject, namespaced = true): string {
    const name = obj.view.at("metadata", "name").peek();
    const ns = obj.view.at("metadata", "namespace").peek();
    const n = typeof name === "string" ? name : "?";
    return namespaced && typeof ns === "string" ? `${obj.kind} ${ns}/${n}` : `${obj.kind} ${n}`;
}

/** All resources a resource's inputs were computed from, transitively (data flow only, not `dependsOn`). */
export function upstreamOf(r: PolicyResource, maxDepth = 64): PolicyResource[] {
    const seen = new Map<string, PolicyResource>();
    const visit = (x: PolicyResource, depth: number): void => {
        if (depth > maxDepth) return;
        for (const deps of Object.values(x.propertyDependencies ?? {})) {
            for (const d of deps ?? []) {
                if (!d || seen.has(d.urn)) continue;
                seen.set(d.urn, d);
                visit(d, depth + 1);
            }
        }
    };
    visit(r, 0);
    return [...seen.values()];
}

/** One primitive (or unknown) value found by `leaves`, with the property name it sits under. */
export interface Leaf {
    view: View;
    /** Property name or index of this value; undefined for the root. */
    key: Key | undefined;
    /** Property name of the object or array holding it. */
    parentKey: Key | undefined;
    /** The object or array holding it (the root view for the root). */
    parent: View;
    /** A string, number, boolean or null, or UNKNOWN. */
    value: unknown;
}

/**
 * Every primitive value under `view`, without recording unknowns (the caller records, with `leaf.view.value()`,
 * only the unknowns its verdict needs). Bounded, so a huge or cyclic value cannot stall a preview.
 */
export function leaves(view: View, maxNodes = 20000): Leaf[] {
    const out: Leaf[] = [];
    let budget = maxNodes;
    const visit = (v: View, key: Key | undefined, parent: View, parentKey: Key | undefined, depth: number): void => {
        if (budget-- <= 0 || depth > 40) return;
        const value = v.peek();
        if (value !== UNKNOWN && value !== null && typeof value === "object") {
            if (Array.isArray(value)) {
                for (let i = 0; i < value.length; i++) visit(v.at(i), i, v, key, depth + 1);
            } else {
                for (const k of Object.keys(value)) visit(v.at(k), k, v, key, depth + 1);
            }
            return;
        }
        out.push({ view: v, key, parentKey, parent, value });
    };
    visit(view, undefined, view, undefined, 0);
    return out;
}

/** Every rule of every known `rules` list of the Role/ClusterRole objects of a resource; unknown lists are skipped. */
export function rbacRules(type: string, reads: Reads, props: unknown): { obj: K8sObject; rule: View }[] {
    const out: { obj: K8sObject; rule: View }[] = [];
    for (const obj of k8sObjects(type, reads, props)) {
        const rules = obj.view.at("rules").list();
        if (rules === UNKNOWN) continue;
        for (const rule of rules) out.push({ obj, rule });
    }
    return out;
}
