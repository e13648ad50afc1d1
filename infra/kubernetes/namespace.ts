import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_KUBERNETES_VERSION } from "../cluster/settings";
import { validateNamespace } from "../identity/irsa-role";
import { check, isPlainObject } from "../lib/validation";
import { explicitKubernetesProvider } from "./provider";
import { ComputeAmount, checkNotAbove, validateCpu, validateMemory } from "./quantity";
import { componentType, withPreviousType } from "../lib/type-token";

/**
 * Pod Security Standards version the namespaces pin: the cluster's default Kubernetes minor version. A pinned
 * version (never `latest`) means a control-plane upgrade cannot silently change what "restricted" admits.
 */
export const POD_SECURITY_VERSION = `v${DEFAULT_KUBERNETES_VERSION}`;

/** Throws unless `value` is a pinned Pod Security Standards version such as `v1.36` (`latest` is refused). */
export function validatePodSecurityVersion(value: unknown, setting: string): string {
    check(typeof value === "string" && /^v1\.\d{1,2}$/.test(value), setting, value,
        "must be a pinned Kubernetes minor version such as \"v1.36\" (the cluster version), never \"latest\"");
    return value as string;
}

/** Namespaces a workload namespace may never be, besides every `kube-` system namespace. */
export const RESERVED_NAMESPACES: readonly string[] = ["default"];

/** Throws unless `value` is a DNS-1123 label that is not `default` and does not start with `kube-`. */
export function validateNamespaceName(value: unknown, setting: string): string {
    const name = validateNamespace(value, setting);
    check(!RESERVED_NAMESPACES.includes(name) && !name.startsWith("kube-"), setting, value,
        "must not be 'default' or a 'kube-' system namespace; workloads get their own locked namespace");
    return name;
}

/** Pod Security Admission labels: enforce, audit and warn all at `restricted`, each pinned to POD_SECURITY_VERSION. */
export function podSecurityLabels(version: string = POD_SECURITY_VERSION): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const mode of ["enforce", "audit", "warn"]) {
        labels[`pod-security.kubernetes.io/${mode}`] = "restricted";
        labels[`pod-security.kubernetes.io/${mode}-version`] = version;
    }
    return labels;
}

/** Every pod in the namespace, both directions, no rule: nothing in or out unless another policy allows it. */
export function defaultDenySpec(): k8s.types.input.networking.v1.NetworkPolicySpec {
    return { podSelector: {}, policyTypes: ["Ingress", "Egress"] };
}

/**
 * DNS to the cluster resolver only: one peer that is both in kube-system AND labelled k8s-app=kube-dns (the two
 * selectors sit in the same `to` element; as separate elements they would allow all of kube-system or every
 * kube-dns-labelled pod anywhere).
 */
export function dnsEgressSpec(): k8s.types.input.networking.v1.NetworkPolicySpec {
    return {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [{
            to: [{
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            }],
            ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
        }],
    };
}

/** Namespace-wide ceilings (ResourceQuota). */
export interface NamespaceQuota {
    /**
     * Sum of CPU/memory requests of all pods.
     * @default - 2 CPU and 4Gi
     */
    requests?: ComputeAmount;
    /**
     * Sum of CPU/memory limits of all pods; a miner cannot take more than this.
     * @default - 4 CPU and 8Gi
     */
    limits?: ComputeAmount;
    /**
     * Number of pods.
     * @default 20
     */
    pods?: number;
}

/** Per-container defaults and ceiling (LimitRange), so no container runs without limits. */
export interface ContainerLimits {
    /**
     * Requests given to a container that sets none.
     * @default - 100m CPU and 128Mi
     */
    defaultRequest?: ComputeAmount;
    /**
     * Limits given to a container that sets none.
     * @default - 500m CPU and 512Mi
     */
    defaultLimit?: ComputeAmount;
    /**
     * Largest limit one container may set.
     * @default - 2 CPU and 4Gi
     */
    max?: ComputeAmount;
}

