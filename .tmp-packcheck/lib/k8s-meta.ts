/** Frameworks (besides lib/frameworks.ts) and reference URLs the Kubernetes policies cite. */
import type { PolicyComplianceFramework } from "@pulumi/policy";

/** Kubernetes Pod Security Standards, `restricted` profile (the level EKS Best Practices recommends enforcing). */
export function podSecurityStandards(reference: string, specification: string): PolicyComplianceFramework {
    return { name: "Kubernetes Pod Security Standards", version: "restricted, Kubernetes v1.25+", reference, specification };
}

/** Checkov's Kubernetes checks (bridgecrewio/checkov at 03d5fda), for controls CIS EKS does not number. */
export function checkovKubernetes(reference: string, specification: string): PolicyComplianceFramework {
    return { name: "Checkov Kubernetes checks", version: "03d5fda", reference, specification };
}

const BP = "https://docs.aws.amazon.com/eks/latest/best-practices";
export const URLS = {
    iam: `${BP}/identity-and-access-management.html`,
    pods: `${BP}/pod-security.html`,
    network: `${BP}/network-security.html`,
    secrets: `${BP}/data-encryption-and-secrets-management.html`,
    images: `${BP}/image-security.html`,
    runtime: `${BP}/runtime-security.html`,
    accessEntries: "https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html",
    pss: "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    psa: "https://kubernetes.io/docs/concepts/security/pod-security-admission/",
    netpol: "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    rbac: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    helmRelease: "https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v4/chart/",
    awsLbc: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/",
    guardDutyAgent: "https://docs.aws.amazon.com/guardduty/latest/ug/how-runtime-monitoring-works-eks.html",
} as const;

