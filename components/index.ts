/**
 * The HardenedStack component package: the components other programs reuse, in any Pulumi language.
 *
 * `pulumi package add <this repository>/components` runs this file with the Node.js language host, which serves
 * every exported ComponentResource class as a component provider and infers the package schema from the classes'
 * TypeScript types (sdk/nodejs/cmd/run-plugin/run.ts: getPulumiComponents, componentProviderHost). Only the
 * components meant for reuse are exported: each one's args interface is schema-friendly (named interfaces,
 * `as const` enums, no unions of unrelated types) and its type token is `hardened:index:<ClassName>`.
 *
 * TypeScript programs can import the classes directly from infra/ instead.
 */
export { HardenedVpc } from "../infra/network/vpc";
export { PrivateCluster } from "../infra/cluster/private-cluster";
export { PrivateBucket } from "../infra/data/private-bucket";
export { AccessLogBucket } from "../infra/data/log-bucket";
export { IrsaRole } from "../infra/identity/irsa-role";
export { ThreatDetection } from "../infra/detection/threat-detection";
export { KubernetesLayer } from "../infra/kubernetes/layer";
export { LockedNamespace } from "../infra/kubernetes/namespace";
