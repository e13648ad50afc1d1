/**
 * The order yaml/v2 registers its objects in (provider/pkg/provider/yaml/v2/yaml.go Register over sigs.k8s.io/cli-utils
 * v0.37.2 pkg/object/graph, pkg/ordering, pkg/object/dependson and pkg/apply/mutation).
 */
import { goYamlDocument } from "./go-yaml";
import { gvkOf, parseGroupVersion } from "./kinds";
import { goTypeName } from "./messages";
import { nested, nestedString } from "./unstructured";
import { isMapValue } from "./wire";
import type { Obj } from "./wire";

interface ObjId {
    group: string;
    kind: string;
    namespace: string;
    name: string;
}

export const idKey = (id: ObjId): string => JSON.stringify([id.group, id.kind, id.namespace, id.name]);
export const idOf = (obj: Obj): ObjId => {
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
export function dependencyLevels(label: string, objs: Obj[]): { levels: Obj[][]; deps: Map<string, Set<string>> } {
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
