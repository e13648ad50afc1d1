import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { validateVpcCidr } from "../cluster/settings";
import { validateServiceAccountName } from "../identity/irsa-role";
import { AwsEnvironment, parseRoleArn } from "../lib/aws";
import { check } from "../lib/validation";
import { ContainerLimits, LockedNamespace, NamespaceQuota, resolveNamespaceSizing, validateNamespaceName } from "./namespace";
import {
    ContainerResources, restrictedContainerSecurityContext, restrictedPodSecurityContext, validateContainerResources,
    validateImageReference, validateRunAsUser,
} from "./pod-security";
import { explicitKubernetesProvider } from "./provider";
import { NamespaceReadOnlyAccess, validateViewerGroup } from "./rbac";

/** Namespace the reader runs in; the program's IrsaRole must trust exactly this namespace ... */
export const TELEMETRY_READER_NAMESPACE = "telemetry";
/** ... and exactly this service account. */
export const TELEMETRY_READER_SERVICE_ACCOUNT = "telemetry-reader";
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";
const APP_LABELS = { "app.kubernetes.io/name": "telemetry-reader" };

export interface TelemetryReaderArgs {
    env: AwsEnvironment;
    /** `<account>.dkr.ecr.<region>.<dnsSuffix>/<repository>@sha256:<64 hex>` in this account and region. */
    image: string;
    /** ARN of the IrsaRole the program created for this namespace and service account with grantReadObjects. */
    irsaRoleArn: pulumi.Input<string>;
    /** Telemetry bucket name, passed to the container as TELEMETRY_BUCKET. */
    bucketName: pulumi.Input<string>;
    /**
     * VPC CIDR: the interface endpoints the reader may reach on 443 (STS for the IRSA exchange, and S3, whose
     * interface endpoint answers the regional S3 names with private addresses inside this CIDR).
     */
    vpcCidr: string;
    /** @default TELEMETRY_READER_NAMESPACE */
    namespace?: string;
    /** @default TELEMETRY_READER_SERVICE_ACCOUNT */
    serviceAccountName?: string;
    /** @default 1 */
    replicas?: number;
    /** @default 10001 - an unprivileged id with no name in the image */
    runAsUser?: number;
    /** @default - requests 50m CPU / 64Mi, limits 200m CPU / 256Mi */
    resources?: ContainerResources;
    /**
     * Kubernetes group given read-only access to the namespace (map it from the team's IAM role with an EKS access
     * entry's kubernetesGroups).
     * @default - no RoleBinding: nobody but cluster administrators can look into the namespace
     */
    viewerGroup?: string;
    /** @default - LockedNamespace defaults */
    quota?: NamespaceQuota;
    /** @default - LockedNamespace defaults */
    containerLimits?: ContainerLimits;
    /** @default - LockedNamespace default */
    podSecurityVersion?: string;
}

export const DEFAULT_READER_RESOURCES: ContainerResources = {
    requests: { cpu: "50m", memory: "64Mi" },
    limits: { cpu: "200m", memory: "256Mi" },
};

/** Plain-value check of every TelemetryReader setting, usable before deciding to create anything (skip mode too). */
export function validateTelemetryReaderArgs(args: TelemetryReaderArgs, setting: string): {
    namespace: string; serviceAccountName: string; replicas: number; runAsUser: number; resources: ContainerResources;
} {
    validateImageReference(args.env, args.image, `${setting}.image`);
    validateVpcCidr(args.vpcCidr, `${setting}.vpcCidr`);
    if (typeof args.irsaRoleArn === "string") {
        // Usually an Output of IrsaRole (checked there); a literal ARN must at least be a role of this account.
        check(parseRoleArn(args.env, args.irsaRoleArn)?.accountId === args.env.accountId, `${setting}.irsaRoleArn`, args.irsaRoleArn,
            `must be an IAM role ARN of account ${args.env.accountId} in partition ${args.env.partition}`);
    }
    const namespace = validateNamespaceName(args.namespace ?? TELEMETRY_READER_NAMESPACE, `${setting}.namespace`);
    const serviceAccountName = validateServiceAccountName(args.serviceAccountName ?? TELEMETRY_READER_SERVICE_ACCOUNT,
        `${setting}.serviceAccountName`);
    check(serviceAccountName !== "default", `${setting}.serviceAccountName`, serviceAccountName,
        "must be a dedicated service account, not 'default'");
    const replicas = args.replicas ?? 1;
    check(Number.isInteger(replicas) && replicas >= 1 && replicas <= 10, `${setting}.replicas`, replicas, "must be an integer from 1 to 10");
    const runAsUser = validateRunAsUser(args.runAsUser ?? 10001, `${setting}.runAsUser`);
    const sizing = resolveNamespaceSizing(args.quota, args.containerLimits, setting);
    const resources = validateContainerResources(args.resources ?? DEFAULT_READER_RESOURCES, sizing.limits.max, `${setting}.resources`);
    if (args.viewerGroup !== undefined) validateViewerGroup(args.viewerGroup, `${setting}.viewerGroup`);
    return { namespace, serviceAccountName, replicas, runAsUser, resources };
}

