/** The `kubernetes:yaml:decode` invoke that yaml.ConfigFile v1 calls (provider/pkg/provider/invoke_decode_yaml.go). */
import { gvkOf } from "./kinds";
import { decodeManifestStream } from "./manifest-stream";
import { namespacedScope } from "./scope";
import type { DiscoveredScope } from "./scope";
import { nestedString, setNested } from "./unstructured";
import type { Obj } from "./wire";

/**
 * The `kubernetes:yaml:decode` invoke: every document of `text` that has a string `kind` and `apiVersion`, in order,
 * as `{ result: [...] }`. `List` kinds are not expanded here (the SDK's ConfigFile v1 does that itself); empty and
 * comment-only documents are dropped; null values stay. With a `defaultNamespace`, a namespaced kind (or one whose
 * scope is unknown, which the provider assumes namespaced) without a namespace gets it.
 */
export function decodeYaml(text: string, defaultNamespace = "", discovered?: DiscoveredScope): { result: Obj[] } {
    const result: Obj[] = [];
    for (const obj of decodeManifestStream(text)) {
        if (obj === null || nestedString(obj, "kind") === "" || nestedString(obj, "apiVersion") === "") continue;
        if (defaultNamespace !== "" && nestedString(obj, "metadata", "namespace") === "") {
            if (namespacedScope(gvkOf(obj), [], discovered) ?? true) setNested(obj, defaultNamespace, "metadata", "namespace");
        }
        result.push(obj);
    }
    return { result };
}
