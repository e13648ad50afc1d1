import { checkov } from "../../lib/frameworks";
import { openStatements } from "../../lib/open-documents";
import { resourcePolicy } from "../../lib/policy";

const TOPIC_POLICY_TYPES = ["aws:sns/topicPolicy:TopicPolicy", "aws:sns/topic:Topic"] as const;

/**
 * No SNS topic policy lets anyone in. On the alert topic that is the last link of the detection chain: anyone may
 * subscribe (and read every finding), publish (and bury the real alert), or remove the subscription.
 */
export const disallowPublicSnsTopicPolicy = resourcePolicy({
    name: "disallow-public-sns-topic-policy",
    description: "SNS topic policies (the security alert topic's included) do not Allow Principal \"*\" (or NotPrincipal) without a "
        + "condition restricting the caller: nobody outside can subscribe to, flood or silence the alerts.",
    step: "evasion",
    severity: "high",
    remediationSteps: "In the topic policy (aws.sns.TopicPolicy policy or aws.sns.Topic policy), grant sns:Publish only to the "
        + "service that sends (events.amazonaws.com with an aws:SourceArn condition on the rule) and subscriptions only to named roles.",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html",
    framework: checkov("CKV_AWS_169", "Ensure SNS topic policy is not public by only allowing specific services or principals to access it"),
    references: ["CKV_AWS_169", "EKS-BP detective"],
    types: [...TOPIC_POLICY_TYPES],
    check: ({ args, reads, report }) => {
        const { open, error } = openStatements(reads, args.props);
        if (error !== undefined) report(`policy ${error}; write the topic policy as a JSON document`);
        for (const { label, why } of open) report(`policy ${label} ${why}; name the principals or add such a condition`);
    },
});
