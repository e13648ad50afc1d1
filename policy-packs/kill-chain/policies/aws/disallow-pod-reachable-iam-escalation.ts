import { stackPolicy } from "../../lib/policy";
import { eksBestPractices } from "../../lib/frameworks";
import { pathModel } from "../../lib/path-model";
import { podEscalations } from "../../lib/path-questions";
import { reportAnswer } from "../../lib/path-report";

/**
 * A pod that obtains credentials able to write IAM (a policy, a trust, a user, PassRole) or EKS access owns the
 * account; one that obtains a cluster-admin access entry owns the cluster. Judged on every door to every role
 * (IRSA trust statements together, Pod Identity, the node role) and on what its policies grant, AWS-managed
 * policies by content; a policy the stack does not show fails closed.
 */
export const disallowPodReachableIamEscalation = stackPolicy({
    name: "disallow-pod-reachable-iam-escalation",
    description: "No identity a pod can obtain (IRSA, Pod Identity, the node role) can change IAM or EKS access (iam:Put*/Attach*/Create*, PassRole on any role, UpdateAssumeRolePolicy, eks:CreateAccessEntry...) or is cluster-admin through an EKS access entry.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Keep IAM and EKS access management out of every role a pod can obtain: deploy IAM changes from the CI deployer role, not from workloads. Give cluster-admin access entries only to human admin roles no pod can assume. Replace customer-managed policies named only by ARN on pod-reachable roles with documents in the program, so the pack can read them.",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    framework: eksBestPractices("iam", "Employ least privileged access to AWS Resources; Restrict access to the instance profile assigned to the worker node"),
    references: ["EKS-BP iam: Employ least privileged access to AWS Resources", "CIS EKS 5.1.3", "CIS EKS 4.1.1", "docs/path-model.md"],
    check: (c) => {
        reportAnswer(c, podEscalations(pathModel(c.args.resources)), "A workload role must not change IAM or EKS access: remove those actions, or the door that lets pods obtain the role");
    },
});
