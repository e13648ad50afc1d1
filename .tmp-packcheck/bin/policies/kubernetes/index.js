"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.kubernetesPolicies = void 0;
const disallow_anonymous_rbac_bindings_1 = require("./disallow-anonymous-rbac-bindings");
const disallow_aws_auth_configmap_1 = require("./disallow-aws-auth-configmap");
const disallow_aws_keys_in_kubernetes_1 = require("./disallow-aws-keys-in-kubernetes");
const disallow_cluster_admin_bindings_1 = require("./disallow-cluster-admin-bindings");
const disallow_cluster_wide_secret_read_1 = require("./disallow-cluster-wide-secret-read");
const disallow_default_namespace_1 = require("./disallow-default-namespace");
const disallow_guardduty_agent_interference_1 = require("./disallow-guardduty-agent-interference");
const disallow_host_namespaces_1 = require("./disallow-host-namespaces");
const disallow_host_network_1 = require("./disallow-host-network");
const disallow_iam_access_keys_in_kubernetes_1 = require("./disallow-iam-access-keys-in-kubernetes");
const disallow_internet_facing_ingresses_1 = require("./disallow-internet-facing-ingresses");
const disallow_kubernetes_admin_consoles_1 = require("./disallow-kubernetes-admin-consoles");
const disallow_open_network_policy_egress_1 = require("./disallow-open-network-policy-egress");
const disallow_privileged_containers_1 = require("./disallow-privileged-containers");
const disallow_public_kubernetes_services_1 = require("./disallow-public-kubernetes-services");
const disallow_rbac_escalation_verbs_1 = require("./disallow-rbac-escalation-verbs");
const disallow_unreviewed_helm_releases_1 = require("./disallow-unreviewed-helm-releases");
const disallow_wildcard_rbac_rules_1 = require("./disallow-wildcard-rbac-rules");
const require_approved_image_registries_1 = require("./require-approved-image-registries");
const require_container_limits_1 = require("./require-container-limits");
const require_default_service_account_token_disabled_1 = require("./require-default-service-account-token-disabled");
const require_namespace_default_deny_egress_1 = require("./require-namespace-default-deny-egress");
const require_pinned_image_digests_1 = require("./require-pinned-image-digests");
const require_pod_security_audit_and_warn_1 = require("./require-pod-security-audit-and-warn");
const require_restricted_pod_security_1 = require("./require-restricted-pod-security");
/** Kubernetes objects however a program expresses them (typed, Patch, List, YAML/Helm children, Helm releases). */
exports.kubernetesPolicies = [
    // console
    disallow_kubernetes_admin_consoles_1.disallowKubernetesAdminConsoles,
    disallow_public_kubernetes_services_1.disallowPublicKubernetesServices,
    disallow_internet_facing_ingresses_1.disallowInternetFacingIngresses,
    disallow_anonymous_rbac_bindings_1.disallowAnonymousRbacBindings,
    disallow_cluster_admin_bindings_1.disallowClusterAdminBindings,
    disallow_aws_auth_configmap_1.disallowAwsAuthConfigmap,
    // creds
    disallow_aws_keys_in_kubernetes_1.disallowAwsKeysInKubernetes,
    disallow_iam_access_keys_in_kubernetes_1.disallowIamAccessKeysInKubernetes,
    disallow_host_network_1.disallowHostNetwork,
    require_default_service_account_token_disabled_1.requireDefaultServiceAccountTokenDisabled,
    disallow_wildcard_rbac_rules_1.disallowWildcardRbacRules,
    disallow_rbac_escalation_verbs_1.disallowRbacEscalationVerbs,
    disallow_cluster_wide_secret_read_1.disallowClusterWideSecretRead,
    // mining
    require_namespace_default_deny_egress_1.requireNamespaceDefaultDenyEgress,
    disallow_open_network_policy_egress_1.disallowOpenNetworkPolicyEgress,
    disallow_privileged_containers_1.disallowPrivilegedContainers,
    disallow_host_namespaces_1.disallowHostNamespaces,
    require_container_limits_1.requireContainerLimits,
    require_restricted_pod_security_1.requireRestrictedPodSecurity,
    disallow_default_namespace_1.disallowDefaultNamespace,
    require_approved_image_registries_1.requireApprovedImageRegistries,
    require_pinned_image_digests_1.requirePinnedImageDigests,
    disallow_unreviewed_helm_releases_1.disallowUnreviewedHelmReleases,
    // evasion
    require_pod_security_audit_and_warn_1.requirePodSecurityAuditAndWarn,
    disallow_guardduty_agent_interference_1.disallowGuardDutyAgentInterference,
];
//# sourceMappingURL=index.js.map