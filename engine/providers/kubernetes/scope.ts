/**
 * Whether a kind is namespaced (provider/pkg/clients/clients.go IsNamespacedKind over provider/pkg/kinds/
 * Kind.Namespaced()): the static table, then the CRDs, then the cluster's discovery.
 */
import { isCrd, KNOWN_GROUP_VERSIONS } from "./kinds";
import type { Gvk } from "./kinds";
import { nested } from "./unstructured";
import type { Obj } from "./wire";

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

/**
 * clients.IsNamespacedKind: the static table (only for known group versions, `Patch` and `List` suffixes trimmed),
 * then a CRD among `crds` whose spec.group/spec.names.kind match, then the cluster's discovery. Undefined is the
 * provider's NoNamespaceInfoErr.
 */
export function namespacedScope(gvk: Gvk, crds: readonly Obj[], discovered?: DiscoveredScope): boolean | undefined {
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
