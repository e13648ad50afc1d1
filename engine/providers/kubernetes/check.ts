/**
 * The provider's Check for a new resource in a preview (provider/pkg/provider/provider.go Check, with
 * metadata/annotations.go and metadata/labels.go; names in ./naming, normalisation in ./normalize).
 */
import { isSecret, isUnknown } from "../../constants";
import { KNOWN_GROUP_VERSIONS, LIST_TYPES } from "./kinds";
import { goTypeName } from "./messages";
import { isGenerateName, isNamed, kubernetesAutoname } from "./naming";
import { normalizeKnownKind } from "./normalize";
import { namespacedScope } from "./scope";
import type { DiscoveredScope } from "./scope";
import { nestedString, removeNested, setNested } from "./unstructured";
import { containsSecret, containsUnknown, isMapValue, secretOf, setKey, unwrap } from "./wire";
import type { Obj } from "./wire";

export interface KubernetesCheckOptions {
    /**
     * The provider's default namespace (`kubernetesDefaultNamespace`), set on namespaced kinds that have none.
     * @default "" - no namespace is applied (the provider had neither a `namespace` nor a usable kubeconfig)
     */
    defaultNamespace?: string;
    /** `enableServerSideApply` provider config. @default true - the provider's default since v4 */
    serverSideApply?: boolean;
    /** `renderYamlToDirectory` is set. @default false */
    renderYamlToDirectory?: boolean;
    /** The engine's autonaming options (`pulumi:autonaming` config). @default undefined - the provider's own autoname */
    autonaming?: { mode: "propose" | "enforce" | "disable"; proposedName?: string };
    /** CRDs this provider already checked in the deployment (its CRD cache). @default [] */
    crds?: readonly Obj[];
    /** The cluster's discovery, for kinds the static table and the CRDs do not cover. @default none - no answer */
    discoveredScope?: DiscoveredScope;
    /** PULUMI_KUBERNETES_MANAGED_BY_LABEL, used only without server-side apply. @default "pulumi" */
    managedByLabel?: string;
    /** The old inputs of an update (wire form): an old autoname is adopted, not drawn anew. @default {} - a new resource */
    olds?: Obj;
}

export interface CheckFailure {
    property?: string;
    reason: string;
}

/** metadata.SetAnnotation / TrySetLabel: nothing is set under an unknown metadata or annotations/labels map. */
function setMetadataEntry(obj: Obj, field: "annotations" | "labels", key: string, value: string): void {
    const md = obj.metadata;
    if (isUnknown(md)) return;
    if (md !== undefined && !isMapValue(md)) throw new Error(`expected .metadata to be a map[string]interface{}, got ${goTypeName(md)}`);
    const metadata = md ?? {};
    if (md === undefined) setKey(obj, "metadata", metadata);
    const current = metadata[field];
    if (isUnknown(current)) return;
    if (current !== undefined && !isMapValue(current)) throw new Error(`expected .metadata.${field} to be a map[string]interface{}, got ${goTypeName(current)}`);
    const entries = current ?? {};
    setKey(entries, key, value);
    setKey(metadata, field, entries);
}

/** provider.go annotateSecrets: a Secret's data and stringData are secret; elsewhere secretness comes back from the inputs. */
export function annotateSecrets(outs: Obj, ins: unknown): void {
    if (outs.kind === "Secret") {
        for (const key of ["data", "stringData"]) if (Object.hasOwn(outs, key) && !isSecret(outs[key])) setKey(outs, key, secretOf(outs[key]));
        return;
    }
    if (!isMapValue(ins)) return;
    for (const [key, inValue] of Object.entries(ins)) {
        if (!Object.hasOwn(outs, key)) continue;
        const outValue = outs[key];
        if (isMapValue(outValue) && isMapValue(inValue)) annotateSecrets(outValue, inValue);
        else if (!isSecret(outValue) && containsSecret(inValue)) setKey(outs, key, secretOf(outValue));
    }
}

/**
 * What the provider's Check returns in a preview, in the order it does it: refuse List types and (without
 * server-side apply) Patch types; normalise CRDs and Secrets; drop read-only metadata; for a new resource, autoname an
 * unnamed autonamable object and annotate it `pulumi.com/autonamed` (for an update, adopt the old autoname); refuse `generateName` under
 * server-side apply; set the default namespace on a namespaced kind that has none; put secretness back.
 */
