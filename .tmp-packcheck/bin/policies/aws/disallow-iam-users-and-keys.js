"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowIamUsersAndKeys = void 0;
const policy_1 = require("../../lib/policy");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const WHAT = {
    [aws_types_1.AWS.iamUser]: "an IAM user",
    [aws_types_1.AWS.iamAccessKey]: "a long-lived IAM access key",
    [aws_types_1.AWS.iamUserLoginProfile]: "a console password for an IAM user",
    [aws_types_1.AWS.iamServiceSpecificCredential]: "a service-specific credential (CodeCommit/Keyspaces password)",
    [aws_types_1.AWS.iamSigningCertificate]: "an IAM signing certificate",
    [aws_types_1.AWS.iamSshKey]: "an IAM SSH public key",
};
/**
 * No long-lived IAM credentials exist to be found in a cluster, a CI log or a laptop: humans use SSO roles,
 * workloads use IRSA or Pod Identity, machines use instance roles. In 2018 the stolen thing was an access key.
 */
exports.disallowIamUsersAndKeys = (0, policy_1.resourcePolicy)({
    name: "disallow-iam-users-and-keys",
    description: "Programs create no IAM users, access keys, login profiles or other long-lived IAM credentials.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Delete the aws.iam.User / AccessKey / UserLoginProfile / ServiceSpecificCredential / SigningCertificate / SshKey resource. Give people IAM Identity Center roles, pods IRSA roles (IrsaRole) or EKS Pod Identity, and CI an OIDC-federated role.",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp",
    framework: (0, frameworks_1.checkov)("CKV_AWS_273", "Ensure access is controlled through SSO and not AWS IAM defined users"),
    references: ["CIS EKS 4.4.2", "EKS-BP iam: Don't use a service account token for authentication", "CKV_AWS_273", "CKV_SECRET_2"],
    types: Object.keys(WHAT),
    check: ({ args, report }) => {
        report(`${args.type} creates ${WHAT[args.type]}; remove it and use a federated or workload role (IAM Identity Center, IRSA, Pod Identity, OIDC for CI) instead`);
    },
});
//# sourceMappingURL=disallow-iam-users-and-keys.js.map