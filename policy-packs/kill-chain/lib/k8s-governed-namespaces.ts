/**
 * The namespaces a program deploys pods into and whether the program governs each: the Pod Security labels (enforce,
 * audit, warn; on a Namespace it creates or a NamespacePatch of an existing one) and a default-deny egress NetworkPolicy. A
 * workload placed into a namespace the program only names (kube-system, a team's namespace) otherwise escapes every
 * namespace-level policy, which all judge only the Namespaces the program declares.
 *
 * Namespaces are per cluster: every map is keyed by the Kubernetes provider (its URN; the default provider for
 * resources without one) and the namespace name, so a Namespace created in one cluster never governs another's pods.
 * One pass over the stack builds the maps; each workload is then one lookup (no pairwise joins).
 */
import type { PolicyResource } from "@pulumi/policy";
import { K8sObject, k8sObjects, namespaceOf } from "./k8s";
import { clusterOf, providerView, scoped, unscoped } from "./k8s-namespaces";
import { isDefaultDenyEgress } from "./k8s-network";
import { PsaMode, psaLabel } from "./k8s-psa";
import { mayHoldPodSpec, podTemplatesOf } from "./k8s-workloads";
import { Maybe, Reads, UNKNOWN } from "./unknowns";

/** Enforce rejects, audit records, warn tells the caller: every mode the namespace policies require. */
const PSA_MODES: readonly PsaMode[] = ["enforce", "audit", "warn"];

export interface Workload {
    resource: PolicyResource;
    /** Its cluster (clusterOf). */
    cluster: string;
    obj: K8sObject;
    /** The namespace (read without recording). */
    namespace: Maybe<string>;
    /** Records an unknown namespace on the policy's reads (when the verdict needs it). */
    record(): void;
}

export interface NamespaceGovernance {
    /** Namespaces the program creates (known names only), scoped by cluster. */
    created: Set<string>;
    /** Per cluster, re-reads of the names of Namespaces it creates whose names are unknown (any may be the one). */
    unknownNames: Map<string, (() => void)[]>;
    /** URNs of Namespace resources the program creates (for workloads whose namespace name is computed from one). */
    createdUrns: Set<string>;
    /** `<mode> <namespace>` -> that Pod Security mode's label is "restricted" (true), another value or unset (false), unknown. */
    psaRestricted: Map<string, Maybe<boolean>>;
    /** Namespace name -> a default-deny egress NetworkPolicy is declared there (true), undecided (UNKNOWN). */
    defaultDeny: Map<string, Maybe<boolean>>;
    /** Some NetworkPolicy's namespace is unknown: any namespace may be the one it lands in. */
    denyWithUnknownNamespace: boolean;
    /** Re-reads, through the policy's own reads, the unknown values behind an undecided namespace (so it defers). */
    recordUnknowns: Map<string, (() => void)[]>;
    recordUnknownNamespaces: (() => void)[];
}

function merge(map: Map<string, Maybe<boolean>>, key: string, v: Maybe<boolean>): void {
    const prev = map.get(key);
    if (prev === true) return;
    map.set(key, v === true ? true : prev === UNKNOWN || v === UNKNOWN ? UNKNOWN : false);
}

