/**
 * Which EKS cluster a resource belongs to, by dependency: a node group's or Fargate profile's `clusterName`, a
 * Kubernetes object's provider (its kubeconfig built from the cluster's outputs). Empty when no dependency says (a
 * literal cluster name, a kubeconfig from a file): callers then keep every cluster, the stricter reading.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS } from "./aws-types";
import { sources } from "./stack";

const BY_CLUSTER_NAME = [AWS.eksNodeGroup, AWS.eksFargateProfile] as readonly string[];

/** The clusters a Kubernetes resource's provider talks to (through the provider resource's kubeconfig dependencies). */
export function providerClusters(r: PolicyResource, byUrn: ReadonlyMap<string, PolicyResource>): PolicyResource[] {
    const provider = r.provider?.urn ? byUrn.get(r.provider.urn) : undefined;
    return provider ? sources(provider, "kubeconfig", [AWS.eksCluster]) : [];
}

/** The clusters a piece of compute (cluster, node group, Fargate profile, Karpenter node class) runs nodes for. */
export function computeClusters(r: PolicyResource, byUrn: ReadonlyMap<string, PolicyResource>): PolicyResource[] {
    if (r.type === AWS.eksCluster) return [r];
    if (BY_CLUSTER_NAME.includes(r.type)) return sources(r, "clusterName", [AWS.eksCluster]);
    return providerClusters(r, byUrn);
}
