"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.cisEks = cisEks;
exports.eksBestPractices = eksBestPractices;
exports.checkov = checkov;
exports.cisAws = cisAws;
/** CIS Amazon EKS Benchmark v1.8.0 (as encoded by kube-bench cfg/eks-1.8.0). */
function cisEks(reference, specification) {
    return { name: "CIS Amazon EKS Benchmark", version: "1.8.0", reference, specification };
}
/** Amazon EKS Best Practices Guide, security chapter (aws/aws-eks-best-practices at dc0243a). */
function eksBestPractices(reference, specification) {
    return { name: "Amazon EKS Best Practices Guide", version: "2026-05 (dc0243a)", reference, specification };
}
/** Checkov's AWS checks (bridgecrewio/checkov at 03d5fda), for controls neither CIS EKS nor the EKS guide cover. */
function checkov(reference, specification) {
    return { name: "Checkov AWS checks", version: "03d5fda", reference, specification };
}
/** CIS Amazon Web Services Foundations Benchmark v3.0.0, for account-level controls outside the EKS benchmark. */
function cisAws(reference, specification) {
    return { name: "CIS Amazon Web Services Foundations Benchmark", version: "3.0.0", reference, specification };
}
//# sourceMappingURL=frameworks.js.map