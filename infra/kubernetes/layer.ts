import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { check } from "../lib/validation";
import { validateClusterName } from "../cluster/settings";
import { ContainerLimits, LockedNamespace, NamespaceQuota, validateNamespaceName, validatePodSecurityVersion } from "./namespace";
import { ClusterConnection, KubernetesMode, clusterProvider, validateKubernetesMode, validateTunnelPort } from "./provider";
import { TelemetryReader, TelemetryReaderArgs, validateTelemetryReaderArgs } from "./telemetry-reader";
import { componentType, withPreviousType } from "../lib/type-token";

export interface KubernetesLayerArgs {
    /** `skip` creates nothing below this component: no provider, no Kubernetes resource (two-phase deployment). */
    mode: KubernetesMode;
    /** How to reach the API server. Required when `mode` is `deploy`, ignored when `skip`. */
    connection?: ClusterConnection;
    /**
     * Extra workload namespaces, each a LockedNamespace.
     * @default - none
     */
    workloadNamespaces?: string[];
    /**
     * Quota for every workload namespace.
     * @default - LockedNamespace defaults
     */
    workloadQuota?: NamespaceQuota;
    /** @default - LockedNamespace defaults */
    workloadContainerLimits?: ContainerLimits;
    /** @default - LockedNamespace default */
    podSecurityVersion?: string;
    /** The telemetry reader workload. */
    telemetryReader: TelemetryReaderArgs;
}

/** Throws unless the workload namespace list is valid, free of duplicates and of the reader's namespace. */
export function validateWorkloadNamespaces(value: unknown, reserved: readonly string[], setting: string): string[] {
    check(Array.isArray(value), setting, value, "must be a list of namespace names");
    const names = (value as unknown[]).map((v, i) => validateNamespaceName(v, `${setting}[${i}]`));
    check(new Set(names).size === names.length, setting, value, "must not list a namespace twice");
    names.forEach((n, i) => check(!reserved.includes(n), `${setting}[${i}]`, n, `is already used by this layer (${reserved.join(", ")})`));
    return names;
}

/**
 * The whole in-cluster layer: an explicit provider for this cluster, one LockedNamespace per workload namespace,
 * and the TelemetryReader. Every Kubernetes resource below it uses that provider, never a default provider.
 * Pass `dependsOn: [cluster]` in opts so nothing is applied before the cluster's nodes and add-ons exist.
 * Type token `hardened:index:KubernetesLayer` (formerly `hardened:kubernetes:Layer`, kept as an alias); children `${name}-provider`, `${name}-ns-<namespace>`, `${name}-telemetry-reader`.
 */
// The provider is kept out of the class's properties: the component schema would have to reference the
// `pulumi:providers:kubernetes` type, which the schema inference cannot name. TypeScript callers read `provider`.
const providers = new WeakMap<KubernetesLayer, k8s.Provider>();

export class KubernetesLayer extends pulumi.ComponentResource {
    /** True in `deploy` mode (the layer's resources exist), false in `skip` mode. */
    public readonly deployed: boolean;
    /**
     * Names of the workload namespaces and the reader's; empty in `skip` mode. Names, not the LockedNamespace
     * components: a component package's schema can only reference resources of published provider packages.
     */
    public readonly namespaceNames: string[] = [];

    /** The Kubernetes provider every resource of the layer uses; undefined in `skip` mode. */
    get provider(): k8s.Provider | undefined {
        return providers.get(this);
    }

    constructor(name: string, args: KubernetesLayerArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is validated in both modes, so a bad setting fails the first (skip) phase, not the second.
        const mode = validateKubernetesMode(args.mode, "KubernetesLayer.mode");
        const reader = validateTelemetryReaderArgs(args.telemetryReader, "KubernetesLayer.telemetryReader");
        const workloadNamespaces = validateWorkloadNamespaces(args.workloadNamespaces ?? [], [reader.namespace],
            "KubernetesLayer.workloadNamespaces");
        if (args.podSecurityVersion !== undefined) validatePodSecurityVersion(args.podSecurityVersion, "KubernetesLayer.podSecurityVersion");
        if (args.connection !== undefined) validateClusterName(args.connection.clusterName, "KubernetesLayer.connection.clusterName");
        if (args.connection?.tunnel) validateTunnelPort(args.connection.tunnel.localPort, "KubernetesLayer.connection.tunnel.localPort");
        check(mode === "skip" || args.connection !== undefined, "KubernetesLayer.connection", args.connection,
            "is required when mode is \"deploy\" (cluster name, endpoint, CA data and token)");
        super(componentType("KubernetesLayer"), name, {}, withPreviousType("KubernetesLayer", opts));

        this.deployed = mode === "deploy";
        if (mode === "skip") {
            this.registerOutputs({ mode });
            return;
        }

        // A component's dependsOn does not reach its children. Hand it to the provider instead: every Kubernetes
        // resource uses the provider, so passing `dependsOn: [cluster]` makes the whole layer wait for the node
        // group and add-ons (a Deployment cannot become ready before nodes and CoreDNS exist).
        const provider = clusterProvider(`${name}-provider`, args.connection as ClusterConnection, { parent: this, dependsOn: opts?.dependsOn });
        providers.set(this, provider);
        const scoped = { parent: this, providers: [provider] };
        for (const ns of workloadNamespaces) {
            new LockedNamespace(`${name}-ns-${ns}`, {
                name: ns,
                quota: args.workloadQuota,
                containerLimits: args.workloadContainerLimits,
                podSecurityVersion: args.podSecurityVersion,
            }, scoped);
        }
        new TelemetryReader(`${name}-telemetry-reader`, {
            ...args.telemetryReader,
            podSecurityVersion: args.telemetryReader.podSecurityVersion ?? args.podSecurityVersion,
        }, scoped);

        this.namespaceNames = [...workloadNamespaces, reader.namespace];
        this.registerOutputs({ mode, namespaces: this.namespaceNames });
    }
}