export const DEFAULT_QUOTA: Required<NamespaceQuota> = {
    requests: { cpu: "2", memory: "4Gi" },
    limits: { cpu: "4", memory: "8Gi" },
    pods: 20,
};

export const DEFAULT_CONTAINER_LIMITS: Required<ContainerLimits> = {
    defaultRequest: { cpu: "100m", memory: "128Mi" },
    defaultLimit: { cpu: "500m", memory: "512Mi" },
    max: { cpu: "2", memory: "4Gi" },
};

function amount(value: unknown, setting: string): ComputeAmount {
    check(isPlainObject(value), setting, value, "must be an object { cpu, memory }");
    const v = value as Record<string, unknown>;
    validateCpu(v.cpu, `${setting}.cpu`);
    validateMemory(v.memory, `${setting}.memory`);
    return { cpu: v.cpu as string, memory: v.memory as string };
}

/** Fills defaults and checks the quota and limit range are consistent (requests ≤ limits, container max ≤ quota). */
export function resolveNamespaceSizing(quota: NamespaceQuota | undefined, limits: ContainerLimits | undefined, setting: string):
    { quota: Required<NamespaceQuota>; limits: Required<ContainerLimits> } {
    const q: Required<NamespaceQuota> = {
        requests: amount(quota?.requests ?? DEFAULT_QUOTA.requests, `${setting}.quota.requests`),
        limits: amount(quota?.limits ?? DEFAULT_QUOTA.limits, `${setting}.quota.limits`),
        pods: quota?.pods ?? DEFAULT_QUOTA.pods,
    };
    check(Number.isInteger(q.pods) && q.pods >= 1 && q.pods <= 1000, `${setting}.quota.pods`, q.pods, "must be an integer from 1 to 1000");
    checkNotAbove(q.requests, q.limits, `${setting}.quota.requests`, `${setting}.quota.limits`);

    const l: Required<ContainerLimits> = {
        defaultRequest: amount(limits?.defaultRequest ?? DEFAULT_CONTAINER_LIMITS.defaultRequest, `${setting}.containerLimits.defaultRequest`),
        defaultLimit: amount(limits?.defaultLimit ?? DEFAULT_CONTAINER_LIMITS.defaultLimit, `${setting}.containerLimits.defaultLimit`),
        max: amount(limits?.max ?? DEFAULT_CONTAINER_LIMITS.max, `${setting}.containerLimits.max`),
    };
    checkNotAbove(l.defaultRequest, l.defaultLimit, `${setting}.containerLimits.defaultRequest`, `${setting}.containerLimits.defaultLimit`);
    checkNotAbove(l.defaultLimit, l.max, `${setting}.containerLimits.defaultLimit`, `${setting}.containerLimits.max`);
    checkNotAbove(l.max, q.limits, `${setting}.containerLimits.max`, `${setting}.quota.limits`);
    return { quota: q, limits: l };
}

/**
 * ResourceQuota `hard` map: compute ceilings, pod count, no NodePort Service, and no LoadBalancer Service unless
 * `loadBalancers` internal ones were asked for (services.ts decides that they are internal).
 */
export function quotaHard(quota: Required<NamespaceQuota>, loadBalancers = 0): Record<string, string> {
    return {
        "requests.cpu": quota.requests.cpu,
        "requests.memory": quota.requests.memory,
        "limits.cpu": quota.limits.cpu,
        "limits.memory": quota.limits.memory,
        pods: String(quota.pods),
        // Enforced by the API server even for objects created outside Pulumi; services.ts is the in-program guard.
        "services.loadbalancers": String(loadBalancers),
        "services.nodeports": "0",
    };
}

export interface LockedNamespaceArgs {
    /** Namespace name (DNS-1123, not `default`, not `kube-*`). Set explicitly: Kubernetes names are never autonamed here. */
    name: string;
    /** @default - DEFAULT_QUOTA */
    quota?: NamespaceQuota;
    /** @default - DEFAULT_CONTAINER_LIMITS */
    containerLimits?: ContainerLimits;
    /**
     * Pod Security Standards version to pin (`v<major>.<minor>`); keep it equal to the cluster version.
     * @default - POD_SECURITY_VERSION, the cluster's default Kubernetes version
     */
    podSecurityVersion?: string;
    /**
     * Allow internal load balancers in this namespace, by count.
     * @default 0 - the quota forbids every LoadBalancer Service
     */
    loadBalancers?: number;
}

