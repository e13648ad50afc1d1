/**
 * The kinds the provider knows: the apiVersion/kind pairs the 4.34.2 SDK registers as typed resources (its own
 * node_modules/@pulumi/kubernetes/yaml/yaml.js, which knows kinds pulumi-kubernetes 94977969d does not), the type
 * tokens and List types of sdk/go/kubernetes/yaml/v2/kinds.go and provider/pkg/kinds/, and an object's
 * group/version/kind (k8s.io/apimachinery schema.ParseGroupVersion, Unstructured.GroupVersionKind).
 */
import { nestedString } from "./unstructured";
import type { Obj } from "./wire";

/** Every apiVersion/kind the 4.34.2 SDK registers as a typed resource (yaml.js parseYamlObject, kinds.go RegisterResource). */
const BUILTIN_KINDS: Record<string, string> = {
    "admissionregistration.k8s.io/v1": "MutatingAdmissionPolicy MutatingAdmissionPolicyBinding MutatingWebhookConfiguration ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding ValidatingWebhookConfiguration",
    "admissionregistration.k8s.io/v1alpha1": "MutatingAdmissionPolicy MutatingAdmissionPolicyBinding ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding",
    "admissionregistration.k8s.io/v1beta1": "MutatingAdmissionPolicy MutatingAdmissionPolicyBinding MutatingWebhookConfiguration ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding ValidatingWebhookConfiguration",
    "apiextensions.k8s.io/v1": "CustomResourceDefinition",
    "apiextensions.k8s.io/v1beta1": "CustomResourceDefinition",
    "apiregistration.k8s.io/v1": "APIService",
    "apiregistration.k8s.io/v1beta1": "APIService",
    "apps/v1": "ControllerRevision DaemonSet Deployment ReplicaSet StatefulSet",
    "apps/v1beta1": "ControllerRevision Deployment StatefulSet",
    "apps/v1beta2": "ControllerRevision DaemonSet Deployment ReplicaSet StatefulSet",
    "auditregistration.k8s.io/v1alpha1": "AuditSink",
    "autoscaling/v1": "HorizontalPodAutoscaler",
    "autoscaling/v2": "HorizontalPodAutoscaler",
    "autoscaling/v2beta1": "HorizontalPodAutoscaler",
    "autoscaling/v2beta2": "HorizontalPodAutoscaler",
    "batch/v1": "CronJob Job",
    "batch/v1beta1": "CronJob",
    "batch/v2alpha1": "CronJob",
    "certificates.k8s.io/v1": "CertificateSigningRequest ClusterTrustBundle PodCertificateRequest",
    "certificates.k8s.io/v1alpha1": "ClusterTrustBundle",
    "certificates.k8s.io/v1beta1": "CertificateSigningRequest ClusterTrustBundle PodCertificateRequest",
    "coordination.k8s.io/v1": "Lease",
    "coordination.k8s.io/v1alpha1": "LeaseCandidate",
    "coordination.k8s.io/v1alpha2": "LeaseCandidate",
    "coordination.k8s.io/v1beta1": "Lease LeaseCandidate",
    "discovery.k8s.io/v1": "EndpointSlice",
    "discovery.k8s.io/v1beta1": "EndpointSlice",
    "events.k8s.io/v1": "Event",
    "events.k8s.io/v1beta1": "Event",
    "extensions/v1beta1": "DaemonSet Deployment Ingress NetworkPolicy PodSecurityPolicy ReplicaSet",
    "flowcontrol.apiserver.k8s.io/v1": "FlowSchema PriorityLevelConfiguration",
    "flowcontrol.apiserver.k8s.io/v1alpha1": "FlowSchema PriorityLevelConfiguration",
    "flowcontrol.apiserver.k8s.io/v1beta1": "FlowSchema PriorityLevelConfiguration",
    "flowcontrol.apiserver.k8s.io/v1beta2": "FlowSchema PriorityLevelConfiguration",
    "flowcontrol.apiserver.k8s.io/v1beta3": "FlowSchema PriorityLevelConfiguration",
    "lifecycle.k8s.io/v1alpha1": "Eviction EvictionRequest",
    "meta/v1": "Status",
    "networking.k8s.io/v1": "IPAddress Ingress IngressClass NetworkPolicy ServiceCIDR",
    "networking.k8s.io/v1alpha1": "ClusterCIDR IPAddress ServiceCIDR",
    "networking.k8s.io/v1beta1": "IPAddress Ingress IngressClass ServiceCIDR",
    "node.k8s.io/v1": "RuntimeClass",
    "node.k8s.io/v1alpha1": "RuntimeClass",
    "node.k8s.io/v1beta1": "RuntimeClass",
    "policy/v1": "PodDisruptionBudget",
    "policy/v1beta1": "PodDisruptionBudget PodSecurityPolicy",
    "rbac.authorization.k8s.io/v1": "ClusterRole ClusterRoleBinding Role RoleBinding",
    "rbac.authorization.k8s.io/v1alpha1": "ClusterRole ClusterRoleBinding Role RoleBinding",
    "rbac.authorization.k8s.io/v1beta1": "ClusterRole ClusterRoleBinding Role RoleBinding",
    "resource.k8s.io/v1": "DeviceClass DeviceTaintRule ResourceClaim ResourceClaimTemplate ResourceSlice",
    "resource.k8s.io/v1alpha1": "PodScheduling ResourceClaim ResourceClaimTemplate ResourceClass",
    "resource.k8s.io/v1alpha2": "PodSchedulingContext ResourceClaim ResourceClaimParameters ResourceClaimTemplate ResourceClass ResourceClassParameters ResourceSlice",
    "resource.k8s.io/v1alpha3": "DeviceClass DeviceTaintRule PodSchedulingContext ResourceClaim ResourceClaimTemplate ResourcePoolStatusRequest ResourceSlice",
    "resource.k8s.io/v1beta1": "DeviceClass ResourceClaim ResourceClaimTemplate ResourceSlice",
    "resource.k8s.io/v1beta2": "DeviceClass DeviceTaintRule ResourceClaim ResourceClaimTemplate ResourceSlice",
    "scheduling.k8s.io/v1": "PriorityClass",
    "scheduling.k8s.io/v1alpha1": "PriorityClass Workload",
    "scheduling.k8s.io/v1alpha2": "PodGroup Workload",
    "scheduling.k8s.io/v1alpha3": "CompositePodGroup PodGroup Workload",
    "scheduling.k8s.io/v1beta1": "PodGroup PriorityClass Workload",
    "settings.k8s.io/v1alpha1": "PodPreset",
    "storage.k8s.io/v1": "CSIDriver CSINode CSIStorageCapacity StorageClass VolumeAttachment VolumeAttributesClass",
    "storage.k8s.io/v1alpha1": "VolumeAttachment VolumeAttributesClass",
    "storage.k8s.io/v1beta1": "CSIDriver CSINode CSIStorageCapacity StorageClass VolumeAttachment VolumeAttributesClass",
    "storagemigration.k8s.io/v1": "StorageVersionMigration",
    "storagemigration.k8s.io/v1alpha1": "StorageVersionMigration",
    "storagemigration.k8s.io/v1beta1": "StorageVersionMigration",
    "v1": "Binding ConfigMap Endpoints Event LimitRange Namespace Node PersistentVolume PersistentVolumeClaim Pod PodTemplate ReplicationController ResourceQuota Secret Service ServiceAccount",
};
const KNOWN_KINDS = new Set(Object.entries(BUILTIN_KINDS).flatMap(([gv, kinds]) => kinds.split(" ").map((k) => `${gv}/${k}`)));
/** The three built-in kinds without a `<Kind>List` type (yaml.js's list of List kinds is every other one). */
const WITHOUT_LIST = new Set(["meta/v1/Status", "resource.k8s.io/v1alpha3/ResourceSlice", "v1/Binding"]);
/** kinds.go KnownGroupVersions: the group versions of the built-in kinds, and `core/v1` as an alias of `v1`. */
export const KNOWN_GROUP_VERSIONS = new Set([...Object.keys(BUILTIN_KINDS), "core/v1"]);