/** Namespaces and NetworkPolicies of the stack, indexed by namespace name (read without recording unknowns). */
export function namespaceGovernance(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): NamespaceGovernance {
    const g: NamespaceGovernance = {
        created: new Set(), unknownNames: new Map(), createdUrns: new Set(), psaRestricted: new Map(), defaultDeny: new Map(),
        denyWithUnknownNamespace: false, recordUnknowns: new Map(), recordUnknownNamespaces: [],
    };
    const onUnknown = (ns: string, record: () => void) => g.recordUnknowns.set(ns, [...(g.recordUnknowns.get(ns) ?? []), record]);
    for (const r of resources) {
        const scratch = new Reads();
        const cluster = clusterOf(r);
        for (const obj of k8sObjects(r.type, scratch, r.props)) {
            if (obj.kind === "Namespace") {
                const nameView = obj.view.at("metadata", "name");
                const known = nameView.str();
                if (!obj.patch) g.createdUrns.add(r.urn);
                if (known === UNKNOWN && !obj.patch) {
                    g.unknownNames.set(cluster, [...(g.unknownNames.get(cluster) ?? []), () => void nameView.with(reads(r)).value()]);
                }
                if (typeof known !== "string") continue;
                const name = scoped(cluster, known);
                if (!obj.patch) g.created.add(name);
                for (const mode of PSA_MODES) {
                    const label = obj.view.at("metadata", "labels", psaLabel(mode));
                    const level = label.str();
                    if (level === UNKNOWN) onUnknown(name, () => void label.with(reads(r)).value());
                    merge(g.psaRestricted, `${mode} ${name}`, level === UNKNOWN ? UNKNOWN : level === "restricted");
                }
            } else if (obj.kind === "NetworkPolicy") {
                const nsName = namespaceOf(obj.view, providerView(r, scratch));
                const ns = nsName === UNKNOWN ? UNKNOWN : scoped(cluster, nsName);
                const deny = isDefaultDenyEgress(obj.view.at("spec"));
                const record = () => {
                    namespaceOf(obj.view.with(reads(r)), providerView(r, reads(r)));
                    isDefaultDenyEgress(obj.view.at("spec").with(reads(r)));
                };
                if (ns === UNKNOWN) {
                    if (deny !== false) {
                        g.denyWithUnknownNamespace = true;
                        g.recordUnknownNamespaces.push(record);
                    }
                } else {
                    if (deny === UNKNOWN) onUnknown(ns, record);
                    merge(g.defaultDeny, ns, deny);
                }
            }
        }
    }
    return g;
}

/** Every object holding a pod spec, with the namespace it lands in. */
export function workloads(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): Workload[] {
    const out: Workload[] = [];
    for (const r of resources) {
        if (!mayHoldPodSpec(r.type)) continue;
        const scratch = new Reads();
        for (const obj of k8sObjects(r.type, scratch, r.props)) {
            if (podTemplatesOf(obj, r.type).length === 0) continue;
            out.push({
                resource: r, cluster: clusterOf(r), obj, namespace: namespaceOf(obj.view, providerView(r, scratch)),
                record: () => void namespaceOf(obj.view.with(reads(r)), providerView(r, reads(r))),
            });
        }
    }
    return out;
}

/** Whether a workload's unknown namespace was computed from a Namespace the program creates (then that one governs it). */
export function fromCreatedNamespace(w: Workload, g: NamespaceGovernance): boolean {
    const top = w.obj.view.path === "" ? "metadata" : "items";
    return (w.resource.propertyDependencies?.[top] ?? []).some((d) => g.createdUrns.has(d.urn));
}

/**
 * What a namespace of a cluster the program does not create lacks: the enforce label, the default deny; UNKNOWN parts
 * undecided. `ns` is the scoped key (scoped()); messages name the namespace alone.
 */
export function missingGovernance(key: string, g: NamespaceGovernance): { missing: string[]; undecided: boolean } {
    const ns = unscoped(key);
    const missing: string[] = [];
    let undecided = false;
    const unlabelled: string[] = [];
    for (const mode of PSA_MODES) {
        const level = g.psaRestricted.get(`${mode} ${key}`);
        if (level === UNKNOWN) undecided = true;
        else if (level !== true) unlabelled.push(`metadata.labels["${psaLabel(mode)}"]`);
    }
    if (unlabelled.length > 0) missing.push(`no Namespace or NamespacePatch named ${ns} sets ${unlabelled.join(", ")} to "restricted"`);
    const deny = g.defaultDeny.get(key);
    if (deny === UNKNOWN || (deny !== true && g.denyWithUnknownNamespace)) {
        undecided = true;
        if (deny !== UNKNOWN) g.recordUnknownNamespaces.forEach((record) => record());
    }
    else if (deny !== true) missing.push(`no NetworkPolicy in ${ns} denies all egress by default (podSelector {}, policyTypes with Egress, no egress rules)`);
    if (undecided) g.recordUnknowns.get(key)?.forEach((record) => record());
    return { missing, undecided };
}
