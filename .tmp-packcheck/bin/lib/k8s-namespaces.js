"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.providerView = providerView;
exports.namespacesCreated = namespacesCreated;
exports.namespacedObjects = namespacedObjects;
exports.inNamespace = inNamespace;
exports.coverage = coverage;
const k8s_1 = require("./k8s");
const k8s_helm_1 = require("./k8s-helm");
const unknowns_1 = require("./unknowns");
/** The provider's inputs as a View (stack and resource policies both get them). */
function providerView(r, reads) {
    return r.provider ? k8s_1.View.root(reads, r.provider.props, "provider") : undefined;
}
/** Namespaces the program creates: Namespace resources (not patches of existing ones) and Helm `createNamespace`. */
function namespacesCreated(resources, reads) {
    const out = [];
    for (const r of resources) {
        const scratch = new unknowns_1.Reads();
        if (r.type === k8s_1.HELM_RELEASE) {
            const root = k8s_1.View.root(scratch, r.props);
            if ((0, k8s_helm_1.createsNamespace)(r.type, root) !== true)
                continue;
            out.push({
                resource: r, byHelm: true,
                name: (0, k8s_helm_1.helmNamespace)(root, providerView(r, scratch)),
                record: () => void (0, k8s_helm_1.helmNamespace)(root.with(reads(r)), providerView(r, reads(r))),
            });
            continue;
        }
        for (const obj of (0, k8s_1.k8sObjects)(r.type, scratch, r.props)) {
            if (obj.kind !== "Namespace" || obj.patch)
                continue;
            const name = obj.view.at("metadata", "name");
            out.push({ resource: r, byHelm: false, name: name.str(), record: () => void name.with(reads(r)).value() });
        }
    }
    return out;
}
/** Namespaced objects of the given kinds across the stack, with the namespace each lands in. */
function namespacedObjects(resources, reads, kinds) {
    const out = [];
    for (const r of resources) {
        const scratch = new unknowns_1.Reads();
        for (const obj of (0, k8s_1.k8sObjects)(r.type, scratch, r.props)) {
            if (!kinds.includes(obj.kind))
                continue;
            out.push({
                resource: r, obj,
                namespace: (0, k8s_1.namespaceOf)(obj.view, providerView(r, scratch)),
                record: () => void (0, k8s_1.namespaceOf)(obj.view.with(reads(r)), providerView(r, reads(r))),
            });
        }
    }
    return out;
}
/** The created Namespaces whose resources `o`'s metadata was computed from (`metadata`, or `items` for a List). */
function sourceNamespaces(o, namespaces) {
    const top = o.obj.view.path === "" ? "metadata" : "items";
    const deps = new Set((o.resource.propertyDependencies?.[top] ?? []).map((d) => d.urn));
    return namespaces.filter((ns) => deps.has(ns.resource.urn));
}
/**
 * Whether `o` is in `ns`: true, false, or UNKNOWN when only post-create values could tell. Known values decide; an
 * unknown namespace name that was computed from created Namespace resources belongs to those (that is how a program
 * writes `namespace: ns.metadata.name`), and to no other.
 */
function inNamespace(o, ns, namespaces) {
    if (o.namespace !== unknowns_1.UNKNOWN && ns.name !== unknowns_1.UNKNOWN)
        return o.namespace === ns.name;
    const sources = sourceNamespaces(o, namespaces);
    if (sources.length > 0 && o.namespace === unknowns_1.UNKNOWN)
        return sources.includes(ns);
    return sources.includes(ns) ? true : unknowns_1.UNKNOWN;
}
/**
 * For each created namespace: whether some object satisfying `satisfies` is in it. A namespace is `missing` only
 * when every candidate is known to be elsewhere or known not to satisfy; otherwise undecided (values recorded).
 */
function coverage(namespaces, objects, satisfies) {
    const missing = [];
    const undecided = [];
    for (const ns of namespaces) {
        let covered = false;
        const open = [];
        for (const o of objects) {
            const inside = inNamespace(o, ns, namespaces);
            if (inside === false)
                continue;
            const ok = satisfies(o, false);
            if (ok === false)
                continue;
            if (inside === true && ok === true) {
                covered = true;
                break;
            }
            open.push(o);
        }
        if (covered)
            continue;
        if (open.length === 0) {
            missing.push(ns);
            continue;
        }
        undecided.push(ns);
        if (ns.name === unknowns_1.UNKNOWN)
            ns.record();
        for (const o of open) {
            if (o.namespace === unknowns_1.UNKNOWN)
                o.record();
            satisfies(o, true);
        }
    }
    return { missing, undecided };
}
//# sourceMappingURL=k8s-namespaces.js.map