import type { Policies } from "@pulumi/policy";
import { disallowAnonymousRbacBindings } from "./disallow-anonymous-rbac-bindings";
import { disallowAwsAuthConfigmap } from "./disallow-aws-auth-configmap";
import { disallowAwsKeysInKubernetes } from "./disallow-aws-keys-in-kubernetes";
import { disallowClusterAdminBindings } from "./disallow-cluster-admin-bindings";
import { disallowClusterWideSecretRead } from "./disallow-cluster-wide-secret-read";
import { disallowDefaultNamespace } from "./disallow-default-namespace";
import { disallowGuardDutyAgentAdmissionBlocks } from "./disallow-guardduty-agent-admission-blocks";
import { disallowGuardDutyAgentInterference } from "./disallow-guardduty-agent-interference";
import { disallowHostNamespaces } from "./disallow-host-namespaces";
import { disallowHostNetwork } from "./disallow-host-network";
import { disallowIamAccessKeysInKubernetes } from "./disallow-iam-access-keys-in-kubernetes";
import { disallowInternetFacingIngresses } from "./disallow-internet-facing-ingresses";
import { disallowInternetWideNamespaceEgress } from "./disallow-internet-wide-namespace-egress";
import { disallowKubernetesAdminConsoles } from "./disallow-kubernetes-admin-consoles";
import { disallowOpenNetworkPolicyEgress } from "./disallow-open-network-policy-egress";
import { disallowPrivilegedContainers } from "./disallow-privileged-containers";
import { disallowPublicKubernetesServices } from "./disallow-public-kubernetes-services";
import { disallowRbacEscalationVerbs } from "./disallow-rbac-escalation-verbs";
import { disallowUnreviewedHelmReleases } from "./disallow-unreviewed-helm-releases";
import { disallowWildcardRbacRules } from "./disallow-wildcard-rbac-rules";
import { enforcePodSecurityStandard } from "./enforce-pod-security-standard";
import { requireApprovedImageRegistries } from "./require-approved-image-registries";
import { requireContainerLimits } from "./require-container-limits";
import { requireDefaultServiceAccountTokenDisabled } from "./require-default-service-account-token-disabled";
import { requireGovernedWorkloadNamespaces } from "./require-governed-workload-namespaces";
import { requireNamespaceDefaultDenyEgress } from "./require-namespace-default-deny-egress";
import { requireOwnImageRegistries } from "./require-own-image-registries";
import { requirePinnedImageDigests } from "./require-pinned-image-digests";
import { requirePodSecurityAuditAndWarn } from "./require-pod-security-audit-and-warn";
import { requireRestrictedPodSecurity } from "./require-restricted-pod-security";
import { disallowRbacCredentialSubresources } from "./disallow-rbac-credential-subresources";
import { disallowBroadServiceaccountBindings } from "./disallow-broad-serviceaccount-bindings";
import { disallowDangerousRbacAggregation } from "./disallow-dangerous-rbac-aggregation";
import { requireNodeClassImdsv2HopLimit1 } from "./require-node-class-imdsv2-hop-limit-1";

/** Kubernetes objects however a program expresses them (typed, Patch, List, YAML/Helm children, Helm releases). */
export const kubernetesPolicies: Policies = [
    // console
    disallowKubernetesAdminConsoles,
    disallowPublicKubernetesServices,
    disallowInternetFacingIngresses,
    disallowAnonymousRbacBindings,
    disallowClusterAdminBindings,
    disallowAwsAuthConfigmap,
    // creds
    disallowAwsKeysInKubernetes,
    disallowIamAccessKeysInKubernetes,
    disallowHostNetwork,
    requireDefaultServiceAccountTokenDisabled,
    disallowWildcardRbacRules,
    disallowRbacEscalationVerbs,
    disallowClusterWideSecretRead,
    disallowRbacCredentialSubresources,
    disallowBroadServiceaccountBindings,
    disallowDangerousRbacAggregation,
    requireNodeClassImdsv2HopLimit1,
    // mining
    requireNamespaceDefaultDenyEgress,
    requireGovernedWorkloadNamespaces,
    disallowOpenNetworkPolicyEgress,
    disallowInternetWideNamespaceEgress,
    disallowPrivilegedContainers,
    disallowHostNamespaces,
    requireContainerLimits,
    requireRestrictedPodSecurity,
    enforcePodSecurityStandard,
    disallowDefaultNamespace,
    requireApprovedImageRegistries,
    requireOwnImageRegistries,
    requirePinnedImageDigests,
    disallowUnreviewedHelmReleases,
    // evasion
    requirePodSecurityAuditAndWarn,
    disallowGuardDutyAgentInterference,
    disallowGuardDutyAgentAdmissionBlocks,
];
