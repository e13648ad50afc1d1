import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { validateClusterName } from "../cluster/settings";
import { ValidationError, check, enumValue } from "../lib/validation";

/**
 * `deploy` creates the Kubernetes layer; `skip` creates no Kubernetes provider and no Kubernetes resource, so the AWS
 * layer can be deployed from a machine that cannot reach the private API endpoint (docs/operations.md).
 */
export const KubernetesMode = {
    /** Create the Kubernetes provider and the whole layer (needs a network path to the private API endpoint). */
    Deploy: "deploy",
    /** Create no Kubernetes provider and no Kubernetes resource. */
    Skip: "skip",
} as const;
// A const object and a type of one name, not a bare union: the component package's schema needs a named enum.
export type KubernetesMode = (typeof KubernetesMode)[keyof typeof KubernetesMode];
export const KUBERNETES_MODES: readonly KubernetesMode[] = Object.values(KubernetesMode);

/** Accepts only the two known modes; a typo must not silently skip (or deploy) the whole layer. */
export function validateKubernetesMode(value: unknown, setting: string): KubernetesMode {
    return enumValue(KubernetesMode, value, setting);
}

/** How to reach the cluster's API server. Plain inputs so the layer can be tested without the cluster component. */
export interface ClusterConnection {
    /** EKS cluster name; also names the kubeconfig cluster, context and user. */
    clusterName: string;
    /** API server URL as EKS reports it (`https://<id>.<suffix>.<region>.eks.amazonaws.com`). */
    endpoint: pulumi.Input<string>;
    /** Base64 PEM of the cluster CA, as EKS reports it (`certificateAuthority.data`). */
    certificateAuthorityData: pulumi.Input<string>;
    /**
     * Bearer token from `aws.eks.getClusterAuthOutput({ name })` in the program. Treated as a secret. EKS tokens
     * expire after 15 minutes, so one `pulumi up` must finish its Kubernetes steps within that window.
     */
    token: pulumi.Input<string>;
    /**
     * Reach the endpoint through a local TCP tunnel (SSM port forwarding, docs/operations.md) instead of directly.
     * The kubeconfig then points at `https://127.0.0.1:<localPort>` and still verifies the API server certificate
     * against the real endpoint host name (`tls-server-name`), so the tunnel cannot weaken TLS.
     * @default - connect to `endpoint` directly (a runner inside the VPC)
     */
    tunnel?: ApiTunnel;
}

/** A local TCP tunnel to the private API endpoint (a named interface: a named type in the component schema). */
export interface ApiTunnel {
    /** The unprivileged local port the tunnel listens on. */
    localPort: number;
}

/** Plain values of a ClusterConnection, once the endpoint, CA and token are known. */
export interface KubeconfigValues {
    clusterName: string;
    endpoint: string;
    certificateAuthorityData: string;
    token: string;
    tunnel?: { localPort: number };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Throws unless the tunnel port is an unprivileged TCP port. */
export function validateTunnelPort(value: unknown, setting: string): number {
    check(typeof value === "number" && Number.isInteger(value) && value >= 1024 && value <= 65535, setting, value,
        "must be an integer TCP port from 1024 to 65535 (the local end of the SSM port-forwarding session)");
    return value as number;
}

/** Throws unless `value` is an https URL with a host name and nothing after the authority. */
export function validateEndpoint(value: unknown, setting: string): URL {
    let url: URL | undefined;
    try {
        url = typeof value === "string" ? new URL(value) : undefined;
    } catch {
        url = undefined;
    }
    check(url !== undefined && url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === ""
        && (url.pathname === "/" || url.pathname === "") && url.search === "" && url.hash === "", setting, value,
    "must be the cluster's https:// API endpoint with no path, query or credentials");
    return url as URL;
}

/**
 * A kubeconfig (JSON, which every kubeconfig reader accepts as YAML) holding exactly one cluster, user and context,
 * all named after the cluster. The user is a static bearer token, never an `exec` plugin, so nothing on the machine
 * running Pulumi (AWS profile, kubectl context, KUBECONFIG) can change which cluster or identity is used.
 */
export function kubeconfigFor(values: KubeconfigValues): string {
    const url = validateEndpoint(values.endpoint, "ClusterConnection.endpoint");
    validateClusterName(values.clusterName, "ClusterConnection.clusterName");
    check(values.certificateAuthorityData.length > 0 && BASE64.test(values.certificateAuthorityData),
        "ClusterConnection.certificateAuthorityData", "(redacted)", "must be the base64 CA bundle EKS reports; TLS is never skipped");
    check(values.token.length > 0 && !/\s/.test(values.token), "ClusterConnection.token", "(redacted)",
        "must be a non-empty bearer token from aws.eks.getClusterAuth");

    const cluster: Record<string, string> = { "certificate-authority-data": values.certificateAuthorityData };
    if (values.tunnel) {
        const port = validateTunnelPort(values.tunnel.localPort, "ClusterConnection.tunnel.localPort");
        cluster.server = `https://127.0.0.1:${port}`;
        // The certificate names the endpoint host, not 127.0.0.1: verify against that name instead of skipping checks.
        cluster["tls-server-name"] = url.hostname;
    } else {
        cluster.server = values.endpoint.replace(/\/$/, "");
    }
    const name = values.clusterName;
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster }],
        users: [{ name, user: { token: values.token } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        preferences: {},
    });
}

