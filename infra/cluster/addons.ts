import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** EKS add-ons this cluster installs. */
export type AddonName = "vpc-cni" | "kube-proxy" | "coredns" | "eks-pod-identity-agent";

/**
 * Pinned add-on versions, e.g. `{ vpcCni: "v1.20.4-eksbuild.1" }`. A named interface with identifier keys (not a
 * record over add-on names), so the component package's schema has a typed object other languages can build.
 * Each left out: the version EKS marks as default for the cluster's Kubernetes version.
 */
export interface AddonVersions {
    /** `vpc-cni`. */
    vpcCni?: string;
    /** `kube-proxy`. */
    kubeProxy?: string;
    /** `coredns`. */
    coredns?: string;
    /** `eks-pod-identity-agent`. */
    eksPodIdentityAgent?: string;
}

/**
 * VPC CNI configuration: turns on the network policy agent so Kubernetes NetworkPolicies are enforced (without
 * it they are accepted and silently ignored). The add-on schema takes the flag as the string "true".
 */
export function vpcCniConfigurationValues(): string {
    return JSON.stringify({ enableNetworkPolicy: "true" });
}

export interface ManagedAddonArgs {
    clusterName: pulumi.Input<string>;
    addonName: AddonName;
    version?: string;
    serviceAccountRoleArn?: pulumi.Input<string>;
    configurationValues?: string;
}

/**
 * One EKS managed add-on. Conflicts are resolved with OVERWRITE both ways so hand edits to the add-on's
 * Kubernetes objects (say, switching network policy off in the aws-node DaemonSet) are reverted on the next `up`.
 */
export function managedAddon(name: string, args: ManagedAddonArgs, opts: pulumi.CustomResourceOptions): aws.eks.Addon {
    return new aws.eks.Addon(name, {
        clusterName: args.clusterName,
        addonName: args.addonName,
        addonVersion: args.version,
        serviceAccountRoleArn: args.serviceAccountRoleArn,
        configurationValues: args.configurationValues,
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
    }, opts);
}
