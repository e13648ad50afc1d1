/**
 * Whether the cluster's CNI enforces NetworkPolicies. On EKS the VPC CNI enforces them only when its add-on's
 * configurationValues set `enableNetworkPolicy: "true"` (https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html);
 * Calico and Cilium, installed by chart, enforce them themselves. One reading, for
 * require-vpc-cni-network-policy-enforcement and the namespace egress paths (the add-on switch itself: lib/vpc-cni.ts).
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS } from "./aws-types";
import { ofType } from "./stack";
import { Reads, UNKNOWN } from "./unknowns";
import { enforcesNetworkPolicy } from "./vpc-cni";

export const ADDON = "aws:eks/addon:Addon";
/** Helm charts of CNIs that enforce NetworkPolicies themselves (the VPC CNI then need not). */
const ENFORCING_CHARTS = /(^|\/)(tigera-operator|calico|cilium)(-[\d.]+\.tgz)?$/;

/** Whether the stack installs a CNI that enforces NetworkPolicies itself (Calico, Cilium). */
export function installsEnforcingCni(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): boolean {
    return resources.some((c) => {
        if (!c.type.startsWith("kubernetes:helm.sh/")) return false;
        const chart = reads(c).get("chart", () => c.props.chart);
        return typeof chart === "string" && ENFORCING_CHARTS.test(chart);
    });
}

/** The stack's vpc-cni add-ons. */
export function vpcCniAddons(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): PolicyResource[] {
    return ofType(resources, [ADDON]).filter((a) => reads(a).get("addonName", () => a.props.addonName) === "vpc-cni");
}

/** Where NetworkPolicy enforcement is missing: the cluster (no vpc-cni add-on managed) or an add-on that leaves it off. */
export type EnforcementGap =
    | { kind: "no-addon"; on: PolicyResource }
    | { kind: "off"; on: PolicyResource; configurationValues: unknown };

/**
 * The gaps in NetworkPolicy enforcement of the stack's EKS clusters: none when the stack runs no EKS cluster (the CNI is
 * outside the program), installs Calico or Cilium, or every vpc-cni add-on enables it; an add-on whose configuration
 * is unknown is no gap (its value is recorded, so the verdict defers).
 */
export function enforcementGaps(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): EnforcementGap[] {
    const clusters = ofType(resources, [AWS.eksCluster]);
    if (clusters.length === 0 || installsEnforcingCni(resources, reads)) return [];
    const cni = vpcCniAddons(resources, reads);
    if (cni.length === 0) return [{ kind: "no-addon", on: clusters[0]! }];
    const gaps: EnforcementGap[] = [];
    for (const a of cni) {
        const values = reads(a).get("configurationValues", () => a.props.configurationValues);
        if (values !== UNKNOWN && !enforcesNetworkPolicy(values)) gaps.push({ kind: "off", on: a, configurationValues: values });
    }
    return gaps;
}

/** Why the stack's EKS cluster does not enforce NetworkPolicies (the first gap), or undefined (enforcementGaps). */
export function whyNotEnforced(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): string | undefined {
    const [gap] = enforcementGaps(resources, reads);
    if (!gap) return undefined;
    return gap.kind === "no-addon" ? "the stack manages no vpc-cni add-on, so the VPC CNI enforces no NetworkPolicy"
        : `the vpc-cni add-on ${gap.on.name} does not set enableNetworkPolicy "true", so no NetworkPolicy is enforced`;
}
