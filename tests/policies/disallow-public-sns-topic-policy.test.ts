import { describe, test } from "node:test";
import { disallowPublicSnsTopicPolicy as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-public-sns-topic-policy";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const TOPIC = "arn:aws:sns:eu-west-1:111122223333:security-alerts";
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const fromRule = { Sid: "AllowFindingsRulePublish", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: TOPIC,
    Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:eu-west-1:111122223333:rule/findings" } } };
const tlsDeny = { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: TOPIC, Condition: { Bool: { "aws:SecureTransport": "false" } } };
const topicPolicy = res("aws:sns/topicPolicy:TopicPolicy", "alerts-policy", { arn: TOPIC, policy: doc(fromRule, tlsDeny) });

describe("disallow-public-sns-topic-policy: nobody outside can read, flood or silence the alerts", () => {
    test("the reference alert topic policy (EventBridge publish pinned to the rule, TLS deny) passes", async () => assertClean(await one(policy, topicPolicy)));
    test("a topic without an inline policy passes", async () => assertClean(await one(policy, res("aws:sns/topic:Topic", "t", { name: "t" }))));
    const cases = [
        ["Allow * to subscribe", doc(fromRule, { Sid: "Anyone", Effect: "Allow", Principal: "*", Action: "sns:Subscribe", Resource: TOPIC }), "Statement[1] (Anyone) allows Principal \"*\""],
        ["Allow { AWS: \"*\" } everything", doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:*", Resource: TOPIC }), "Statement[0]"],
        ["a not-JSON policy", "{", "policy is not valid JSON"],
    ] as const;
    for (const [what, policyDoc, message] of cases) {
        test(`${what} fails`, async () => assertFails(await one(policy, edit(topicPolicy, { policy: policyDoc })), [topicPolicy], message));
    }
    test("an inline Topic policy open to * fails", async () => {
        const t = res("aws:sns/topic:Topic", "t", { policy: doc({ Effect: "Allow", Principal: "*", Action: "sns:Publish", Resource: TOPIC }) });
        assertFails(await one(policy, t), [t], "Statement[0]");
    });
    test("unknown: an unknown policy defers", async () => assertDeferred(await one(policy, edit(topicPolicy, { policy: UNKNOWN })), topicPolicy, "policy"));
});