/**
 * A Kubernetes provider for exactly this cluster, built from a generated kubeconfig. Every setting that the SDK
 * would otherwise fill from the environment (`KUBECONFIG`, `PULUMI_K8S_*`) is set here, so the provider never
 * falls back to ambient configuration or to a different cluster.
 */
export function clusterProvider(name: string, connection: ClusterConnection, opts?: pulumi.CustomResourceOptions): k8s.Provider {
    validateClusterName(connection.clusterName, "ClusterConnection.clusterName");
    if (connection.tunnel) validateTunnelPort(connection.tunnel.localPort, "ClusterConnection.tunnel.localPort");
    const kubeconfig = pulumi
        .all([connection.endpoint, connection.certificateAuthorityData, connection.token])
        .apply(([endpoint, certificateAuthorityData, token]) =>
            kubeconfigFor({ clusterName: connection.clusterName, endpoint, certificateAuthorityData, token, tunnel: connection.tunnel }));
    return new k8s.Provider(name, {
        kubeconfig: pulumi.secret(kubeconfig),
        // Pin the context and cluster by name too: a kubeconfig that somehow held more entries could not redirect us.
        context: connection.clusterName,
        cluster: connection.clusterName,
        // The token changes on every run; without a fixed identifier that would replace the provider and, with it,
        // every Kubernetes resource. Only a different cluster should do that.
        clusterIdentifier: connection.clusterName,
        enableServerSideApply: true,
        // An unreachable cluster must fail the run, never drop resources from state or skip their updates.
        deleteUnreachable: false,
        skipUpdateUnreachable: false,
        // Field conflicts with other managers are errors to look at, not something to override silently.
        enablePatchForce: false,
        // Creating an object that already exists is an error (it would otherwise adopt and later delete it).
        upsertExistingObjects: false,
        enableConfigMapMutable: false,
        enableSecretMutable: false,
        suppressDeprecationWarnings: false,
        suppressHelmHookWarnings: false,
    }, opts);
}

/**
 * The Kubernetes provider a component's children must use: `opts.provider`, a kubernetes provider in
 * `opts.providers`, or the one the parent carries. Throws when there is none, because the alternative is the
 * engine's default provider, which reads whatever kubeconfig the machine running Pulumi has.
 */
export function explicitKubernetesProvider(opts: pulumi.ComponentResourceOptions | undefined, setting: string): k8s.Provider {
    const candidates: pulumi.ProviderResource[] = [];
    if (opts?.provider) candidates.push(opts.provider);
    const providers = opts?.providers;
    if (Array.isArray(providers)) candidates.push(...providers);
    else if (providers) candidates.push(...Object.values(providers));
    const fromParent = opts?.parent?.getProvider("kubernetes:core/v1:Namespace");
    if (fromParent) candidates.push(fromParent);
    const found = candidates.find((p) => k8s.Provider.isInstance(p));
    if (!found) {
        throw new ValidationError(setting, undefined,
            "an explicit Kubernetes provider is required (opts.providers: [clusterProvider(...)]); the default provider would use the ambient kubeconfig");
    }
    return found as k8s.Provider;
}
