"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.awsPolicies = void 0;
const disallow_public_eks_endpoint_1 = require("./disallow-public-eks-endpoint");
const require_eks_api_authentication_mode_1 = require("./require-eks-api-authentication-mode");
const disallow_eks_cluster_creator_admin_1 = require("./disallow-eks-cluster-creator-admin");
const disallow_untrusted_eks_cluster_admin_1 = require("./disallow-untrusted-eks-cluster-admin");
const disallow_public_ip_on_instances_1 = require("./disallow-public-ip-on-instances");
const disallow_public_ip_subnets_1 = require("./disallow-public-ip-subnets");
const disallow_internet_ingress_1 = require("./disallow-internet-ingress");
const disallow_node_group_open_ssh_1 = require("./disallow-node-group-open-ssh");
const disallow_iam_users_and_keys_1 = require("./disallow-iam-users-and-keys");
const require_imdsv2_hop_limit_1_1 = require("./require-imdsv2-hop-limit-1");
const disallow_aws_keys_in_user_data_1 = require("./disallow-aws-keys-in-user-data");
const require_pinned_irsa_trust_1 = require("./require-pinned-irsa-trust");
const disallow_broad_trust_principals_1 = require("./disallow-broad-trust-principals");
const disallow_broad_role_permissions_1 = require("./disallow-broad-role-permissions");
const enforce_least_privilege_node_role_1 = require("./enforce-least-privilege-node-role");
const require_eks_secrets_encryption_1 = require("./require-eks-secrets-encryption");
const require_bucket_public_access_block_1 = require("./require-bucket-public-access-block");
const disallow_disabled_public_access_block_1 = require("./disallow-disabled-public-access-block");
const disallow_public_bucket_acls_1 = require("./disallow-public-bucket-acls");
const require_bucket_owner_enforced_1 = require("./require-bucket-owner-enforced");
const disallow_public_bucket_policy_1 = require("./disallow-public-bucket-policy");
const require_tls_only_bucket_policy_1 = require("./require-tls-only-bucket-policy");
const require_bucket_kms_encryption_1 = require("./require-bucket-kms-encryption");
const disallow_internet_egress_1 = require("./disallow-internet-egress");
const disallow_node_subnet_internet_route_1 = require("./disallow-node-subnet-internet-route");
const require_firewall_default_drop_1 = require("./require-firewall-default-drop");
const require_eks_control_plane_logging_1 = require("./require-eks-control-plane-logging");
const require_guardduty_eks_protection_1 = require("./require-guardduty-eks-protection");
const require_guardduty_features_for_eks_1 = require("./require-guardduty-features-for-eks");
const require_cloudtrail_integrity_1 = require("./require-cloudtrail-integrity");
const require_vpc_flow_logs_1 = require("./require-vpc-flow-logs");
const require_protected_security_log_groups_1 = require("./require-protected-security-log-groups");
/** AWS policies of the pack, grouped by the kill-chain step they close. */
exports.awsPolicies = [
    // console
    disallow_public_eks_endpoint_1.disallowPublicEksEndpoint,
    require_eks_api_authentication_mode_1.requireEksApiAuthenticationMode,
    disallow_eks_cluster_creator_admin_1.disallowEksClusterCreatorAdmin,
    disallow_untrusted_eks_cluster_admin_1.disallowUntrustedEksClusterAdmin,
    disallow_public_ip_on_instances_1.disallowPublicIpOnInstances,
    disallow_public_ip_subnets_1.disallowPublicIpSubnets,
    disallow_internet_ingress_1.disallowInternetIngress,
    disallow_node_group_open_ssh_1.disallowNodeGroupOpenSsh,
    // creds
    disallow_iam_users_and_keys_1.disallowIamUsersAndKeys,
    require_imdsv2_hop_limit_1_1.requireImdsv2HopLimit1,
    disallow_aws_keys_in_user_data_1.disallowAwsKeysInUserData,
    require_pinned_irsa_trust_1.requirePinnedIrsaTrust,
    disallow_broad_trust_principals_1.disallowBroadTrustPrincipals,
    disallow_broad_role_permissions_1.disallowBroadRolePermissions,
    enforce_least_privilege_node_role_1.enforceLeastPrivilegeNodeRole,
    require_eks_secrets_encryption_1.requireEksSecretsEncryption,
    // s3
    require_bucket_public_access_block_1.requireBucketPublicAccessBlock,
    disallow_disabled_public_access_block_1.disallowDisabledPublicAccessBlock,
    disallow_public_bucket_acls_1.disallowPublicBucketAcls,
    require_bucket_owner_enforced_1.requireBucketOwnerEnforced,
    disallow_public_bucket_policy_1.disallowPublicBucketPolicy,
    require_tls_only_bucket_policy_1.requireTlsOnlyBucketPolicy,
    require_bucket_kms_encryption_1.requireBucketKmsEncryption,
    // mining
    disallow_internet_egress_1.disallowInternetEgress,
    disallow_node_subnet_internet_route_1.disallowNodeSubnetInternetRoute,
    require_firewall_default_drop_1.requireFirewallDefaultDrop,
    // evasion
    require_eks_control_plane_logging_1.requireEksControlPlaneLogging,
    require_guardduty_eks_protection_1.requireGuardDutyEksProtection,
    require_guardduty_features_for_eks_1.requireGuardDutyFeaturesForEks,
    require_cloudtrail_integrity_1.requireCloudTrailIntegrity,
    require_vpc_flow_logs_1.requireVpcFlowLogs,
    require_protected_security_log_groups_1.requireProtectedSecurityLogGroups,
];
//# sourceMappingURL=index.js.map