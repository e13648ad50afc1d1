"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireEksSecretsEncryption = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/**
 * Kubernetes Secrets are envelope-encrypted with a customer KMS key, so an etcd snapshot or backup alone does not
 * reveal them and every decryption is a KMS call in CloudTrail.
 */
exports.requireEksSecretsEncryption = (0, policy_1.resourcePolicy)({
    name: "require-eks-secrets-encryption",
    description: "EKS clusters envelope-encrypt Kubernetes Secrets with a customer KMS key (encryptionConfig resources [\"secrets\"] with provider.keyArn).",
    step: "creds",
    severity: "high",
    remediationSteps: "Set encryptionConfig to { provider: { keyArn: <customer KMS key ARN, rotation on> }, resources: [\"secrets\"] } on the aws.eks.Cluster (CustomerKey in infra/kms builds such a key).",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html",
    framework: (0, frameworks_1.cisEks)("5.3.1", "Ensure Kubernetes Secrets are encrypted using Customer Master Keys (CMKs) managed in AWS KMS"),
    references: ["CIS EKS 5.3.1", "EKS-BP data: Use AWS KMS for envelope encryption of Kubernetes secrets", "CKV_AWS_58"],
    types: [aws_types_1.AWS.eksCluster],
    check: ({ args, reads, report }) => {
        const config = reads.get("encryptionConfig", () => args.props.encryptionConfig);
        if (config === unknowns_1.UNKNOWN)
            return;
        if (!(0, values_1.isObject)(config)) {
            report("encryptionConfig is unset, so Secrets are not envelope-encrypted with a customer key; set encryptionConfig.provider.keyArn to a customer KMS key and encryptionConfig.resources to [\"secrets\"]");
            return;
        }
        const resources = reads.snapshot("encryptionConfig.resources", () => config.resources);
        if (resources !== unknowns_1.UNKNOWN && !(Array.isArray(resources) && (resources.includes("secrets") || resources.includes(unknowns_1.UNKNOWN)))) {
            report("encryptionConfig.resources does not include \"secrets\"; set it to [\"secrets\"]");
        }
        const provider = reads.get("encryptionConfig.provider", () => config.provider);
        if (provider === unknowns_1.UNKNOWN)
            return;
        if (!(0, values_1.hasValue)(provider, "keyArn")) {
            report("encryptionConfig.provider.keyArn is unset; set it to a customer KMS key ARN");
        }
    },
});
//# sourceMappingURL=require-eks-secrets-encryption.js.map