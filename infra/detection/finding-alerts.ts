import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResourcePolicyDocument } from "../data/bucket-policy";
import { CustomerKey, KeyServiceGrant } from "../kms/customer-key";
import { AwsEnvironment, arn } from "../lib/aws";
import { FindingTypeFilter, guardDutyFindingPattern, killChainFindingFilters } from "./findings";
import { validateAlertEmail, validateNamePrefix } from "./validators";

export function topicArn(env: AwsEnvironment, topicName: string): string {
    return arn(env, "sns", topicName);
}

/** Rules on the default event bus: `arn:<partition>:events:<region>:<account>:rule/<name>`. */
export function ruleArn(env: AwsEnvironment, ruleName: string): string {
    return arn(env, "events", `rule/${ruleName}`);
}

/**
 * EventBridge may use the topic's key only for this topic: SNS passes the topic ARN as encryption context
 * (`aws:sns:topicArn`) on every data-key request.
 */
export function alertKeyGrants(topic: string): KeyServiceGrant[] {
    return [{
        sid: "EventBridgePublishToAlertTopic",
        service: "events.amazonaws.com",
        actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": topic } },
    }];
}

/** Topic policy: only the findings rule may publish through EventBridge, and never without TLS. */
export function alertTopicPolicy(topic: string, rule: string): ResourcePolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AllowFindingsRulePublish",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topic,
                Condition: { ArnEquals: { "aws:SourceArn": rule } },
            },
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "sns:Publish",
                Resource: topic,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}

export interface FindingAlertsArgs {
    env: AwsEnvironment;
    /** Names `<namePrefix>-security-alerts` and `<namePrefix>-guardduty-findings`. */
    namePrefix: string;
    /**
     * Address subscribed to the topic by e-mail.
     * @default - no subscription
     */
    alertEmail?: string;
    /**
     * Finding types to alert on.
     * @default - every family in KILL_CHAIN_FINDING_FAMILIES
     */
    findingTypes?: FindingTypeFilter[];
}

/**
 * GuardDuty findings of the kill-chain families, routed by an EventBridge rule to a KMS-encrypted SNS topic,
 * optionally with an e-mail subscription. Type token `hardened:detection:FindingAlerts`.
 */
export class FindingAlerts extends pulumi.ComponentResource {
    public readonly topic: aws.sns.Topic;
    /** Known at preview. */
    public readonly topicArn: string;
    public readonly rule: aws.cloudwatch.EventRule;
    /** Known at preview. */
    public readonly ruleArn: string;
    public readonly eventPattern: Record<string, unknown>;
    public readonly key: CustomerKey;

    constructor(name: string, args: FindingAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        validateNamePrefix(args.namePrefix, "FindingAlerts.namePrefix");
        if (args.alertEmail !== undefined) validateAlertEmail(args.alertEmail, "FindingAlerts.alertEmail");
        super("hardened:detection:FindingAlerts", name, {}, opts);
        const { env } = args;
        const topicName = `${args.namePrefix}-security-alerts`;
        const ruleName = `${args.namePrefix}-guardduty-findings`;
        this.topicArn = topicArn(env, topicName);
        this.ruleArn = ruleArn(env, ruleName);
        this.eventPattern = guardDutyFindingPattern(args.findingTypes ?? killChainFindingFilters());

        this.key = new CustomerKey(`${name}-key`, {
            env,
            description: `SNS topic ${topicName}: GuardDuty kill-chain findings`,
            alias: topicName,
            serviceGrants: alertKeyGrants(this.topicArn),
        }, { parent: this });

        this.topic = new aws.sns.Topic(`${name}-topic`, {
            name: topicName,
            kmsMasterKeyId: this.key.arn,
        }, { parent: this });

        new aws.sns.TopicPolicy(`${name}-topic-policy`, {
            arn: this.topic.arn,
            policy: JSON.stringify(alertTopicPolicy(this.topicArn, this.ruleArn)),
        }, { parent: this });

        this.rule = new aws.cloudwatch.EventRule(`${name}-rule`, {
            name: ruleName,
            description: "GuardDuty findings of the cryptojacking kill chain: mining, credential exfiltration, exposed dashboard, anonymous access",
            eventPattern: JSON.stringify(this.eventPattern),
            state: "ENABLED",
        }, { parent: this });

        new aws.cloudwatch.EventTarget(`${name}-target`, {
            rule: this.rule.name,
            arn: this.topic.arn,
            targetId: "security-alerts-topic",
        }, { parent: this });

        if (args.alertEmail) {
            new aws.sns.TopicSubscription(`${name}-email`, {
                topic: this.topic.arn,
                protocol: "email",
                endpoint: args.alertEmail,
            }, { parent: this });
        }

        this.registerOutputs({ topicArn: this.topicArn, ruleArn: this.ruleArn });
    }
}
