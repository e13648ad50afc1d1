import { checkov } from "../../lib/frameworks";
import { ECR_WRITE_ACTIONS } from "../../lib/ecr";
import { coversAction } from "../../lib/iam";
import { openStatements } from "../../lib/open-documents";
import { resourcePolicy } from "../../lib/policy";

const ECR_POLICY_TYPES = ["aws:ecr/repositoryPolicy:RepositoryPolicy", "aws:ecr/registryPolicy:RegistryPolicy"] as const;

/**
 * No ECR repository or registry policy lets anyone write. Whoever can push to a repository the cluster pulls from
 * replaces its image (a tag, or a new digest the next deploy pins): a miner then runs as the stack's own workload.
 */
export const disallowPublicEcrWrite = resourcePolicy({
    name: "disallow-public-ecr-write",
    description: "ECR repository and registry policies do not Allow Principal \"*\" (or NotPrincipal) any write action (push, delete, "
        + "replicate, create repository, change the policy) without a condition restricting the caller: nobody outside can replace the "
        + "images the cluster runs.",
    step: "mining",
    severity: "critical",
    remediationSteps: "In the repository policy (aws.ecr.RepositoryPolicy policy) or registry policy, grant push only to named roles "
        + "(the CI role ARN), or add a restricting condition such as aws:PrincipalOrgID or aws:PrincipalAccount; pull-only statements "
        + "for other accounts are fine.",
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html",
    framework: checkov("CKV_AWS_32", "Ensure ECR policy is not set to public"),
    references: ["CKV_AWS_32", "EKS-BP image: Use IAM policies for ECR repositories"],
    types: [...ECR_POLICY_TYPES],
    check: ({ args, reads, report }) => {
        const { open, error } = openStatements(reads, args.props);
        if (error !== undefined) report(`policy ${error}; write the ECR policy as a JSON document`);
        for (const { label, statement, why } of open) {
            const writes = ECR_WRITE_ACTIONS.filter((a) => coversAction(statement, a));
            if (writes.length === 0) continue;
            report(`policy ${label} ${why} to ${writes.slice(0, 4).join(", ")}`
                + `${writes.length > 4 ? ` and ${writes.length - 4} more write actions` : ""}; name the pushing principals or add such a condition.`);
        }
    },
});
