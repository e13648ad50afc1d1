import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ResourcePolicyDocument } from "../../infra/data/bucket-policy";
import { filtersMatch, FindingTypeFilter } from "../../infra/detection/findings";
import { missingDetectorFeatures, missingFeaturesMessage } from "../../infra/detection/guardduty";
import { ACCOUNT, MODES, Mode, ancestorOfType, descendants, inputSources, isUnknown, knownJson, ofType, one, rejections, runWith } from "../lib/plan";
import { allowingStatements, denyingStatements } from "../data/policy-eval";
import { FINDINGS_BY_FAMILY, UNRELATED_FINDINGS } from "./samples";

const PROGRAM = "tests/programs/detection-stack.ts";
const TRAIL = "aws:cloudtrail/trail:Trail";
const KEY = "aws:kms/key:Key";
const DETECTOR = "aws:guardduty/detector:Detector";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const TOPIC = "aws:sns/topic:Topic";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const TELEMETRY_ARN = "arn:aws:s3:::hardened-stack-dev-telemetry-111122223333-eu-west-1";
const TRAIL_NAME = "hardened-stack-dev-trail";
const TRAIL_ARN = `arn:aws:cloudtrail:eu-west-1:111122223333:trail/${TRAIL_NAME}`;
const TRAIL_BUCKET = "hardened-stack-dev-trail-111122223333-eu-west-1";
const TOPIC_ARN = "arn:aws:sns:eu-west-1:111122223333:hardened-stack-dev-security-alerts";
const RULE_ARN = "arn:aws:events:eu-west-1:111122223333:rule/hardened-stack-dev-guardduty-findings";
const DETECTOR_ID = "12abc34d567e8fa901bc2d34e56789f0";

const run = (mode: Mode, overrides: Record<string, unknown> = {}) => runWith(PROGRAM, "detectionTest", mode, overrides);

// Constructor validation runs before anything registers: the same in both modes, so checked once, in preview, and
// every refused setting below shares one program run (tests/programs/lib/probe.ts).
const REJECTED_GUARDDUTY: Array<[string, Record<string, unknown>, RegExp]> = [
    ["existing without detectorId", { guardDuty: "existing" }, /invalid ThreatDetection\.detectorId: \(unset\) — must be the 32-character id/],
    ["existing with a malformed detectorId", { guardDuty: "existing", detectorId: "detector-1" }, /invalid ThreatDetection\.detectorId: "detector-1"/],
    ["detectorId with create", { detectorId: DETECTOR_ID }, /invalid ThreatDetection\.detectorId: "12abc34d567e8fa901bc2d34e56789f0" — is only used with guardDuty "existing"/],
    ["guardDuty \"enabled\"", { guardDuty: "enabled" }, /invalid ThreatDetection\.guardDuty: "enabled" — must be one of create, existing, off/],
];
const REJECTED_SETTINGS: Array<[string, Record<string, unknown>, RegExp]> = [
    ["alertEmail \"security\"", { alertEmail: "security" }, /invalid ThreatDetection\.alertEmail: "security" — must be a single e-mail address/],
    ["logRetentionDays 100", { logRetentionDays: 100 }, /invalid ThreatDetection\.logRetentionDays: 100 — must be one of the CloudWatch Logs retention periods/],
    ["namePrefix \"Hardened_Stack\"", { namePrefix: "Hardened_Stack" }, /invalid ThreatDetection\.namePrefix: "Hardened_Stack"/],
    ["telemetryBucketArn with a wildcard", { telemetryBucketArn: "arn:aws:s3:::*" }, /invalid ThreatDetection\.telemetryBucketArn: "arn:aws:s3:::\*"/],
    ["an IAM user as trail admin", { adminRoleArns: ["arn:aws:iam::111122223333:user/bob"] }, /invalid ThreatDetection\.adminRoleArns\[0\]/],
    ["trailBucketName with dots", { trailBucketName: "trail.example.com" }, /invalid ThreatDetection\.trailBucketName: "trail\.example\.com"/],
];
const probe = rejections(PROGRAM, "detection", [...REJECTED_GUARDDUTY, ...REJECTED_SETTINGS].map(([, overrides]) => overrides));