/**
 * Egress of the reader pods beyond the namespace's DNS rule: TCP 443 to the VPC CIDR, where the interface
 * endpoints (STS for the IRSA exchange, S3) live. No rule names 0.0.0.0/0, so a miner in this pod has no route
 * to an outside pool.
 */
export function readerEgressSpec(vpcCidr: string): k8s.types.input.networking.v1.NetworkPolicySpec {
    return {
        podSelector: { matchLabels: { ...APP_LABELS } },
        policyTypes: ["Egress"],
        egress: [{
            to: [{ ipBlock: { cidr: vpcCidr } }],
            ports: [{ protocol: "TCP", port: 443 }],
        }],
    };
}

/**
 * Reads objects from the telemetry bucket with its own IRSA role, in its own locked namespace.
 * Type token `hardened:kubernetes:TelemetryReader`; children `${name}-ns` (LockedNamespace), `${name}-sa`,
 * `${name}-egress`, `${name}-deployment`, and `${name}-viewers` when a viewer group is set.
 */
export class TelemetryReader extends pulumi.ComponentResource {
    public readonly namespace: LockedNamespace;
    public readonly namespaceName: string;
    public readonly serviceAccountName: string;
    public readonly deployment: k8s.apps.v1.Deployment;

    constructor(name: string, args: TelemetryReaderArgs, opts?: pulumi.ComponentResourceOptions) {
        const v = validateTelemetryReaderArgs(args, "TelemetryReader");
        const provider = explicitKubernetesProvider(opts, "TelemetryReader provider");
        super("hardened:kubernetes:TelemetryReader", name, {}, opts);
        const child = { parent: this, provider };

        this.namespaceName = v.namespace;
        this.serviceAccountName = v.serviceAccountName;
        this.namespace = new LockedNamespace(`${name}-ns`, {
            name: v.namespace,
            quota: args.quota,
            containerLimits: args.containerLimits,
            podSecurityVersion: args.podSecurityVersion,
        }, { parent: this, providers: [provider] });
        const inNamespace = { ...child, dependsOn: [this.namespace] };

        const serviceAccount = new k8s.core.v1.ServiceAccount(`${name}-sa`, {
            metadata: {
                name: v.serviceAccountName,
                namespace: v.namespace,
                annotations: {
                    [IRSA_ROLE_ANNOTATION]: args.irsaRoleArn,
                    // Regional STS through the VPC's STS interface endpoint; the global endpoint is outside the VPC.
                    "eks.amazonaws.com/sts-regional-endpoints": "true",
                },
            },
            // The reader never calls the Kubernetes API, so no pod of this account gets an API token.
            automountServiceAccountToken: false,
        }, inNamespace);

        new k8s.networking.v1.NetworkPolicy(`${name}-egress`, {
            metadata: { name: "allow-https-to-vpc-endpoints", namespace: v.namespace },
            spec: readerEgressSpec(args.vpcCidr),
        }, inNamespace);

        this.deployment = new k8s.apps.v1.Deployment(`${name}-deployment`, {
            metadata: { name: "telemetry-reader", namespace: v.namespace, labels: { ...APP_LABELS } },
            spec: {
                replicas: v.replicas,
                selector: { matchLabels: { ...APP_LABELS } },
                template: {
                    metadata: { labels: { ...APP_LABELS } },
                    spec: {
                        serviceAccountName: v.serviceAccountName,
                        // Off on the pod as well. The IRSA credential does not depend on it: the EKS pod identity
                        // webhook adds its own projected token volume (aws-iam-token, audience sts.amazonaws.com)
                        // to every pod whose service account carries the role annotation, whatever this field says.
                        // This field only controls the Kubernetes API token, which the reader has no use for and
                        // which is exactly the in-cluster credential an intruder would look for.
                        automountServiceAccountToken: false,
                        hostNetwork: false,
                        hostPID: false,
                        hostIPC: false,
                        // No Service environment variables: they map the cluster for whoever gets a shell here.
                        enableServiceLinks: false,
                        securityContext: restrictedPodSecurityContext(v.runAsUser),
                        containers: [{
                            name: "reader",
                            image: args.image,
                            imagePullPolicy: "IfNotPresent",
                            env: [
                                { name: "TELEMETRY_BUCKET", value: args.bucketName },
                                { name: "AWS_REGION", value: args.env.region },
                                { name: "AWS_DEFAULT_REGION", value: args.env.region },
                                { name: "AWS_STS_REGIONAL_ENDPOINTS", value: "regional" },
                            ],
                            resources: { requests: { ...v.resources.requests }, limits: { ...v.resources.limits } },
                            securityContext: restrictedContainerSecurityContext(v.runAsUser),
                            // The root filesystem is read-only; scratch space is a small, size-capped emptyDir.
                            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                        }],
                        volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
                    },
                },
            },
        }, { ...inNamespace, dependsOn: [this.namespace, serviceAccount] });

        if (args.viewerGroup !== undefined) {
            new NamespaceReadOnlyAccess(`${name}-viewers`, { namespace: v.namespace, group: args.viewerGroup },
                { parent: this, providers: [provider], dependsOn: [this.namespace] });
        }

        this.registerOutputs({ namespaceName: this.namespaceName, serviceAccountName: this.serviceAccountName });
    }
}
