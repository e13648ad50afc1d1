/**
 * Helm resources judged by their own inputs. `helm.sh/v3:Release` installs its objects server-side, so no policy
 * ever sees them; `helm.sh/v4:Chart` registers its rendered objects as child resources, which the other policies
 * check, but its chart name and values are still the earliest, clearest signal. Values follow chart conventions
 * (`service.type`, `hostNetwork`...), so matching them is a heuristic: it catches the common switches, not all.
 */
import { HELM_RELEASE, Leaf, View, leaves } from "./k8s";
import { Maybe, UNKNOWN } from "./unknowns";

export interface HelmChartRef {
    chart: Maybe<string | undefined>;
    repo: Maybe<string | undefined>;
}

export function helmChartOf(root: View): HelmChartRef {
    return { chart: root.at("chart").str(), repo: root.at("repositoryOpts", "repo").str() };
}

/** A Release's or Chart's `values` entries whose property name is `key` (anywhere in the tree). */
export function helmValues(root: View, key: (k: string) => boolean): Leaf[] {
    return leaves(root.at("values")).filter((l) => typeof l.key === "string" && key(l.key));
}

/**
 * `values` settings named one of `keys` that are true (or "true"). An unknown one is recorded, so the policy defers
 * when nothing else decides it.
 */
export function enabledHelmValues(root: View, keys: readonly string[]): Leaf[] {
    const out: Leaf[] = [];
    for (const l of helmValues(root, (k) => keys.includes(k))) if (l.view.bool() === true) out.push(l);
    return out;
}

/** The namespace a Release or Chart installs into: `namespace`, else the provider's, else `default`. */
export function helmNamespace(root: View, provider: View | undefined): Maybe<string> {
    const ns = root.at("namespace").str();
    if (ns === UNKNOWN) return UNKNOWN;
    if (ns !== undefined && ns !== "") return ns;
    const fromProvider = provider?.at("namespace").str();
    if (fromProvider === UNKNOWN) return UNKNOWN;
    return fromProvider !== undefined && fromProvider !== "" ? fromProvider : "default";
}

/** True for a v3 Release that asks Helm to create its namespace (with no labels, no NetworkPolicy). */
export function createsNamespace(type: string, root: View): Maybe<boolean> {
    if (type !== HELM_RELEASE) return false;
    const v = root.at("createNamespace").bool();
    return v === UNKNOWN ? UNKNOWN : v === true;
}
