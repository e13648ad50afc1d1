/**
 * Public paths to the Kubernetes API or an admin console by doors the per-resource policies do not see:
 * - an internet-facing AWS load balancer (aws.lb, `internal` unset or false) whose listener or listener rule forwards
 *   to a target group whose targets are computed from the EKS cluster (its private endpoint's addresses), or that a
 *   `TargetGroupBinding` (AWS Load Balancer Controller) fills with the pods of the `default/kubernetes` Service, of
 *   an admin console, or of any other Service (a public Service by another door, which a reviewed allowlist may accept);
 * - an Ingress made internet-facing by its IngressClass's `IngressClassParams` (`spec.scheme: internet-facing`)
 *   instead of the annotation the Ingress policy reads.
 * Joins follow the dependency graph; Kubernetes references (a class, a params object, a Service) go by name.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS } from "./aws-types";
import { View, k8sObjects, parseK8sType, upstreamOf } from "./k8s";
import { adminUiOfName } from "./k8s-images";
import { Reads, UNKNOWN } from "./unknowns";
import { label } from "./stack";

const LB = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENER = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const LISTENER_RULE = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];
const TARGET_GROUP = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
const ATTACHMENT = ["aws:lb/targetGroupAttachment:TargetGroupAttachment", "aws:alb/targetGroupAttachment:TargetGroupAttachment"];

export interface Exposure {
    /** Where to report. */
    resource: PolicyResource;
    path: string;
    /** `namespace/name` of an Ingress or Service a reviewed allowlist may accept; undefined for the API and consoles. */
    entryPoint?: string;
}

function depsOfType(r: PolicyResource, types: readonly string[]): PolicyResource[] {
    const out = new Map<string, PolicyResource>();
    for (const deps of Object.values(r.propertyDependencies ?? {})) for (const d of deps ?? []) if (types.includes(d.type)) out.set(d.urn, d);
    return [...out.values()];
}

function kindOf(r: PolicyResource): string | undefined {
    return parseK8sType(r.type)?.kind;
}

/** What a Service is, when it is the API or a console: by its name, or by the console its selector picks. */
function sensitiveService(ns: string, name: string, services: ReadonlyMap<string, View>): string | undefined {
    if (ns === "default" && name === "kubernetes") return "the cluster API (Service default/kubernetes)";
    const byName = adminUiOfName(name);
    if (byName) return `the ${byName} admin console (Service ${ns}/${name})`;
    const svc = services.get(`${ns}/${name}`);
    const selector = svc?.at("spec", "selector").peek();
    if (selector && typeof selector === "object") {
        for (const v of Object.values(selector as Record<string, unknown>)) {
            const product = adminUiOfName(v);
            if (product) return `the ${product} admin console (Service ${ns}/${name} selects it)`;
        }
    }
    return undefined;
}