type Statement = { Sid: string; Principal: unknown; Condition?: Record<string, Record<string, unknown>>; Action: unknown };
function keyStatements(key: { inputs: Record<string, unknown> }): Statement[] {
    return (JSON.parse(key.inputs.policy as string) as { Statement: Statement[] }).Statement;
}

for (const mode of MODES) {
    describe(`ThreatDetection (${mode})`, () => {
        describe("CloudTrail", () => {
            test("the trail is multi-region, includes global service events, validates log files and is logging", async () => {
                const trail = one(await run(mode), TRAIL);
                assert.equal(trail.inputs.name, TRAIL_NAME);
                assert.equal(trail.inputs.isMultiRegionTrail, true);
                assert.equal(trail.inputs.includeGlobalServiceEvents, true);
                assert.equal(trail.inputs.enableLogFileValidation, true);
                assert.equal(trail.inputs.enableLogging, true);
            });

            test("trail ARN predicted at preview is the ARN the trail gets", async () => {
                const r = await run(mode);
                assert.equal(r.stackOutputs.trailArn, TRAIL_ARN);
                const trail = one(r, TRAIL);
                if (mode === "up") assert.equal(trail.outputs.arn, TRAIL_ARN);
            });

            test("the trail is encrypted with its own rotating customer key that only CloudTrail for this trail may use", async () => {
                const r = await run(mode);
                const trail = one(r, TRAIL);
                const [key] = inputSources(r, trail, "kmsKeyId");
                assert.equal(key?.type, KEY);
                assert.equal(key.inputs.enableKeyRotation, true);
                const cloudTrail = keyStatements(key).filter((s) => JSON.stringify(s.Principal).includes("cloudtrail.amazonaws.com"));
                assert.ok(cloudTrail.length >= 1);
                for (const s of cloudTrail) assert.equal(s.Condition?.StringEquals?.["aws:SourceArn"], TRAIL_ARN, s.Sid);
                // The trail bucket has an S3 Bucket Key on this key: CloudTrail needs kms:Decrypt to create the trail.
                assert.deepEqual(cloudTrail.find((s) => s.Sid === "CloudTrailDecryptForBucketKey")?.Action, ["kms:Decrypt"]);
                const encrypt = cloudTrail.find((s) => s.Sid === "CloudTrailEncryptLogs")!;
                assert.equal(encrypt.Condition?.StringLike?.["kms:EncryptionContext:aws:cloudtrail:arn"], "arn:aws:cloudtrail:*:111122223333:trail/*");
            });

            test("S3 data events are recorded for the telemetry bucket's objects", async () => {
                const trail = one(await run(mode), TRAIL);
                const selectors = trail.inputs.advancedEventSelectors as Array<{ fieldSelectors: Array<Record<string, unknown>> }>;
                const data = selectors.find((s) => s.fieldSelectors.some((f) => f.field === "eventCategory" && JSON.stringify(f.equals) === "[\"Data\"]"));
                assert.ok(data, "a data-event selector is required");
                assert.deepEqual(data.fieldSelectors.find((f) => f.field === "resources.type")?.equals, ["AWS::S3::Object"]);
                assert.deepEqual(data.fieldSelectors.find((f) => f.field === "resources.ARN")?.startsWiths, [`${TELEMETRY_ARN}/`]);
                assert.ok(selectors.some((s) => JSON.stringify(s.fieldSelectors) === JSON.stringify([{ equals: ["Management"], field: "eventCategory" }])),
                    "management events must still be recorded");
            });

            test("the trail delivers to its own PrivateBucket, whose policy admits only this trail and is known in this mode", async () => {
                const r = await run(mode);
                const trail = one(r, TRAIL);
                assert.equal(trail.inputs.s3BucketName, TRAIL_BUCKET);
                const [bucket] = inputSources(r, trail, "s3BucketName");
                assert.equal(ancestorOfType(r, bucket, "hardened:index:PrivateBucket")?.name, "detection-trail-bucket");
                const policy = one(r, "aws:s3/bucketPolicy:BucketPolicy", "detection-trail-bucket-policy");
                assert.ok(trail.dependencies.includes(policy.urn), "the trail must be created after its bucket policy");
                const doc = knownJson(policy, "policy") as unknown as ResourcePolicyDocument;
                const write = {
                    action: "s3:PutObject", resource: `arn:aws:s3:::${TRAIL_BUCKET}/AWSLogs/${ACCOUNT}/CloudTrail/eu-west-1/f.json.gz`,
                    principal: { Service: "cloudtrail.amazonaws.com" },
                    keys: { "aws:SecureTransport": "true", "s3:TlsVersion": "1.2", "aws:PrincipalIsAWSService": "true", "aws:SourceArn": TRAIL_ARN, "s3:x-amz-acl": "bucket-owner-full-control" },
                };
                assert.deepEqual(allowingStatements(doc, write), ["AWSCloudTrailWrite"]);
                assert.deepEqual(denyingStatements(doc, write), []);
                assert.deepEqual(allowingStatements(doc, { ...write, keys: { ...write.keys, "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:999988887777:trail/x" } }), []);
                const read = { action: "s3:GetObject", resource: write.resource, principal: { AWS: "arn:aws:iam::111122223333:role/x" },
                    keys: { "aws:SecureTransport": "true", "s3:TlsVersion": "1.2", "aws:PrincipalIsAWSService": "false", "aws:PrincipalArn": "arn:aws:iam::111122223333:role/x" } };
                assert.deepEqual(denyingStatements(doc, read), ["DenyObjectAccessOutsideAccountVpcEndpoints"], "trail files are not readable from the internet");
            });

            test("the trail bucket is hardened like every PrivateBucket and encrypted with the trail key", async () => {
                const r = await run(mode);
                const component = one(r, "hardened:index:PrivateBucket", "detection-trail-bucket");
                const children = descendants(r, component);
                const pab = children.find((c) => c.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock" && c.name === "detection-trail-bucket-public-access-block")!;
                for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.equal(pab.inputs[k], true, k);
                const sse = children.find((c) => c.name === "detection-trail-bucket-encryption")!;
                const [trailKey] = inputSources(r, one(r, TRAIL), "kmsKeyId");
                assert.ok(inputSources(r, sse, "rules").some((s) => s.urn === trailKey.urn), "bucket default encryption must use the trail key");
                assert.ok(!children.some((c) => c.type === KEY), "the trail bucket must not create a second key");
                assert.ok(children.some((c) => c.type === "aws:s3/bucketLogging:BucketLogging"), "the trail bucket's own access is logged");
            });

            test("CloudWatch Logs: a KMS-encrypted log group with a year's retention, written by a role limited to it", async () => {
                const r = await run(mode);
                const trail = one(r, TRAIL);
                const group = one(r, LOG_GROUP);
                assert.equal(group.inputs.name, "/aws/cloudtrail/hardened-stack-dev");
                assert.equal(group.inputs.retentionInDays, 365);
                assert.equal(group.inputs.deletionProtectionEnabled, true);
                assert.ok(inputSources(r, group, "kmsKeyId").some((k) => k.type === KEY));
                assert.deepEqual(inputSources(r, trail, "cloudWatchLogsGroupArn").map((x) => x.urn), [group.urn]);
                const [role] = inputSources(r, trail, "cloudWatchLogsRoleArn");
                assert.equal(role.type, "aws:iam/role:Role");
                const trust = knownJson(role, "assumeRolePolicy") as { Statement: Array<{ Principal: unknown }> };
                assert.deepEqual(trust.Statement.map((s) => s.Principal), [{ Service: "cloudtrail.amazonaws.com" }]);
                const rolePolicy = one(r, "aws:iam/rolePolicy:RolePolicy");
                const doc = knownJson(rolePolicy, "policy") as { Statement: Array<{ Resource: string; Action: string[] }> };
                assert.deepEqual(doc.Statement.map((s) => s.Resource), ["arn:aws:logs:eu-west-1:111122223333:log-group:/aws/cloudtrail/hardened-stack-dev:log-stream:*"]);
                if (mode === "preview") assert.ok(isUnknown(trail.inputs.cloudWatchLogsRoleArn));
                else assert.equal(trail.inputs.cloudWatchLogsGroupArn, "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/cloudtrail/hardened-stack-dev:*");
            });

            test("cloudWatchLogs false: no log group and no delivery role", async () => {
                const r = await run(mode, { cloudWatchLogs: false });
                assert.equal(ofType(r, LOG_GROUP).length, 0);
                assert.equal(ofType(r, "aws:iam/role:Role").length, 0);
                assert.equal(one(r, TRAIL).inputs.cloudWatchLogsGroupArn, undefined);
            });
        });

        describe("GuardDuty", () => {
            test("create (default): a detector with EKS audit logs, S3 data events and runtime monitoring with the managed EKS agent", async () => {
                const r = await run(mode);
                const detector = one(r, DETECTOR);
                assert.equal(detector.inputs.enable, true);
                const features = ofType(r, FEATURE);
                assert.deepEqual(features.map((f) => f.inputs.name).sort(), ["EKS_AUDIT_LOGS", "RUNTIME_MONITORING", "S3_DATA_EVENTS"]);
                for (const f of features) {
                    assert.equal(f.inputs.status, "ENABLED");
                    assert.deepEqual(inputSources(r, f, "detectorId").map((x) => x.urn), [detector.urn]);
                }
                const runtime = features.find((f) => f.inputs.name === "RUNTIME_MONITORING")!;
                assert.deepEqual(runtime.inputs.additionalConfigurations, [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }]);
            });

            test("existing: the detector is read, never written; offline that read has no answer, so the run fails closed naming it", async () => {
                await assert.rejects(run(mode, { guardDuty: "existing", detectorId: DETECTOR_ID }),
                    /aws\.guardduty\.getDetector reads GuardDuty detector "12abc34d567e8fa901bc2d34e56789f0" of your account/);
            });

            test("off: no GuardDuty resource at all, and a warning says why findings will not come", async () => {
                const r = await run(mode, { guardDuty: "off" });
                assert.equal(r.resources.filter((x) => x.type.startsWith("aws:guardduty/")).length, 0);
                assert.ok(r.logs.some((l) => /warning: .*GuardDuty is off/.test(l)), JSON.stringify(r.logs));
                assert.equal(r.stackOutputs.detectorId, "(guardduty off)");
            });

            if (mode === "preview") {
                for (const [i, [label, , message]] of REJECTED_GUARDDUTY.entries()) {
                    test(`${label} is rejected with the setting named`, async () => {
                        assert.match(await probe(i), message);
                    });
                }
            }
        });

        describe("alerts", () => {
            test("the EventBridge rule matches every kill-chain finding family and nothing unrelated", async () => {
                const rule = one(await run(mode), RULE);
                assert.equal(rule.inputs.state, "ENABLED");
                const pattern = knownJson(rule, "eventPattern") as { source: string[]; "detail-type": string[]; detail: { type: FindingTypeFilter[] } };
                assert.deepEqual(pattern.source, ["aws.guardduty"]);
                assert.deepEqual(pattern["detail-type"], ["GuardDuty Finding"]);
                for (const [family, findings] of Object.entries(FINDINGS_BY_FAMILY)) {
                    for (const f of findings) assert.ok(filtersMatch(pattern.detail.type, f), `${family}: ${f}`);
                }
                for (const f of UNRELATED_FINDINGS) assert.ok(!filtersMatch(pattern.detail.type, f), f);
            });

            test("the rule targets the alert topic, which is encrypted with a customer key EventBridge may use for this topic only", async () => {
                const r = await run(mode);
                const target = one(r, TARGET);
                const topic = one(r, TOPIC);
                assert.deepEqual(inputSources(r, target, "arn").map((x) => x.urn), [topic.urn]);
                assert.deepEqual(inputSources(r, target, "rule").map((x) => x.urn), [one(r, RULE).urn]);
                const [key] = inputSources(r, topic, "kmsMasterKeyId");
                assert.equal(key?.type, KEY);
                assert.equal(key.inputs.enableKeyRotation, true);
                const events = keyStatements(key).find((s) => JSON.stringify(s.Principal).includes("events.amazonaws.com"))!;
                assert.equal(events.Condition?.StringEquals?.["kms:EncryptionContext:aws:sns:topicArn"], TOPIC_ARN);
                if (mode === "preview") assert.ok(isUnknown(topic.inputs.kmsMasterKeyId));
            });

            test("the topic policy lets only the findings rule publish, and the predicted ARNs are the real ones", async () => {
                const r = await run(mode);
                const policy = one(r, "aws:sns/topicPolicy:TopicPolicy");
                const doc = knownJson(policy, "policy") as unknown as ResourcePolicyDocument;
                const publish = (sourceArn: string) => ({ action: "sns:Publish", resource: TOPIC_ARN, principal: { Service: "events.amazonaws.com" }, keys: { "aws:SourceArn": sourceArn, "aws:SecureTransport": "true" } });
                assert.deepEqual(allowingStatements(doc, publish(RULE_ARN)), ["AllowFindingsRulePublish"]);
                assert.deepEqual(allowingStatements(doc, publish("arn:aws:events:eu-west-1:111122223333:rule/other")), []);
                assert.equal(r.stackOutputs.alertTopicArn, TOPIC_ARN);
                if (mode === "up") {
                    assert.equal(one(r, TOPIC).outputs.arn, TOPIC_ARN);
                    assert.equal(one(r, RULE).outputs.arn, RULE_ARN);
                }
            });

            test("alertEmail subscribes that address by e-mail; without it there is no subscription", async () => {
                const sub = one(await run(mode), "aws:sns/topicSubscription:TopicSubscription");
                assert.equal(sub.inputs.protocol, "email");
                assert.equal(sub.inputs.endpoint, "security@example.com");
                const none = await run(mode, { alertEmail: null });
                assert.equal(ofType(none, "aws:sns/topicSubscription:TopicSubscription").length, 0);
            });
        });

        if (mode === "preview") {
            for (const [i, [label, , message]] of REJECTED_SETTINGS.entries()) {
                test(`${label} is rejected with the setting named`, async () => {
                    assert.match(await probe(REJECTED_GUARDDUTY.length + i), message);
                });
            }
            test("a rejected setting fails the whole program before any resource is created", async () => {
                await assert.rejects(run(mode, REJECTED_SETTINGS[0]![1]), REJECTED_SETTINGS[0]![2]);
            });
        }
    });
}

