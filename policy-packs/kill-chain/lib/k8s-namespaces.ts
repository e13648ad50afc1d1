/**
 * Joining namespaced objects to the Namespaces a program creates, for stack policies.
 *
 * The join is by VALUE first: the namespace name is nearly always a literal (`metadata: { namespace: "telemetry" }`),
 * known in preview, and a literal carries no dependency at all. When a name is unknown (it comes from
 * `ns.metadata.name` of an autonamed Namespace), the object's `metadata` property dependencies say which Namespace
 * it was computed from, and that is the join. When neither decides, the pair is undecided: the policy does not
 * guess; it records the unknown value and the verdict is deferred to `up`.
 *
 * Discovery reads through a scratch `Reads`, so values that turn out not to matter are never recorded as unknown;
 * `record()` re-reads through the policy's own `Reads` when an undecided verdict does depend on them.
 */
import type { PolicyResource } from "@pulumi/policy";
import { HELM_RELEASE, K8sObject, View, k8sObjects, namespaceOf } from "./k8s";
import { createsNamespace, helmNamespace } from "./k8s-helm";
import { Maybe, Reads, UNKNOWN } from "./unknowns";

/** The provider's inputs as a View (stack and resource policies both get them). */
export function providerView(r: { provider?: { props: Record<string, unknown> } }, reads: Reads): View | undefined {
    return r.provider ? View.root(reads, r.provider.props, "provider") : undefined;
}

/** Which cluster a Kubernetes resource goes to: its provider's URN ("" for the default provider). */
export function clusterOf(r: PolicyResource): string {
    return r.provider?.urn ?? "";
}

/** Map key of a namespace in a cluster. */
export function scoped(cluster: string, ns: string): string {
    return `${cluster}\u0000${ns}`;
}

/** The namespace of a scoped() key. */
export function unscoped(key: string): string {
    return key.slice(key.indexOf("\u0000") + 1);
}

export interface CreatedNamespace {
    resource: PolicyResource;
    name: Maybe<string>;
    /** Created by a Helm Release's `createNamespace: true` rather than a Namespace resource. */
    byHelm: boolean;
    /** Records the unknown name on the policy's reads (call when the verdict needs it). */
    record(): void;
}

/** Namespaces the program creates: Namespace resources (not patches of existing ones) and Helm `createNamespace`. */
export function namespacesCreated(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): CreatedNamespace[] {
    const out: CreatedNamespace[] = [];
    for (const r of resources) {
        const scratch = new Reads();
        if (r.type === HELM_RELEASE) {
            const root = View.root(scratch, r.props);
            if (createsNamespace(r.type, root) !== true) continue;
            out.push({
                resource: r, byHelm: true,
                name: helmNamespace(root, providerView(r, scratch)),
                record: () => void helmNamespace(root.with(reads(r)), providerView(r, reads(r))),
            });
            continue;
        }
        for (const obj of k8sObjects(r.type, scratch, r.props)) {
            if (obj.kind !== "Namespace" || obj.patch) continue;
            const name = obj.view.at("metadata", "name");
            out.push({ resource: r, byHelm: false, name: name.str() as Maybe<string>, record: () => void name.with(reads(r)).value() });
        }
    }
    return out;
}

export interface NamespacedObject {
    resource: PolicyResource;
    /** The object, read through a scratch `Reads`; use `obj.view.with(reads(resource))` to record. */
    obj: K8sObject;
    namespace: Maybe<string>;
    /** Records the unknown namespace on the policy's reads. */
    record(): void;
}

/** Namespaced objects of the given kinds across the stack, with the namespace each lands in. */
export function namespacedObjects(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads,
    kinds: readonly string[]): NamespacedObject[] {
    const out: NamespacedObject[] = [];
    for (const r of resources) {
        const scratch = new Reads();
        for (const obj of k8sObjects(r.type, scratch, r.props)) {
            if (!kinds.includes(obj.kind)) continue;
            out.push({
                resource: r, obj,
                namespace: namespaceOf(obj.view, providerView(r, scratch)),
                record: () => void namespaceOf(obj.view.with(reads(r)), providerView(r, reads(r))),
            });
        }
    }
    return out;
}

const sourceCache = new WeakMap<NamespacedObject, { of: readonly CreatedNamespace[]; sources: CreatedNamespace[] }>();

/**
 * The created Namespaces whose resources `o`'s metadata was computed from (`metadata`, or `items` for a List).
 * Remembered per object: coverage() asks for every (object, namespace) pair.
 */
function sourceNamespaces(o: NamespacedObject, namespaces: readonly CreatedNamespace[]): CreatedNamespace[] {
    const cached = sourceCache.get(o);
    if (cached && cached.of === namespaces) return cached.sources;
    const top = o.obj.view.path === "" ? "metadata" : "items";
    const deps = new Set((o.resource.propertyDependencies?.[top] ?? []).map((d) => d.urn));
    const sources = namespaces.filter((ns) => deps.has(ns.resource.urn));
    sourceCache.set(o, { of: namespaces, sources });
    return sources;
}

/**
 * Whether `o` is in `ns`: true, false, or UNKNOWN when only post-create values could tell. Objects of another cluster
 * (another Kubernetes provider) never are. Known values decide; an
 * unknown namespace name that was computed from created Namespace resources belongs to those (that is how a program
 * writes `namespace: ns.metadata.name`), and to no other.
 */
export function inNamespace(o: NamespacedObject, ns: CreatedNamespace, namespaces: readonly CreatedNamespace[]): Maybe<boolean> {
    // Namespaces are per cluster: an object sent through another Kubernetes provider is never in this one.
    if (clusterOf(o.resource) !== clusterOf(ns.resource)) return false;
    if (o.namespace !== UNKNOWN && ns.name !== UNKNOWN) return o.namespace === ns.name;
    const sources = sourceNamespaces(o, namespaces);
    if (sources.length > 0 && o.namespace === UNKNOWN) return sources.includes(ns);
    return sources.includes(ns) ? true : UNKNOWN;
}

/**
 * For each created namespace: whether some object satisfying `satisfies` is in it. A namespace is `missing` only
 * when every candidate is known to be elsewhere or known not to satisfy; otherwise undecided (values recorded).
 */
export function coverage(namespaces: readonly CreatedNamespace[], objects: readonly NamespacedObject[],
    satisfies: (o: NamespacedObject, record: boolean) => Maybe<boolean>): { missing: CreatedNamespace[]; undecided: CreatedNamespace[] } {
    const missing: CreatedNamespace[] = [];
    const undecided: CreatedNamespace[] = [];
    for (const ns of namespaces) {
        let covered = false;
        const open: NamespacedObject[] = [];
        for (const o of objects) {
            const inside = inNamespace(o, ns, namespaces);
            if (inside === false) continue;
            const ok = satisfies(o, false);
            if (ok === false) continue;
            if (inside === true && ok === true) {
                covered = true;
                break;
            }
            open.push(o);
        }
        if (covered) continue;
        if (open.length === 0) {
            missing.push(ns);
            continue;
        }
        undecided.push(ns);
        if (ns.name === UNKNOWN) ns.record();
        for (const o of open) {
            if (o.namespace === UNKNOWN) o.record();
            satisfies(o, true);
        }
    }
    return { missing, undecided };
}