/** Every public path to the API or a console; unknown values the verdict needs are recorded on `reads`. */
export function publicApiPaths(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): Exposure[] {
    const out: Exposure[] = [];
    const services = new Map<string, View>();
    const k8s: { r: PolicyResource; view: View; kind: string }[] = [];
    for (const r of resources) {
        const kind = kindOf(r);
        if (!kind || !["Service", "TargetGroupBinding", "IngressClassParams", "IngressClass", "Ingress"].includes(kind)) continue;
        for (const obj of k8sObjects(r.type, new Reads(), r.props)) {
            const view = obj.view.with(reads(r));
            k8s.push({ r, view, kind });
            if (kind === "Service") {
                const ns = view.at("metadata", "namespace").peek();
                const name = view.at("metadata", "name").peek();
                if (typeof name === "string") services.set(`${typeof ns === "string" ? ns : "default"}/${name}`, view);
            }
        }
    }

    // Target groups behind which the API, a console or another Service sits, with what it is.
    const exposedGroups = new Map<string, { group: PolicyResource; what: string; entryPoint?: string }>();
    for (const r of resources) {
        if (!ATTACHMENT.includes(r.type)) continue;
        // Only what the target's address was computed from: the group or port may come from anywhere.
        const from = r.propertyDependencies?.targetId ?? [];
        const cluster = [...from, ...from.flatMap((d) => upstreamOf(d))].find((u) => u.type === AWS.eksCluster);
        if (!cluster) continue;
        for (const g of depsOfType(r, TARGET_GROUP)) exposedGroups.set(g.urn, { group: g, what: `the cluster API (target ${r.name} computed from ${label(cluster)})` });
    }
    for (const { r, view, kind } of k8s) {
        if (kind !== "TargetGroupBinding") continue;
        const ns = view.at("metadata", "namespace").str();
        const name = view.at("spec", "serviceRef", "name").str();
        if (ns === UNKNOWN || name === UNKNOWN || name === undefined) continue;
        const id = `${ns ?? "default"}/${name}`;
        const what = sensitiveService(ns ?? "default", name, services);
        // Any other Service behind a public load balancer is a public Service by another door: reviewed ones may be allowed.
        for (const g of depsOfType(r, TARGET_GROUP)) {
            exposedGroups.set(g.urn, what ? { group: g, what: `${what} through TargetGroupBinding ${r.name}` }
                : { group: g, what: `Service ${id} through TargetGroupBinding ${r.name}`, entryPoint: id });
        }
    }

    // Load balancers forwarding to those groups, through listeners and listener rules.
    const listenersOf = new Map<string, PolicyResource[]>();
    for (const r of resources) {
        if (!LISTENER.includes(r.type) && !LISTENER_RULE.includes(r.type)) continue;
        for (const g of depsOfType(r, TARGET_GROUP)) listenersOf.set(g.urn, [...(listenersOf.get(g.urn) ?? []), r]);
    }
    for (const { group, what, entryPoint } of exposedGroups.values()) {
        for (const l of listenersOf.get(group.urn) ?? []) {
            const lbs = LISTENER_RULE.includes(l.type) ? depsOfType(l, LISTENER).flatMap((x) => depsOfType(x, LB)) : depsOfType(l, LB);
            for (const lb of lbs) {
                const internal = reads(lb).get("internal", () => lb.props.internal);
                if (internal === UNKNOWN || internal === true || internal === "true") continue;
                out.push({ resource: lb, path: `internet -> ${label(lb)} (internal unset: internet-facing) -> ${l.name} -> target group ${group.name} -> ${what}`, entryPoint });
            }
        }
    }

    // Ingresses made internet-facing by their class's IngressClassParams.
    const publicParams = new Set<string>();
    const classes = new Map<string, string>();
    let defaultClass: string | undefined;
    for (const { view, kind } of k8s) {
        const name = view.at("metadata", "name").peek();
        if (typeof name !== "string") continue;
        if (kind === "IngressClassParams" && view.at("spec", "scheme").str() === "internet-facing") publicParams.add(name);
        if (kind === "IngressClass") {
            const p = view.at("spec", "parameters");
            if (p.at("kind").peek() === "IngressClassParams" && typeof p.at("name").peek() === "string") classes.set(name, p.at("name").peek() as string);
            if (view.at("metadata", "annotations", "ingressclass.kubernetes.io/is-default-class").peek() === "true") defaultClass = name;
        }
    }
    for (const { r, view, kind } of k8s) {
        if (kind !== "Ingress" || publicParams.size === 0) continue;
        const cls = view.at("spec", "ingressClassName").str() ?? view.at("metadata", "annotations", "kubernetes.io/ingress.class").str() ?? defaultClass;
        if (cls === UNKNOWN || cls === undefined) continue;
        const params = classes.get(cls);
        if (params === undefined || !publicParams.has(params)) continue;
        const ns = view.at("metadata", "namespace").peek();
        const name = view.at("metadata", "name").peek();
        const id = `${typeof ns === "string" ? ns : "default"}/${typeof name === "string" ? name : "?"}`;
        const backends = backendServices(view).map((s) => sensitiveService(typeof ns === "string" ? ns : "default", s, services)).filter((x): x is string => x !== undefined);
        const head = `internet -> ALB (IngressClassParams ${params}: spec.scheme internet-facing, IngressClass ${cls}) -> Ingress ${id}`;
        if (backends.length > 0) out.push({ resource: r, path: `${head} -> ${backends[0]}` });
        else out.push({ resource: r, path: head, entryPoint: id });
    }
    return out;
}

/** Service names an Ingress routes to. */
function backendServices(ingress: View): string[] {
    const spec = ingress.at("spec");
    const backends = [spec.at("defaultBackend"), spec.at("backend")];
    const rules = spec.at("rules").peek();
    if (Array.isArray(rules)) {
        rules.forEach((_, i) => {
            const paths = spec.at("rules", i, "http", "paths").peek();
            if (Array.isArray(paths)) paths.forEach((__, j) => backends.push(spec.at("rules", i, "http", "paths", j, "backend")));
        });
    }
    const names: string[] = [];
    for (const b of backends) for (const n of [b.at("service", "name").peek(), b.at("serviceName").peek()]) if (typeof n === "string") names.push(n);
    return names;
}
