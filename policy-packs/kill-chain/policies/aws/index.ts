import type { Policies } from "@pulumi/policy";
import { disallowPublicEcrWrite } from "./disallow-public-ecr-write";
import { disallowPublicEksEndpoint } from "./disallow-public-eks-endpoint";
import { requireEksApiAuthenticationMode } from "./require-eks-api-authentication-mode";
import { disallowEksClusterCreatorAdmin } from "./disallow-eks-cluster-creator-admin";
import { disallowUntrustedEksClusterAdmin } from "./disallow-untrusted-eks-cluster-admin";
import { disallowPublicPullThroughCache } from "./disallow-public-pull-through-cache";
import { disallowPublicIpOnInstances } from "./disallow-public-ip-on-instances";
import { disallowPublicIpSubnets } from "./disallow-public-ip-subnets";
import { disallowInternetIngress } from "./disallow-internet-ingress";
import { disallowNodeGroupOpenSsh } from "./disallow-node-group-open-ssh";
import { disallowIamUsersAndKeys } from "./disallow-iam-users-and-keys";
import { requireImdsv2HopLimit1 } from "./require-imdsv2-hop-limit-1";
import { disallowAwsKeysInUserData } from "./disallow-aws-keys-in-user-data";
import { requirePinnedIrsaTrust } from "./require-pinned-irsa-trust";
import { disallowBroadTrustPrincipals } from "./disallow-broad-trust-principals";
import { disallowBroadRolePermissions } from "./disallow-broad-role-permissions";
import { enforceLeastPrivilegeNodeRole } from "./enforce-least-privilege-node-role";
import { requireEksSecretsEncryption } from "./require-eks-secrets-encryption";
import { requireBucketPublicAccessBlock } from "./require-bucket-public-access-block";
import { disallowDisabledPublicAccessBlock } from "./disallow-disabled-public-access-block";
import { disallowPublicBucketAcls } from "./disallow-public-bucket-acls";
import { requireBucketOwnerEnforced } from "./require-bucket-owner-enforced";
import { disallowPublicBucketPolicy } from "./disallow-public-bucket-policy";
import { requireTlsOnlyBucketPolicy } from "./require-tls-only-bucket-policy";
import { requireBucketKmsEncryption } from "./require-bucket-kms-encryption";
import { disallowInternetEgress } from "./disallow-internet-egress";
import { disallowNodeSubnetInternetRoute } from "./disallow-node-subnet-internet-route";
import { requireFirewallDefaultDrop } from "./require-firewall-default-drop";
import { requireEksControlPlaneLogging } from "./require-eks-control-plane-logging";
import { requireGuardDutyEksProtection } from "./require-guardduty-eks-protection";
import { requireGuardDutyRuntimeAgent } from "./require-guardduty-runtime-agent";
import { requireGuardDutyS3Protection } from "./require-guardduty-s3-protection";
import { disallowKillChainFindingSuppression } from "./disallow-kill-chain-finding-suppression";
import { disallowPublicSnsTopicPolicy } from "./disallow-public-sns-topic-policy";
import { requireKillChainFindingAlerts } from "./require-kill-chain-finding-alerts";
import { requireFlowLogAddresses } from "./require-flow-log-addresses";
import { requireTrailLogRetention } from "./require-trail-log-retention";
import { requireTrailReadAndKmsEvents } from "./require-trail-read-and-kms-events";
import { requireVpcCniNetworkPolicyEnforcement } from "./require-vpc-cni-network-policy-enforcement";
import { disallowInternetWideEgressUnion } from "./disallow-internet-wide-egress-union";
import { disallowDnsFirewallAllowAll } from "./disallow-dns-firewall-allow-all";
import { disallowFirewallPassAllRules } from "./disallow-firewall-pass-all-rules";
import { requireDnsFirewallFailClosed } from "./require-dns-firewall-fail-closed";
import { requireGuardDutyFeaturesForEks } from "./require-guardduty-features-for-eks";
import { requireCloudTrailIntegrity } from "./require-cloudtrail-integrity";
import { requireVpcFlowLogs } from "./require-vpc-flow-logs";
import { requireProtectedSecurityLogGroups } from "./require-protected-security-log-groups";
import { disallowUndesignatedSensitiveDataReaders } from "./disallow-undesignated-sensitive-data-readers";
import { disallowPodReachableIamEscalation } from "./disallow-pod-reachable-iam-escalation";
import { requireSensitiveDataPerimeter } from "./require-sensitive-data-perimeter";
import { disallowPublicApiPaths } from "./disallow-public-api-paths";
import { disallowWildcardOidcSubjects } from "./disallow-wildcard-oidc-subjects";

/** AWS policies of the pack, grouped by the kill-chain step they close. */
export const awsPolicies: Policies = [
    // console
    disallowPublicEksEndpoint,
    requireEksApiAuthenticationMode,
    disallowEksClusterCreatorAdmin,
    disallowUntrustedEksClusterAdmin,
    disallowPublicIpOnInstances,
    disallowPublicIpSubnets,
    disallowInternetIngress,
    disallowNodeGroupOpenSsh,
    disallowPublicApiPaths,
    // creds
    disallowIamUsersAndKeys,
    requireImdsv2HopLimit1,
    disallowAwsKeysInUserData,
    requirePinnedIrsaTrust,
    disallowWildcardOidcSubjects,
    disallowBroadTrustPrincipals,
    disallowBroadRolePermissions,
    enforceLeastPrivilegeNodeRole,
    requireEksSecretsEncryption,
    disallowPodReachableIamEscalation,
    // s3
    requireBucketPublicAccessBlock,
    disallowDisabledPublicAccessBlock,
    disallowPublicBucketAcls,
    requireBucketOwnerEnforced,
    disallowPublicBucketPolicy,
    requireTlsOnlyBucketPolicy,
    requireBucketKmsEncryption,
    disallowUndesignatedSensitiveDataReaders,
    requireSensitiveDataPerimeter,
    // mining
    disallowInternetEgress,
    disallowInternetWideEgressUnion,
    disallowNodeSubnetInternetRoute,
    requireFirewallDefaultDrop,
    disallowFirewallPassAllRules,
    disallowDnsFirewallAllowAll,
    requireDnsFirewallFailClosed,
    disallowPublicPullThroughCache,
    disallowPublicEcrWrite,
    requireVpcCniNetworkPolicyEnforcement,
    // evasion
    requireEksControlPlaneLogging,
    requireGuardDutyEksProtection,
    requireGuardDutyFeaturesForEks,
    requireGuardDutyRuntimeAgent,
    requireGuardDutyS3Protection,
    disallowKillChainFindingSuppression,
    requireKillChainFindingAlerts,
    disallowPublicSnsTopicPolicy,
    requireTrailReadAndKmsEvents,
    requireTrailLogRetention,
    requireFlowLogAddresses,
    requireCloudTrailIntegrity,
    requireVpcFlowLogs,
    requireProtectedSecurityLogGroups,
];
