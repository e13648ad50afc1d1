import { enforcementGaps } from "../../lib/cni-enforcement";
import { eksBestPractices } from "../../lib/frameworks";
import { k8sTypes } from "../../lib/k8s";
import { stackPolicy } from "../../lib/policy";

const NETWORK_POLICY_TYPES = new Set(k8sTypes("NetworkPolicy"));

/**
 * NetworkPolicies are only words unless the CNI enforces them. On EKS the VPC CNI does so only with
 * enableNetworkPolicy "true" in the add-on's configuration: switch it off and every default deny and egress
 * allowlist of the program stays declared, and nothing stops a pod talking to its pool.
 */
export const requireVpcCniNetworkPolicyEnforcement = stackPolicy({
    name: "require-vpc-cni-network-policy-enforcement",
    description: "A stack that runs an EKS cluster and declares NetworkPolicies has them enforced: the vpc-cni add-on's "
        + "configurationValues set enableNetworkPolicy \"true\" (or the stack installs Calico or Cilium), so no default deny is a no-op.",
    step: "mining",
    severity: "critical",
    remediationSteps: "On the aws.eks.Addon \"vpc-cni\" set configurationValues to JSON.stringify({ enableNetworkPolicy: \"true\" }) "
        + "(and manage the add-on in the program so the setting cannot drift).",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html",
    framework: eksBestPractices("network", "Network policy"),
    references: ["EKS-BP network: Network policy", "CIS EKS 4.3.2"],
    check: ({ args, reads, report }) => {
        const policies = args.resources.filter((r) => NETWORK_POLICY_TYPES.has(r.type));
        if (policies.length === 0) return;
        const what = `${policies.length} NetworkPolic${policies.length === 1 ? "y is" : "ies are"} declared (${policies.slice(0, 3).map((p) => p.name).join(", ")}`
            + `${policies.length > 3 ? ", ..." : ""})`;
        for (const gap of enforcementGaps(args.resources, reads)) {
            if (gap.kind === "no-addon") {
                report(gap.on, `${what} but the stack manages no vpc-cni add-on, and the VPC CNI enforces NetworkPolicies only when configured to: `
                    + "add aws.eks.Addon \"vpc-cni\" with configurationValues {\"enableNetworkPolicy\":\"true\"}.");
            } else {
                const values = gap.configurationValues;
                report(gap.on, `configurationValues ${typeof values === "string" ? values : "is unset"}: enableNetworkPolicy is not "true", so ${what} and none is `
                    + "enforced; set {\"enableNetworkPolicy\":\"true\"}.");
            }
        }
    },
});
