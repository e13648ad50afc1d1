/**
 * Pod specs of every workload kind: Pod (`spec`), PodTemplate (`template.spec`), Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, ReplicationController, Job (`spec.template.spec`) and CronJob
 * (`spec.jobTemplate.spec.template.spec`); pod templates inside custom resources (an OpenShift DeploymentConfig, an
 * Argo Rollout, a Knative Service...), found by shape; and the containers inside them.
 */
import { K8sObject, View, WORKLOAD_KINDS, parseK8sType } from "./k8s";
import { UNKNOWN } from "./unknowns";

export interface PodTemplate {
    /** The pod's metadata (labels of the pods the workload runs). */
    metadata: View;
    /** The pod spec. */
    spec: View;
}

/** The pod template of a workload object; undefined for other kinds. */
export function podTemplateOf(obj: K8sObject): PodTemplate | undefined {
    const v = obj.view;
    if (!(WORKLOAD_KINDS as readonly string[]).includes(obj.kind)) return undefined;
    switch (obj.kind) {
        case "Pod":
            return { metadata: v.at("metadata"), spec: v.at("spec") };
        case "PodTemplate":
            return { metadata: v.at("template", "metadata"), spec: v.at("template", "spec") };
        case "CronJob":
            return {
                metadata: v.at("spec", "jobTemplate", "spec", "template", "metadata"),
                spec: v.at("spec", "jobTemplate", "spec", "template", "spec"),
            };
        default:
            return { metadata: v.at("spec", "template", "metadata"), spec: v.at("spec", "template", "spec") };
    }
}

/**
 * API groups served by Kubernetes itself: their kinds are known, so only WORKLOAD_KINDS hold pods. Every other group
 * (`apps.openshift.io`, `argoproj.io`, `serving.knative.dev`, `cluster.x-k8s.io`...) is a custom resource and may.
 */
function isBuiltInGroup(group: string): boolean {
    return ["core", "apps", "batch", "extensions", "autoscaling", "policy"].includes(group) || group.endsWith(".k8s.io");
}

/** Whether resources of this type can hold a pod spec: a workload kind, or any custom resource. */
export function mayHoldPodSpec(type: string): boolean {
    const t = parseK8sType(type);
    if (!t) return false;
    return (WORKLOAD_KINDS as readonly string[]).includes(t.kind) || !isBuiltInGroup(t.group);
}

/** A non-empty list whose known elements are all objects (each element read alone: the SDK's proxy throws on unknowns). */
function isContainerList(v: View): boolean {
    const list = v.peek();
    if (!Array.isArray(list) || list.length === 0) return false;
    for (let i = 0; i < list.length; i++) {
        const c = v.at(i).peek();
        if (c !== UNKNOWN && (c === null || typeof c !== "object" || Array.isArray(c))) return false;
    }
    return true;
}

/**
 * Pod specs inside a custom resource, by shape: any object whose `containers` is a list of objects is a pod spec
 * (what every pod-template CRD embeds, as `spec.template.spec` or deeper); the `metadata` next to it (under the same
 * template) is the pod's. Bounded, reads without recording (a pod spec found is then read through the policy's own
 * `Reads`), and never descends into `status` or into a pod spec found.
 */
export function customPodTemplates(root: View, maxNodes = 5000): PodTemplate[] {
    const out: PodTemplate[] = [];
    let budget = maxNodes;
    const visit = (v: View, parent: View | undefined, key: string | number | undefined, depth: number): void => {
        if (budget-- <= 0 || depth > 24) return;
        const value = v.peek();
        if (value === null || typeof value !== "object") return;
        if (Array.isArray(value)) {
            for (let i = 0; i < value.length; i++) visit(v.at(i), v, i, depth + 1);
            return;
        }
        if (isContainerList(v.at("containers"))) {
            out.push({ metadata: key === "spec" && parent ? parent.at("metadata") : v.at("metadata"), spec: v });
            return;
        }
        for (const k of Object.keys(value)) if (!(depth === 0 && k === "status")) visit(v.at(k), v, k, depth + 1);
    };
    visit(root, undefined, undefined, 0);
    return out;
}

/** Every pod template of an object: the built-in kinds' one, or those a custom resource embeds. */
export function podTemplatesOf(obj: K8sObject, type: string): PodTemplate[] {
    const builtIn = podTemplateOf(obj);
    if (builtIn) return [builtIn];
    const t = parseK8sType(type);
    return t && !isBuiltInGroup(t.group) ? customPodTemplates(obj.view) : [];
}

export const CONTAINER_GROUPS = ["initContainers", "containers", "ephemeralContainers"] as const;
export type ContainerGroup = (typeof CONTAINER_GROUPS)[number];

/**
 * Container views of a pod spec, in the given groups. A group whose list is unknown is skipped (and recorded, so
 * the policy defers when nothing else decides it).
 */
export function containersOf(spec: View, groups: readonly ContainerGroup[] = CONTAINER_GROUPS): View[] {
    const out: View[] = [];
    for (const group of groups) {
        const items = spec.at(group).list();
        if (items !== UNKNOWN) out.push(...items);
    }
    return out;
}

/** The known image references of a pod spec's containers (all groups), with the path each was read at. */
export function containerImages(spec: View): { path: string; image: string }[] {
    const out: { path: string; image: string }[] = [];
    for (const c of containersOf(spec)) {
        const image = c.at("image").str();
        if (typeof image === "string") out.push({ path: c.at("image").path, image });
    }
    return out;
}
