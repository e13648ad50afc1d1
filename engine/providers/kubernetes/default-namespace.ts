/**
 * The provider's default namespace as Configure settles it (provider/pkg/provider/provider.go Configure, with
 * client-go's kubeconfig loading and validation).
 */
import { goYamlDocument } from "./go-yaml";
import { nestedString } from "./unstructured";
import { isMapValue } from "./wire";
import type { Obj } from "./wire";

/**
 * The provider's default namespace (Configure): its `namespace` config; else, with a kubeconfig (its contents, YAML
 * or JSON), the namespace of the context in use (the `context` config, else current-context), "default" when that
 * context has none; "" when no usable kubeconfig is given (client-go's validation fails: no such context, or its
 * cluster has no server). A kubeconfig given as a file path, or none at all (the ambient ~/.kube/config), must be
 * read by the caller and passed as `kubeconfig`.
 */
export function kubernetesDefaultNamespace(config: { namespace?: string; kubeconfig?: string; context?: string; cluster?: string }): string {
    if (config.namespace) return config.namespace;
    if (!config.kubeconfig) return "";
    let doc: unknown;
    try {
        doc = goYamlDocument(config.kubeconfig);
    } catch {
        return "";
    }
    // The provider reads a value naming an existing file from disk; a pure function cannot, so it says so.
    if (typeof doc === "string") throw new Error(`kubeconfig "${doc}" looks like a file path: read the file and pass its contents`);
    if (!isMapValue(doc)) return "";
    const kc = doc;
    const named = (list: string, name: string): Obj | undefined => {
        const items = kc[list];
        const item = Array.isArray(items) ? items.find((i) => isMapValue(i) && i.name === name) : undefined;
        return isMapValue(item) && isMapValue(item[list.slice(0, -1)]) ? item[list.slice(0, -1)] as Obj : undefined;
    };
    const contextName = config.context || nestedString(kc, "current-context");
    const context = contextName ? named("contexts", contextName) : undefined;
    if (contextName && !context) return "";
    const clusterName = config.cluster || (context ? nestedString(context, "cluster") : "");
    const cluster = named("clusters", clusterName);
    if (!cluster || nestedString(cluster, "server") === "") return "";
    return (context ? nestedString(context, "namespace") : "") || "default";
}