export function kubernetesCheck(type: string, resourceName: string, urn: string, inputs: Obj, options: KubernetesCheckOptions = {}): { inputs: Obj; failures: CheckFailure[] } {
    const ssa = options.serverSideApply ?? true;
    const label = `${type} ${resourceName}`;
    if (type === "kubernetes:helm.sh/v3:Release") throw new Error(`${label}: a Helm release is checked by helmReleaseCheck`);
    if (LIST_TYPES.has(type)) {
        throw new Error(`${label}: list resources exist for compatibility with YAML manifests and Helm charts, and cannot be created directly. Use the underlying resource type instead`);
    }
    const news = structuredClone(inputs);
    const obj = unwrap(news, true) as Obj;
    const isPatch = `${nestedString(obj, "kind")}Patch` === type.split(":")[2];
    if (!ssa && isPatch) throw new Error(`${label}: patch resources require Server-Side Apply mode, which is enabled using the \`enableServerSideApply\` Provider config`);

    // normalizeInputs: the kind-specific normalisation runs only on fully known objects of a built-in group version.
    if (!containsUnknown(obj) && KNOWN_GROUP_VERSIONS.has(nestedString(obj, "apiVersion"))) normalizeKnownKind(obj);
    for (const field of ["creationTimestamp", "deletionGracePeriodSeconds", "deletionTimestamp", "generation", "managedFields", "resourceVersion", "uid"]) {
        removeNested(obj, "metadata", field);
    }
    if (ssa && isPatch && nestedString(obj, "metadata", "name") === "") throw new Error(`${label}: patch resources require the \`.metadata.name\` field to be set`);

    const olds = options.olds !== undefined ? unwrap(options.olds, true) as Obj : {};
    const managedBy = options.managedByLabel ?? "pulumi";
    if (Object.keys(olds).length > 0) {
        // An update: AdoptOldAutonameIfUnnamed (an old autoname is kept, nothing new is drawn), and the managed-by
        // label only where the old object had it (HasManagedByLabel: that value, or unknown).
        if (!isNamed(obj, news) && nestedString(olds, "metadata", "annotations", "pulumi.com/autonamed") === "true") {
            setNested(obj, nestedString(olds, "metadata", "name"), "metadata", "name");
            setMetadataEntry(obj, "annotations", "pulumi.com/autonamed", "true");
        }
        const oldLabels = olds.metadata !== undefined && isMapValue(olds.metadata) && isMapValue(olds.metadata.labels) ? olds.metadata.labels : {};
        const oldLabel = oldLabels["app.kubernetes.io/managed-by"];
        if (isUnknown(oldLabel) || oldLabel === managedBy) setMetadataEntry(obj, "labels", "app.kubernetes.io/managed-by", managedBy);
    } else {
        // AssignNameIfAutonamable: an unknown metadata (or annotations) map is left as it is.
        if (!isNamed(obj, news) && !isGenerateName(obj, news)) {
            let name = kubernetesAutoname(urn);
            if (options.autonaming?.mode === "disable") throw new Error(`${label}: autonaming is disabled, resource requires the .metadata.name field to be set`);
            if (options.autonaming?.proposedName) name = options.autonaming.proposedName;
            if (setNested(obj, name, "metadata", "name")) setMetadataEntry(obj, "annotations", "pulumi.com/autonamed", "true");
        }
        // Only client-side apply marks the object; with server-side apply the field managers say who manages it.
        if (!ssa) setMetadataEntry(obj, "labels", "app.kubernetes.io/managed-by", managedBy);
    }
    if (isGenerateName(obj, news)) {
        if (ssa) throw new Error(`${label}: the \`.metadata.generateName\` field is not supported in Server-Side Apply mode`);
        if (options.renderYamlToDirectory) throw new Error(`${label}: the \`.metadata.generateName\` field is not supported in YAML rendering mode`);
    }

    // gvkFromURN: the type's module must be `<group>/<version>`.
    const [pkg, mod = "", kind = ""] = type.split(":");
    if (pkg !== "kubernetes") throw new Error(`unrecognized resource type: "${type}" for this provider`);
    const gv = mod.split("/");
    if (gv.length !== 2) throw new Error(`apiVersion does not have both a group and a version: "${mod}"`);

    // An unknown namespace reads as "" (GetNamespace), so the default replaces it, as the provider does.
    const ns = options.defaultNamespace ?? "";
    if (ns !== "" && nestedString(obj, "metadata", "namespace") === "") {
        const namespaced = namespacedScope({ group: gv[0]!, version: gv[1]!, kind }, options.crds ?? [], options.discoveredScope) ?? true;
        if (namespaced) setNested(obj, ns, "metadata", "namespace");
    }
    annotateSecrets(obj, news);
    return { inputs: obj, failures: [] };
}
