"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowAwsAuthConfigmap = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_namespaces_1 = require("../../lib/k8s-namespaces");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
/**
 * The program never writes the kube-system/aws-auth ConfigMap (CONFIG_MAP authentication): cluster access is
 * granted by EKS access entries (authentication mode API), which are AWS resources, audited and policy-checked.
 */
exports.disallowAwsAuthConfigmap = (0, policy_1.resourcePolicy)({
    name: "disallow-aws-auth-configmap",
    description: "No program creates or patches the kube-system/aws-auth ConfigMap: cluster access goes through EKS access entries "
        + "(authentication mode API), not an in-cluster map of IAM principals to groups such as system:masters.",
    step: "console",
    severity: "high",
    remediationSteps: "Delete the aws-auth ConfigMap resource and grant access with aws.eks.AccessEntry plus "
        + "aws.eks.AccessPolicyAssociation, with the cluster's accessConfig.authenticationMode set to \"API\".",
    url: k8s_meta_1.URLS.accessEntries,
    framework: (0, frameworks_1.cisEks)("4.1.7", "Cluster Access Manager API to streamline and enhance the security of your EKS cluster"),
    references: ["CIS EKS 4.1.7", "EKS-BP iam: The aws-auth ConfigMap (deprecated)", "EKS-BP iam: Cluster Access Manager"],
    types: (0, k8s_1.k8sTypes)("ConfigMap"),
    check: ({ args, reads, report }) => {
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const name = obj.view.at("metadata", "name").str();
            if (name === unknowns_1.UNKNOWN || name !== "aws-auth")
                continue;
            const ns = (0, k8s_1.namespaceOf)(obj.view, (0, k8s_namespaces_1.providerView)(args, reads));
            if (ns !== "kube-system")
                continue;
            report(`${(0, k8s_1.describe)(obj)}: metadata.name aws-auth in kube-system maps IAM principals into Kubernetes groups (CONFIG_MAP `
                + "authentication, often to system:masters); remove it and use EKS access entries with authenticationMode \"API\".");
        }
    },
});
//# sourceMappingURL=disallow-aws-auth-configmap.js.map