import { checkov } from "../../lib/frameworks";
import { parsePolicyDocument } from "../../lib/iam";
import { resourcePolicy } from "../../lib/policy";
import { openToAnyone } from "../../lib/resource-policies";
import { UNKNOWN } from "../../lib/unknowns";

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
        const raw = reads.get("policy", () => args.props.policy);
        if (raw === UNKNOWN || raw === undefined || raw === null || raw === "") return;
        const doc = parsePolicyDocument(raw);
        if (doc.error !== undefined) {
            report(`policy ${doc.error}; write the topic policy as a JSON document`);
            return;
        }
        doc.statements.forEach((s, i) => {
            const why = openToAnyone(s);
            if (why) report(`policy Statement[${i}]${s.sid ? ` (${s.sid})` : ""} ${why}; name the principals or add such a condition`);
        });
    },
});
