import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { alertKeyGrants, alertTopicPolicy, ruleArn, topicArn } from "../../infra/detection/finding-alerts";
import { filtersMatch, guardDutyFindingPattern, KILL_CHAIN_FINDING_FAMILIES, killChainFindingFilters } from "../../infra/detection/findings";
import { GUARDDUTY_FEATURES } from "../../infra/detection/guardduty";
import {
    cloudTrailLogsRolePolicy, logGroupArn, trailArn, trailBucketStatements, trailEventSelectors, trailKeyGrants,
} from "../../infra/detection/trail-policies";
import { serviceStatementToPolicy } from "../../infra/data/service-statement";
import {
    validateAlertEmail, validateBucketArn, validateDetectorId, validateGuardDutyMode, validateLogRetentionDays, validateNamePrefix,
} from "../../infra/detection/validators";
import { AwsEnvironment } from "../../infra/lib/aws";
import { allowingStatements, denyingStatements, RequestContext } from "../data/policy-eval";
import { FINDINGS_BY_FAMILY, UNRELATED_FINDINGS } from "./samples";

const ENV: AwsEnvironment = { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
const TRAIL = trailArn(ENV, "hardened-stack-dev-trail");

describe("kill-chain finding pattern", () => {
    test("every kill-chain family has its finding types matched by the EventBridge pattern", () => {
        const types = (guardDutyFindingPattern().detail as { type: Parameters<typeof filtersMatch>[0] }).type;
        assert.deepEqual(Object.keys(FINDINGS_BY_FAMILY).sort(), Object.keys(KILL_CHAIN_FINDING_FAMILIES).sort());
        for (const [family, findings] of Object.entries(FINDINGS_BY_FAMILY)) {
            for (const f of findings) {
                assert.ok(filtersMatch(types, f), `${family}: ${f} must raise an alert`);
                assert.ok(filtersMatch(KILL_CHAIN_FINDING_FAMILIES[family].filters, f), `${f} must be in family ${family}`);
            }
        }
    });

    test("unrelated findings are not matched", () => {
        for (const f of UNRELATED_FINDINGS) assert.equal(filtersMatch(killChainFindingFilters(), f), false, f);
    });

    test("the pattern only uses valid EventBridge matchers and none that matches everything", () => {
        const pattern = guardDutyFindingPattern();
        assert.deepEqual(pattern.source, ["aws.guardduty"]);
        assert.deepEqual(pattern["detail-type"], ["GuardDuty Finding"]);
        for (const f of killChainFindingFilters()) {
            if (typeof f === "string") {
                assert.ok(f.length > 0);
            } else {
                assert.equal(Object.keys(f).length, 1, JSON.stringify(f));
                const [[op, value]] = Object.entries(f);
                assert.ok(op === "prefix" || op === "suffix", op);
                assert.ok(typeof value === "string" && value.length >= 10, `a short ${op} would match unrelated findings: ${value}`);
            }
        }
    });
});

describe("CloudTrail policies", () => {
    test("trail ARN is deterministic from the name", () => {
        assert.equal(TRAIL, "arn:aws:cloudtrail:eu-west-1:111122223333:trail/hardened-stack-dev-trail");
    });

    test("the trail key lets CloudTrail encrypt only for this trail and this account's trails context", () => {
        const grants = trailKeyGrants(ENV, TRAIL);
        const encrypt = grants.find((g) => g.sid === "CloudTrailEncryptLogs")!;
        assert.equal(encrypt.service, "cloudtrail.amazonaws.com");
        assert.deepEqual(encrypt.actions, ["kms:GenerateDataKey*"]);
        assert.deepEqual(encrypt.condition, {
            StringEquals: { "aws:SourceArn": TRAIL },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
        });
        assert.ok(grants.every((g) => g.condition !== undefined), "every service grant must be conditioned");
        // The trail bucket uses an S3 Bucket Key on this key: the CloudTrail guide requires kms:Decrypt for CloudTrail
        // to create or update the trail. Only that action, only for this trail.
        const decrypt = grants.filter((g) => g.actions.some((a) => a.startsWith("kms:Decrypt")));
        assert.deepEqual(decrypt.map((g) => [g.sid, g.service, g.actions, g.condition]),
            [["CloudTrailDecryptForBucketKey", "cloudtrail.amazonaws.com", ["kms:Decrypt"], { StringEquals: { "aws:SourceArn": TRAIL } }]]);
        assert.equal(grants.length, 3);
    });

    test("with CloudWatch Logs, the logs service may use the key for the trail's log group only", () => {
        const group = logGroupArn(ENV, "/aws/cloudtrail/hardened-stack-dev");
        const logs = trailKeyGrants(ENV, TRAIL, group).find((g) => g.sid === "CloudWatchLogsEncryptTrailLogGroup")!;
        assert.equal(logs.service, "logs.eu-west-1.amazonaws.com");
        assert.deepEqual(logs.condition, { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": group } });
    });

    test("the trail bucket statements let only this trail deliver, under AWSLogs/<account>/", () => {
        const doc = { Version: "2012-10-17" as const, Statement: trailBucketStatements(ENV, "trail-bucket", TRAIL).map(serviceStatementToPolicy) };
        const put = (sourceArn: string, key = "AWSLogs/111122223333/CloudTrail/eu-west-1/x.json.gz"): RequestContext => ({
            action: "s3:PutObject", resource: `arn:aws:s3:::trail-bucket/${key}`, principal: { Service: "cloudtrail.amazonaws.com" },
            keys: { "aws:SourceArn": sourceArn, "s3:x-amz-acl": "bucket-owner-full-control" },
        });
        assert.deepEqual(allowingStatements(doc, put(TRAIL)), ["AWSCloudTrailWrite"]);
        assert.deepEqual(allowingStatements(doc, put("arn:aws:cloudtrail:eu-west-1:999988887777:trail/attacker")), []);
        assert.deepEqual(allowingStatements(doc, put(TRAIL, "AWSLogs/999988887777/x")), []);
        const aclCheck: RequestContext = { action: "s3:GetBucketAcl", resource: "arn:aws:s3:::trail-bucket", principal: { Service: "cloudtrail.amazonaws.com" }, keys: { "aws:SourceArn": TRAIL } };
        assert.deepEqual(allowingStatements(doc, aclCheck), ["AWSCloudTrailAclCheck"]);
        assert.deepEqual(denyingStatements(doc, aclCheck), []);
    });

    test("event selectors: all management events plus object data events on the telemetry bucket only", () => {
        const selectors = trailEventSelectors(["arn:aws:s3:::telemetry"]);
        assert.deepEqual(selectors[0].fieldSelectors, [{ field: "eventCategory", equals: ["Management"] }]);
        assert.deepEqual(selectors[1].fieldSelectors, [
            { field: "eventCategory", equals: ["Data"] },
            { field: "resources.type", equals: ["AWS::S3::Object"] },
            { field: "resources.ARN", startsWiths: ["arn:aws:s3:::telemetry/"] },
        ]);
        assert.equal(trailEventSelectors([]).length, 1);
    });

    test("the CloudWatch Logs delivery role can only write streams of the trail's log group", () => {
        const group = logGroupArn(ENV, "/aws/cloudtrail/x");
        const doc = JSON.parse(cloudTrailLogsRolePolicy(group));
        assert.deepEqual(doc.Statement, [{ Sid: "WriteTrailLogGroupOnly", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${group}:log-stream:*` }]);
    });
});

describe("alert topic policies", () => {
    const topic = topicArn(ENV, "hardened-stack-dev-security-alerts");
    const rule = ruleArn(ENV, "hardened-stack-dev-guardduty-findings");
    const publish = (sourceArn: string, secure = "true"): RequestContext => ({
        action: "sns:Publish", resource: topic, principal: { Service: "events.amazonaws.com" }, keys: { "aws:SourceArn": sourceArn, "aws:SecureTransport": secure },
    });

    test("only the findings rule may publish to the alert topic through EventBridge", () => {
        const doc = alertTopicPolicy(topic, rule);
        assert.deepEqual(allowingStatements(doc, publish(rule)), ["AllowFindingsRulePublish"]);
        assert.deepEqual(allowingStatements(doc, publish(ruleArn(ENV, "some-other-rule"))), []);
        assert.deepEqual(denyingStatements(doc, publish(rule, "false")), ["DenyInsecureTransport"]);
    });

    test("EventBridge may use the topic key only under this topic's encryption context", () => {
        assert.deepEqual(alertKeyGrants(topic), [{
            sid: "EventBridgePublishToAlertTopic",
            service: "events.amazonaws.com",
            actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
            condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": "arn:aws:sns:eu-west-1:111122223333:hardened-stack-dev-security-alerts" } },
        }]);
    });
});

describe("GuardDuty features", () => {
    test("EKS audit logs, S3 data events and runtime monitoring with the GuardDuty-managed EKS agent", () => {
        assert.deepEqual(GUARDDUTY_FEATURES.map((f) => f.name), ["EKS_AUDIT_LOGS", "S3_DATA_EVENTS", "RUNTIME_MONITORING"]);
        const runtime = GUARDDUTY_FEATURES.find((f) => f.name === "RUNTIME_MONITORING")!;
        assert.deepEqual(runtime.additionalConfigurations, [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }]);
        assert.ok(!GUARDDUTY_FEATURES.some((f) => f.name === "EKS_RUNTIME_MONITORING"), "cannot be combined with RUNTIME_MONITORING");
    });
});

describe("detection validators", () => {
    const cases: Array<[string, () => unknown, RegExp]> = [
        ["namePrefix with uppercase", () => validateNamePrefix("Hardened", "S"), /invalid S: "Hardened" — must be 3-40 lowercase/],
        ["namePrefix too long", () => validateNamePrefix("a".repeat(41), "S"), /invalid S: "a{41}"/],
        ["namePrefix with a double hyphen", () => validateNamePrefix("a--b", "S"), /invalid S: "a--b"/],
        ["namePrefix ending in a hyphen", () => validateNamePrefix("abc-", "S"), /invalid S: "abc-"/],
        ["log retention 100", () => validateLogRetentionDays(100, "S"), /invalid S: 100 — must be one of the CloudWatch Logs retention periods/],
        ["log retention 0 (never expire)", () => validateLogRetentionDays(0, "S"), /invalid S: 0/],
        ["detector id too short", () => validateDetectorId("abc", "S"), /invalid S: "abc" — must be the 32-character id/],
        ["detector id uppercase", () => validateDetectorId("12ABC34D567E8FA901BC2D34E56789F0", "S"), /invalid S: "12ABC34D567E8FA901BC2D34E56789F0"/],
        ["GuardDuty mode \"on\"", () => validateGuardDutyMode("on", "S"), /invalid S: "on" — must be one of create, existing, off/],
        ["alert e-mail without a domain", () => validateAlertEmail("security@", "S"), /invalid S: "security@" — must be a single e-mail address/],
        ["two alert e-mails", () => validateAlertEmail("a@example.com,b@example.com", "S"), /invalid S: "a@example\.com,b@example\.com"/],
        ["bucket ARN with an object path", () => validateBucketArn("arn:aws:s3:::telemetry/*", "S", ENV), /invalid S: "arn:aws:s3:::telemetry\/\*" — must be an S3 bucket ARN/],
        ["bucket ARN of another partition", () => validateBucketArn("arn:aws-cn:s3:::telemetry", "S", ENV), /invalid S: "arn:aws-cn:s3:::telemetry"/],
        ["a bucket name instead of an ARN", () => validateBucketArn("telemetry", "S", ENV), /invalid S: "telemetry"/],
    ];
    for (const [label, fn, message] of cases) {
        test(`${label} is rejected`, () => assert.throws(fn, message));
    }

    test("valid values pass unchanged", () => {
        assert.equal(validateNamePrefix("hardened-stack-dev", "S"), "hardened-stack-dev");
        assert.equal(validateLogRetentionDays(365, "S"), 365);
        assert.equal(validateDetectorId("12abc34d567e8fa901bc2d34e56789f0", "S"), "12abc34d567e8fa901bc2d34e56789f0");
        assert.equal(validateAlertEmail("security+alerts@example.co.uk", "S"), "security+alerts@example.co.uk");
        assert.equal(validateBucketArn("arn:aws:s3:::telemetry-1", "S", ENV), "arn:aws:s3:::telemetry-1");
    });
});
