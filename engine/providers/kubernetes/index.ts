/**
 * What the Kubernetes provider plugin (pulumi-kubernetes 4.34.2) does in a preview, as pure functions over wire values
 * (what `Struct.toJavaScript()` gives: unknowns are the sentinel strings, secrets `{ [SPECIAL_SIG]: SECRET_SIG, value }`):
 *
 * - `kubernetesCheck`: the provider's Check for a new resource (provider/pkg/provider/provider.go Check, with
 *   metadata/naming.go, metadata/annotations.go, metadata/labels.go, clients/unstructured.go, clients/clients.go, kinds/).
 * - `helmReleaseCheck`: Check for a helm.sh/v3 Release (provider/pkg/provider/helm_release.go), all but the chart load.
 * - `decodeYaml`: the `kubernetes:yaml:decode` invoke (provider/invoke_decode_yaml.go over k8s.io/apimachinery v0.36.2
 *   pkg/util/yaml/decoder.go and sigs.k8s.io/yaml v1.6.0, which reads YAML with go-yaml v2: YAML 1.1 scalars).
 * - `renderConfigGroup`: what the `yaml/v2` ConfigGroup and ConfigFile Construct registers (provider/yaml/v2/
 *   configgroup.go, configfile.go, yaml.go; the order of sigs.k8s.io/cli-utils v0.37.2 pkg/object/graph and
 *   pkg/ordering; the type tokens of sdk/go/kubernetes/yaml/v2/kinds.go).
 * - `unrenderableOffline` / `helmTemplateUnavailable`: Helm and kustomize, which the provider runs in-process.
 *
 * Read at pulumi/pulumi-kubernetes 94977969d (July 2026, after v4.32.0; the stored history has no v4.34.2 tag). The
 * tables of kinds are the 4.34.2 SDK's own (node_modules/@pulumi/kubernetes/yaml/yaml.js), which knows kinds that
 * commit does not; the test checks them against that file.
 *
 * This file is the public API; each file beside it holds one part of the emulation and names the upstream code it
 * follows.
 */
export { builtinKinds, isCustomResourceDefinition, kubernetesTypeToken } from "./kinds";
export type { DiscoveredScope } from "./scope";
export { decodeYaml } from "./decode-yaml";
export { kubernetesAutoname } from "./naming";
export { kubernetesCheck } from "./check";
export { HELM_RELEASE_TYPE, helmReleaseCheck } from "./helm-release";
export type { HelmReleaseCheckOptions, HelmReleaseCheckResult } from "./helm-release";
export type { CheckFailure, KubernetesCheckOptions } from "./check";
export { kubernetesDefaultNamespace } from "./default-namespace";
export { renderConfigGroup } from "./config-group";
export type { ConfigGroupChild, ConfigGroupOptions } from "./config-group";
export { helmTemplateUnavailable, unrenderableOffline } from "./unrenderable";
export type { UnrenderableToken } from "./unrenderable";
