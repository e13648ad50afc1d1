/**
 * The review catalog's detection chain (catalog/detection.ts): each step from old to new inputs that blinds a link of
 * the chain is a weakening, the opposite step is not. Pure: inputs in, weakenings out.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { creationWeakeningsOf, removalRisk, weakeningsOf } from "../../policy-packs/kill-chain/catalog/security-properties";
import { isUnknown, UNKNOWN } from "../../engine/constants";

const ctx = { isUnknown };
const weak = (type: string, before: Record<string, unknown>, after: Record<string, unknown>) => weakeningsOf(type, before, after, ctx);
const paths = (type: string, before: Record<string, unknown>, after: Record<string, unknown>) => weak(type, before, after).filter((w) => !w.unknown).map((w) => w.path);

const DETECTOR = "aws:guardduty/detector:Detector";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const FILTER = "aws:guardduty/filter:Filter";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TRAIL = "aws:cloudtrail/trail:Trail";
const MINING = "CryptoCurrency:EC2/BitcoinTool.B!DNS";

describe("catalog: the finding source (GuardDuty and its features)", () => {
    test("S3 protection and EKS audit logs switched off in the detector's datasources are weakenings; switched on are not", () => {
        const ds = (s3: boolean, audit: boolean) => ({ enable: true, datasources: { s3Logs: { enable: s3 }, kubernetes: { auditLogs: { enable: audit } } } });
        assert.deepEqual(paths(DETECTOR, ds(true, true), ds(false, true)), ["datasources.s3Logs.enable"]);
        assert.deepEqual(paths(DETECTOR, ds(true, true), { enable: true }), ["datasources.s3Logs.enable", "datasources.kubernetes.auditLogs.enable"], "dropping the datasources turns them off");
        assert.deepEqual(paths(DETECTOR, ds(false, false), ds(true, true)), []);
    });
    test("runtime monitoring losing EKS_ADDON_MANAGEMENT is a weakening that says the agent is no longer managed", () => {
        const rm = (addon: string) => ({ detectorId: "d", name: "RUNTIME_MONITORING", status: "ENABLED",
            additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: addon }, { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" }] });
        const [w] = weak(FEATURE, rm("ENABLED"), rm("DISABLED"));
        assert.equal(w!.path, "additionalConfigurations");
        assert.match(w!.why, /EKS_ADDON_MANAGEMENT no longer ENABLED: GuardDuty stops installing and updating its runtime agent/);
        assert.deepEqual(paths(FEATURE, rm("DISABLED"), rm("ENABLED")), []);
        assert.deepEqual(paths(FEATURE, rm("ENABLED"), { ...rm("ENABLED"), additionalConfigurations: [] }), ["additionalConfigurations"], "removed counts as off");
    });
    test("a feature whose status goes to DISABLED is a weakening", () =>
        assert.deepEqual(paths(FEATURE, { name: "S3_DATA_EVENTS", status: "ENABLED" }, { name: "S3_DATA_EVENTS", status: "DISABLED" }), ["status"]));
});

describe("catalog: not suppressed (GuardDuty filters)", () => {
    const filter = (action: string, types?: string[]) => ({ detectorId: "d", name: "quiet", rank: 1, action,
        findingCriteria: { criterions: [{ field: "severity", greaterThanOrEqual: "4" }, ...(types ? [{ field: "type", equals: types }] : [])] } });
    test("a NOOP filter switched to ARCHIVE that catches mining findings is a weakening naming them", () => {
        const [w] = weak(FILTER, filter("NOOP", [MINING]), filter("ARCHIVE", [MINING]));
        assert.match(w!.why, /now archives CryptoCurrency:EC2\/BitcoinTool\.B!DNS: archived findings raise no alert/);
        assert.equal(w!.step, "evasion");
    });
    test("an ARCHIVE filter widened from a benign type to every type is a weakening; narrowed back is not", () => {
        const benign = filter("ARCHIVE", ["Recon:EC2/PortProbeUnprotectedPort"]);
        assert.equal(weak(FILTER, benign, filter("ARCHIVE")).length, 1);
        assert.deepEqual(weak(FILTER, filter("ARCHIVE"), benign), []);
    });
    test("a new suppression filter is a weakening at creation; a new NOOP (highlight) filter is not", () => {
        assert.equal(creationWeakeningsOf(FILTER, filter("ARCHIVE", [MINING]), ctx).length, 1);
        assert.deepEqual(creationWeakeningsOf(FILTER, filter("NOOP", [MINING]), ctx), []);
    });
});

describe("catalog: routed (the EventBridge findings rule)", () => {
    const pattern = (detail?: Record<string, unknown>) => JSON.stringify({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"], ...(detail ? { detail } : {}) });
    test("the rule disabled (state DISABLED, or isEnabled false) is a weakening; unset state means ENABLED", () => {
        assert.deepEqual(paths(RULE, { eventPattern: pattern(), state: "ENABLED" }, { eventPattern: pattern(), state: "DISABLED" }), ["state"]);
        assert.deepEqual(paths(RULE, { eventPattern: pattern() }, { eventPattern: pattern(), state: "DISABLED" }), ["state"]);
        assert.deepEqual(paths(RULE, { eventPattern: pattern() }, { eventPattern: pattern(), isEnabled: false }), ["isEnabled"]);
        assert.deepEqual(paths(RULE, { state: "DISABLED" }, { state: "ENABLED" }), []);
    });
    test("a pattern narrowed to high-severity runtime findings no longer routes the mining DNS finding: a weakening naming it", () => {
        const [w] = weak(RULE, { eventPattern: pattern() }, { eventPattern: pattern({ type: [{ prefix: "Execution:Runtime/" }] }) });
        assert.equal(w!.path, "eventPattern");
        assert.match(w!.why, /no longer matches .*CryptoCurrency:EC2\/BitcoinTool\.B!DNS/);
    });
    test("a pattern widened, or a rule that never routed findings changing its pattern, is not a weakening", () => {
        assert.deepEqual(paths(RULE, { eventPattern: pattern({ type: [MINING] }) }, { eventPattern: pattern() }), []);
        assert.deepEqual(paths(RULE, { eventPattern: JSON.stringify({ source: ["aws.ec2"] }) }, { eventPattern: JSON.stringify({ source: ["aws.s3"] }) }), []);
    });
    test("deleting the rule that routes kill-chain findings removes a control; deleting an unrelated rule does not", () => {
        assert.equal(removalRisk(RULE, { eventPattern: pattern() })?.step, "evasion");
        assert.equal(removalRisk(RULE, { scheduleExpression: "rate(1 day)" }), undefined);
    });
    test("an unknown new pattern is shown as unverified, not as a weakening", () => {
        const [w] = weak(RULE, { eventPattern: pattern() }, { eventPattern: UNKNOWN });
        assert.equal(w!.unknown, true);
    });
});

describe("catalog: delivered (the alert topic's policy)", () => {
    const doc = (principal: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sns:Subscribe", Resource: "arn:aws:sns:eu-west-1:111122223333:alerts" }] });
    test("a topic policy (TopicPolicy or Topic.policy) opened to Principal * is a weakening; the same document is not", () => {
        for (const type of ["aws:sns/topicPolicy:TopicPolicy", "aws:sns/topic:Topic"]) {
            assert.deepEqual(paths(type, { policy: doc({ AWS: "arn:aws:iam::111122223333:root" }) }, { policy: doc("*") }), ["policy"], type);
            assert.deepEqual(paths(type, { policy: doc("*") }, { policy: doc("*") }), [], type);
        }
    });
});

describe("catalog: kept (trail selectors, trail bucket expiry, log retention, flow-log fields)", () => {
    const all = [{ readWriteType: "All", includeManagementEvents: true }];
    test("basic selectors dropping KMS events or switching to WriteOnly are weakenings", () => {
        assert.deepEqual(paths(TRAIL, { eventSelectors: all }, { eventSelectors: [{ ...all[0], excludeManagementEventSources: ["kms.amazonaws.com"] }] }),
            ["eventSelectors, advancedEventSelectors"]);
        const [w] = weak(TRAIL, { eventSelectors: all }, { eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true }] });
        assert.match(w!.why, /eventSelectors\[0\]\.readWriteType is "WriteOnly"/);
    });
    test("advanced selectors that keep only data writes drop data reads: a weakening; adding a selector that keeps reads is not", () => {
        const mgmt = { name: "mgmt", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] };
        const data = (writesOnly: boolean) => ({ name: "data", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] },
            ...(writesOnly ? [{ field: "readOnly", equals: ["false"] }] : [])] });
        const [w] = weak(TRAIL, { advancedEventSelectors: [mgmt, data(false)] }, { advancedEventSelectors: [mgmt, data(true)] });
        assert.match(w!.why, /object reads are lost/);
        assert.deepEqual(paths(TRAIL, { advancedEventSelectors: [mgmt, data(true)] }, { advancedEventSelectors: [mgmt, data(true), data(false)] }), []);
    });
    test("a trail already missing KMS events that is reordered is not a new weakening", () => {
        const noKms = [{ ...all[0], excludeManagementEventSources: ["kms.amazonaws.com"] }];
        assert.deepEqual(paths(TRAIL, { eventSelectors: noKms, name: "a" }, { eventSelectors: [{ includeManagementEvents: false, readWriteType: "All" }, ...noKms] }), []);
    });
    test("a lifecycle rule expiring the trail bucket's objects after 1 day instead of 400 is a weakening; a disabled rule or a longer expiry is not", () => {
        const rules = (days: number, status = "Enabled") => ({ bucket: "trail", rules: [{ id: "expire", status, expiration: { days } }] });
        for (const type of ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"]) {
            const [w] = weak(type, rules(400), rules(1));
            assert.match(w!.why, /objects now expire after 1 days instead of 400 days/, type);
            assert.deepEqual(paths(type, rules(400), rules(1, "Disabled")), [], type);
            assert.deepEqual(paths(type, rules(400), rules(800)), [], type);
        }
        assert.deepEqual(paths("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", { rules: [] }, rules(30)), ["rules"], "no expiry before means kept forever");
    });
    test("a log group's retention shortened is a weakening (unset keeps logs forever)", () =>
        assert.deepEqual(paths("aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 365 }, { retentionInDays: 1 }), ["retentionInDays"]));
    test("a flow-log format without ${dstaddr} and ${dstport} is a weakening naming them; the default format has them all", () => {
        const format = (...fields: string[]) => fields.map((f) => `\${${f}}`).join(" ");
        const [w] = weak("aws:ec2/flowLog:FlowLog", { trafficType: "ALL" }, { trafficType: "ALL", logFormat: format("srcaddr", "srcport", "action") });
        assert.equal(w!.path, "logFormat");
        assert.match(w!.why, /no longer records \$\{dstaddr\}, \$\{dstport\}/);
        assert.deepEqual(paths("aws:ec2/flowLog:FlowLog", { logFormat: format("srcaddr") }, {}), []);
    });
});
