import type { PolicyComplianceFramework } from "@pulumi/policy";

/** CIS Amazon EKS Benchmark v1.8.0 (as encoded by kube-bench cfg/eks-1.8.0). */
export function cisEks(reference: string, specification: string): PolicyComplianceFramework {
    return { name: "CIS Amazon EKS Benchmark", version: "1.8.0", reference, specification };
}

/** Amazon EKS Best Practices Guide, security chapter (aws/aws-eks-best-practices at dc0243a). */
export function eksBestPractices(reference: string, specification: string): PolicyComplianceFramework {
    return { name: "Amazon EKS Best Practices Guide", version: "2026-05 (dc0243a)", reference, specification };
}

/** Checkov's AWS checks (bridgecrewio/checkov at 03d5fda), for controls neither CIS EKS nor the EKS guide cover. */
export function checkov(reference: string, specification: string): PolicyComplianceFramework {
    return { name: "Checkov AWS checks", version: "03d5fda", reference, specification };
}

/** CIS Amazon Web Services Foundations Benchmark v3.0.0, for account-level controls outside the EKS benchmark. */
export function cisAws(reference: string, specification: string): PolicyComplianceFramework {
    return { name: "CIS Amazon Web Services Foundations Benchmark", version: "3.0.0", reference, specification };
}