/**
 * A namespace where the restricted Pod Security Standard is enforced, all traffic is denied except DNS to kube-dns,
 * compute is capped, and the `default` ServiceAccount does not mount an API token.
 * Type token `hardened:index:LockedNamespace` (formerly `hardened:kubernetes:LockedNamespace`, kept as an alias); children `${name}-namespace`, `${name}-default-deny`,
 * `${name}-allow-dns`, `${name}-quota`, `${name}-limits`, `${name}-default-sa`.
 * Requires an explicit Kubernetes provider in `opts.providers` (or inherited from the parent).
 */
export class LockedNamespace extends pulumi.ComponentResource {
    public readonly namespaceName: string;
    public readonly namespace: k8s.core.v1.Namespace;

    constructor(name: string, args: LockedNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        const nsName = validateNamespaceName(args.name, "LockedNamespace.name");
        const psaVersion = validatePodSecurityVersion(args.podSecurityVersion ?? POD_SECURITY_VERSION, "LockedNamespace.podSecurityVersion");
        const sizing = resolveNamespaceSizing(args.quota, args.containerLimits, "LockedNamespace");
        const loadBalancers = args.loadBalancers ?? 0;
        check(Number.isInteger(loadBalancers) && loadBalancers >= 0 && loadBalancers <= 5, "LockedNamespace.loadBalancers", loadBalancers,
            "must be an integer from 0 to 5");
        const provider = explicitKubernetesProvider(opts, "LockedNamespace provider");
        super(componentType("LockedNamespace"), name, {}, withPreviousType("LockedNamespace", opts));
        const child = { parent: this, provider };

        this.namespaceName = nsName;
        this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, {
            metadata: { name: nsName, labels: podSecurityLabels(psaVersion) },
        }, child);
        // Literal namespace plus dependsOn (not namespace.metadata.name): the value stays known in preview, so
        // policies can check it, and the ordering is still explicit.
        const inNamespace = { ...child, dependsOn: [this.namespace] };

        new k8s.networking.v1.NetworkPolicy(`${name}-default-deny`, {
            metadata: { name: "default-deny-all", namespace: nsName },
            spec: defaultDenySpec(),
        }, inNamespace);
        new k8s.networking.v1.NetworkPolicy(`${name}-allow-dns`, {
            metadata: { name: "allow-dns-to-kube-dns", namespace: nsName },
            spec: dnsEgressSpec(),
        }, inNamespace);

        new k8s.core.v1.ResourceQuota(`${name}-quota`, {
            metadata: { name: "compute-and-exposure", namespace: nsName },
            spec: { hard: quotaHard(sizing.quota, loadBalancers) },
        }, inNamespace);
        new k8s.core.v1.LimitRange(`${name}-limits`, {
            metadata: { name: "container-limits", namespace: nsName },
            spec: {
                limits: [{
                    type: "Container",
                    defaultRequest: { ...sizing.limits.defaultRequest },
                    default: { ...sizing.limits.defaultLimit },
                    max: { ...sizing.limits.max },
                }],
            },
        }, inNamespace);

        // A Patch, not a ServiceAccount: the `default` account is created by the controller manager when the
        // namespace appears. Declaring it as a full resource would race that controller ("already exists") and
        // `pulumi destroy` would delete it. With server-side apply the patch owns only this one field, creates the
        // object if it is not there yet, and on deletion gives the field back instead of deleting the account.
        new k8s.core.v1.ServiceAccountPatch(`${name}-default-sa`, {
            metadata: { name: "default", namespace: nsName },
            automountServiceAccountToken: false,
        }, inNamespace);

        this.registerOutputs({ namespaceName: this.namespaceName });
    }
}