/** The apiVersion/kind pairs the SDK registers as typed resources (exported for the test against the SDK's own list). */
export function builtinKinds(): string[] {
    return [...KNOWN_KINDS].sort();
}

const tokenModule = (apiVersion: string): string => (apiVersion === "v1" ? "core/v1" : apiVersion);

/**
 * The type token ConfigGroup registers an object as (sdk/go/kubernetes/yaml/v2/kinds.go RegisterResource): a built-in
 * kind as `kubernetes:<group>/<version>:<Kind>` (`v1` is the `core` group); anything else, CRD-defined kinds and
 * unknown kinds of known groups alike, as a CustomResource `kubernetes:<apiVersion>:<Kind>` verbatim.
 */
export function kubernetesTypeToken(apiVersion: string, kind: string): string {
    return KNOWN_KINDS.has(`${apiVersion}/${kind}`) ? `kubernetes:${tokenModule(apiVersion)}:${kind}` : `kubernetes:${apiVersion}:${kind}`;
}

/** kinds.go ListQualifiedTypes: the List resource types, which Check refuses. */
export const LIST_TYPES = new Set([...KNOWN_KINDS].filter((k) => !WITHOUT_LIST.has(k)).map((k) => {
    const i = k.lastIndexOf("/");
    return `kubernetes:${tokenModule(k.slice(0, i))}:${k.slice(i + 1)}List`;
}));

export interface Gvk {
    group: string;
    version: string;
    kind: string;
}

/** schema.ParseGroupVersion; undefined where it errors (more than one `/`). */
export function parseGroupVersion(apiVersion: string): { group: string; version: string } | undefined {
    if (apiVersion === "" || apiVersion === "/") return { group: "", version: "" };
    const parts = apiVersion.split("/");
    if (parts.length === 1) return { group: "", version: apiVersion };
    if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
    return undefined;
}

/** Unstructured.GroupVersionKind: the empty GVK when the apiVersion does not parse. */
export function gvkOf(obj: Obj): Gvk {
    const gv = parseGroupVersion(nestedString(obj, "apiVersion"));
    return gv ? { ...gv, kind: nestedString(obj, "kind") } : { group: "", version: "", kind: "" };
}

export function isCrd(obj: Obj): boolean {
    return nestedString(obj, "kind") === "CustomResourceDefinition" && nestedString(obj, "apiVersion").startsWith("apiextensions.k8s.io/");
}

/** Whether `obj` is a CustomResourceDefinition: the caller keeps those Check has seen (the provider's CRD cache). */
export const isCustomResourceDefinition = isCrd;
