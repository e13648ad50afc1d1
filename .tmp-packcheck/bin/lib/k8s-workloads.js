"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CONTAINER_GROUPS = void 0;
exports.podTemplateOf = podTemplateOf;
exports.containersOf = containersOf;
/**
 * Pod specs of every workload kind: Pod (`spec`), PodTemplate (`template.spec`), Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, ReplicationController, Job (`spec.template.spec`) and CronJob
 * (`spec.jobTemplate.spec.template.spec`), and the containers inside them.
 */
const k8s_1 = require("./k8s");
const unknowns_1 = require("./unknowns");
/** The pod template of a workload object; undefined for other kinds. */
function podTemplateOf(obj) {
    const v = obj.view;
    if (!k8s_1.WORKLOAD_KINDS.includes(obj.kind))
        return undefined;
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
exports.CONTAINER_GROUPS = ["initContainers", "containers", "ephemeralContainers"];
/**
 * Container views of a pod spec, in the given groups. A group whose list is unknown is skipped (and recorded, so
 * the policy defers when nothing else decides it).
 */
function containersOf(spec, groups = exports.CONTAINER_GROUPS) {
    const out = [];
    for (const group of groups) {
        const items = spec.at(group).list();
        if (items !== unknowns_1.UNKNOWN)
            out.push(...items);
    }
    return out;
}
//# sourceMappingURL=k8s-workloads.js.map