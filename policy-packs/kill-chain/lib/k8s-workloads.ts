/**
 * Pod specs of every workload kind: Pod (`spec`), PodTemplate (`template.spec`), Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, ReplicationController, Job (`spec.template.spec`) and CronJob
 * (`spec.jobTemplate.spec.template.spec`), and the containers inside them.
 */
import { K8sObject, View, WORKLOAD_KINDS } from "./k8s";
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