describe("GuardDuty existing: what an organization-managed detector must already have", () => {
    const enabled = (name: string, extra?: { name: string; status: string }[]) => ({ name, status: "ENABLED", ...(extra ? { additionalConfigurations: extra } : {}) });
    const complete = { status: "ENABLED", features: [
        enabled("EKS_AUDIT_LOGS"), enabled("S3_DATA_EVENTS"), enabled("RUNTIME_MONITORING", [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }]),
        { name: "RDS_LOGIN_EVENTS", status: "DISABLED" },
    ] };

    test("a detector with every kill-chain protection passes", () => {
        assert.deepEqual(missingDetectorFeatures(complete), []);
    });

    test("a missing feature, a disabled agent management and a suspended detector are each named", () => {
        assert.deepEqual(missingDetectorFeatures({ ...complete, features: complete.features.filter((f) => f.name !== "S3_DATA_EVENTS") }), ["S3_DATA_EVENTS"]);
        assert.deepEqual(missingDetectorFeatures({ ...complete, features: complete.features.map((f) => f.name === "RUNTIME_MONITORING"
            ? enabled("RUNTIME_MONITORING", [{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }]) : f) }), ["RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT"]);
        assert.deepEqual(missingDetectorFeatures({ status: "DISABLED", features: [] }),
            ["detector", "EKS_AUDIT_LOGS", "S3_DATA_EVENTS", "RUNTIME_MONITORING"]);
    });

    test("the error is one line naming the detector, what is missing and who must enable it", () => {
        const m = missingFeaturesMessage(DETECTOR_ID, ["S3_DATA_EVENTS"]);
        assert.match(m, /^GuardDuty detector 12abc34d567e8fa901bc2d34e56789f0 .* does not have S3_DATA_EVENTS enabled; .*delegated administrator/);
        assert.ok(!m.includes("\n"));
    });
});
