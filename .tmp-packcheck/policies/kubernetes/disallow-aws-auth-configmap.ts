import { cisEks } from "../../lib/frameworks";
import { describe, k8sObjects, k8sTypes, namespaceOf } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { providerView } from "../../lib/k8s-namespaces";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/**
 * The program never writes the kube-system/aws-auth ConfigMap (CONFIG_MAP authentication): cluster access is
 * granted by EKS access entries (authentication mode API), which are AWS resources, audited and policy-checked.
 */
export const disallowAwsAuthConfigmap = resourcePolicy({
    name: "disallow-aws-auth-configmap",
    description: "No program creates or patches the kube-system/aws-auth ConfigMap: cluster access goes through EKS access entries "
        + "(authentication mode API), not an in-cluster map of IAM principals to groups such as system:masters.",
    step: "console",
    severity: "high",
    remediationSteps: "Delete the aws-auth ConfigMap resource and grant access with aws.eks.AccessEntry plus "
        + "aws.eks.AccessPolicyAssociation, with the cluster's accessConfig.authenticationMode set to \"API\".",
    url: URLS.accessEntries,
    framework: cisEks("4.1.7", "Cluster Access Manager API to streamline and enhance the security of your EKS cluster"),
    references: ["CIS EKS 4.1.7", "EKS-BP iam: The aws-auth ConfigMap (deprecated)", "EKS-BP iam: Cluster Access Manager"],
    types: k8sTypes("ConfigMap"),
    check: ({ args, reads, report }) => {
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const name = obj.view.at("metadata", "name").str();
            if (name === UNKNOWN || name !== "aws-auth") continue;
            const ns = namespaceOf(obj.view, providerView(args, reads));
            if (ns !== "kube-system") continue;
            report(`${describe(obj)}: metadata.name aws-auth in kube-system maps IAM principals into Kubernetes groups (CONFIG_MAP `
                + "authentication, often to system:masters); remove it and use EKS access entries with authenticationMode \"API\".");
        }
    },
});
