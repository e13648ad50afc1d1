import { checkov } from "../../lib/frameworks";
import { ECR_WRITE_ACTIONS } from "../../lib/ecr";
import { coversAction, parsePolicyDocument } from "../../lib/iam";
import { resourcePolicy } from "../../lib/policy";
import { openToAnyone } from "../../lib/resource-policies";
import { UNKNOWN } from "../../lib/unknowns";

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
        const raw = reads.get("policy", () => args.props.policy);
        if (raw === UNKNOWN || raw === undefined || raw === null || raw === "") return;
        const doc = parsePolicyDocument(raw);
        if (doc.error !== undefined) {
            report(`policy ${doc.error}; write the ECR policy as a JSON document`);
            return;
        }
        doc.statements.forEach((s, i) => {
            const why = openToAnyone(s);
            if (!why) return;
            const writes = ECR_WRITE_ACTIONS.filter((a) => coversAction(s, a));
            if (writes.length === 0) return;
            report(`policy Statement[${i}]${s.sid ? ` (${s.sid})` : ""} ${why} to ${writes.slice(0, 4).join(", ")}`
                + `${writes.length > 4 ? ` and ${writes.length - 4} more write actions` : ""}; name the pushing principals or add such a condition.`);
        });
    },
});
