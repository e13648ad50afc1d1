import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { cisEks } from "../../lib/frameworks";
import { hasValue, isObject } from "../../lib/values";

/**
 * Kubernetes Secrets are envelope-encrypted with a customer KMS key, so an etcd snapshot or backup alone does not
 * reveal them and every decryption is a KMS call in CloudTrail.
 */
export const requireEksSecretsEncryption = resourcePolicy({
    name: "require-eks-secrets-encryption",
    description: "EKS clusters envelope-encrypt Kubernetes Secrets with a customer KMS key (encryptionConfig resources [\"secrets\"] with provider.keyArn).",
    step: "creds",
    severity: "high",
    remediationSteps: "Set encryptionConfig to { provider: { keyArn: <customer KMS key ARN, rotation on> }, resources: [\"secrets\"] } on the aws.eks.Cluster (CustomerKey in infra/kms builds such a key).",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html",
    framework: cisEks("5.3.1", "Ensure Kubernetes Secrets are encrypted using Customer Master Keys (CMKs) managed in AWS KMS"),
    references: ["CIS EKS 5.3.1", "EKS-BP data: Use AWS KMS for envelope encryption of Kubernetes secrets", "CKV_AWS_58"],
    types: [AWS.eksCluster],
    check: ({ args, reads, report }) => {
        const config = reads.get("encryptionConfig", () => args.props.encryptionConfig);
        if (config === UNKNOWN) return;
        if (!isObject(config)) {
            report("encryptionConfig is unset, so Secrets are not envelope-encrypted with a customer key; set encryptionConfig.provider.keyArn to a customer KMS key and encryptionConfig.resources to [\"secrets\"]");
            return;
        }
        const resources = reads.snapshot("encryptionConfig.resources", () => config.resources);
        if (resources !== UNKNOWN && !(Array.isArray(resources) && (resources.includes("secrets") || resources.includes(UNKNOWN)))) {
            report("encryptionConfig.resources does not include \"secrets\"; set it to [\"secrets\"]");
        }
        const provider = reads.get("encryptionConfig.provider", () => config.provider);
        if (provider === UNKNOWN) return;
        if (!hasValue(provider, "keyArn")) {
            report("encryptionConfig.provider.keyArn is unset; set it to a customer KMS key ARN");
        }
    },
});
