"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.helmChartOf = helmChartOf;
exports.helmValues = helmValues;
exports.enabledHelmValues = enabledHelmValues;
exports.helmNamespace = helmNamespace;
exports.createsNamespace = createsNamespace;
/**
 * Helm resources judged by their own inputs. `helm.sh/v3:Release` installs its objects server-side, so no policy
 * ever sees them; `helm.sh/v4:Chart` registers its rendered objects as child resources, which the other policies
 * check, but its chart name and values are still the earliest, clearest signal. Values follow chart conventions
 * (`service.type`, `hostNetwork`...), so matching them is a heuristic: it catches the common switches, not all.
 */
const k8s_1 = require("./k8s");
const unknowns_1 = require("./unknowns");
function helmChartOf(root) {
    return { chart: root.at("chart").str(), repo: root.at("repositoryOpts", "repo").str() };
}
/** A Release's or Chart's `values` entries whose property name is `key` (anywhere in the tree). */
function helmValues(root, key) {
    return (0, k8s_1.leaves)(root.at("values")).filter((l) => typeof l.key === "string" && key(l.key));
}
/**
 * `values` settings named one of `keys` that are true (or "true"). An unknown one is recorded, so the policy defers
 * when nothing else decides it.
 */
function enabledHelmValues(root, keys) {
    const out = [];
    for (const l of helmValues(root, (k) => keys.includes(k)))
        if (l.view.bool() === true)
            out.push(l);
    return out;
}
/** The namespace a Release or Chart installs into: `namespace`, else the provider's, else `default`. */
function helmNamespace(root, provider) {
    const ns = root.at("namespace").str();
    if (ns === unknowns_1.UNKNOWN)
        return unknowns_1.UNKNOWN;
    if (ns !== undefined && ns !== "")
        return ns;
    const fromProvider = provider?.at("namespace").str();
    if (fromProvider === unknowns_1.UNKNOWN)
        return unknowns_1.UNKNOWN;
    return fromProvider !== undefined && fromProvider !== "" ? fromProvider : "default";
}
/** True for a v3 Release that asks Helm to create its namespace (with no labels, no NetworkPolicy). */
function createsNamespace(type, root) {
    if (type !== k8s_1.HELM_RELEASE)
        return false;
    const v = root.at("createNamespace").bool();
    return v === unknowns_1.UNKNOWN ? unknowns_1.UNKNOWN : v === true;
}
//# sourceMappingURL=k8s-helm.js.map