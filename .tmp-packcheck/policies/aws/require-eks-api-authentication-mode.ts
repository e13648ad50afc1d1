import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { cisEks } from "../../lib/frameworks";
import { show } from "../../lib/values";

/**
 * Cluster access is granted only through EKS access entries (authentication mode API). The aws-auth ConfigMap is
 * editable by anyone who can write to kube-system, so in CONFIG_MAP modes one compromised workload can map its own
 * IAM role to system:masters; access entries live in the EKS API, behind IAM and CloudTrail.
 */
export const requireEksApiAuthenticationMode = resourcePolicy({
    name: "require-eks-api-authentication-mode",
    description: "EKS clusters authenticate through access entries only (accessConfig.authenticationMode API), never the aws-auth ConfigMap.",
    step: "console",
    severity: "high",
    remediationSteps: "Set accessConfig.authenticationMode to \"API\" and grant access with aws.eks.AccessEntry and aws.eks.AccessPolicyAssociation. Migrating an existing cluster goes CONFIG_MAP -> API_AND_CONFIG_MAP -> API; move every aws-auth mapping to an access entry first.",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/grant-k8s-access.html",
    framework: cisEks("4.1.7", "Cluster Access Manager API to streamline and enhance the security of access management"),
    references: ["CIS EKS 4.1.7", "EKS-BP iam: Cluster Access Manager"],
    types: [AWS.eksCluster],
    check: ({ args, reads, report }) => {
        const mode = reads.get("accessConfig.authenticationMode", () => args.props.accessConfig?.authenticationMode);
        if (mode === UNKNOWN || mode === "API") return;
        const shown = mode === undefined ? "unset (EKS then uses CONFIG_MAP, the aws-auth ConfigMap)" : show(mode);
        report(`accessConfig.authenticationMode is ${shown}; set it to "API" so access is granted only through access entries`);
    },
});
