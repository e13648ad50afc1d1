/**
 * Catalog entries of the detection chain (issue 15): finding source (GuardDuty and its features) -> not suppressed
 * (filters) -> routed (the EventBridge rule) -> delivered (the alert topic's policy) -> kept (trail selectors, log
 * retention, flow-log fields). Each check asks the question the chain's policies ask, through the same lib function,
 * of the old and the new inputs, so the review and the policies agree on what weakens a link.
 */
import { AWS } from "../lib/aws-types";
import { KILL_CHAIN_FINDINGS, findingEvent, patternMatches, suppressedTypes } from "../lib/findings";
import { missingFlowLogFields } from "../lib/flow-logs";
import { expirations } from "../lib/lifecycle";
import { trailGaps } from "../lib/trail-selectors";
import { containsUnknown, isRecord, list, readPath, rankLowered, removed, retentionShortened, turnedOff } from "./compare";
import { policyWidened } from "./documents";
import type { CatalogEntry, PropertyCheck } from "./model";

/** Names of additional configurations ENABLED in a detector feature's `additionalConfigurations`. */
function enabledConfigurations(v: unknown): string[] {
    return list(v).filter(isRecord).filter((c) => c.status === "ENABLED").map((c) => String(c.name));
}

/** A feature's additional configuration (agent management) no longer ENABLED: GuardDuty stops deploying its agent. */
export function configurationsTurnedOff(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (containsUnknown(after, ctx)) return undefined;
        const now = enabledConfigurations(after);
        const lost = enabledConfigurations(before).filter((n) => !now.includes(n));
        if (lost.length === 0) return undefined;
        const agent = lost.some((n) => /_(ADDON|AGENT)_MANAGEMENT$/.test(n));
        return `${lost.join(", ")} no longer ENABLED${agent ? ": GuardDuty stops installing and updating its runtime agent, so runtime findings need an agent someone else keeps running" : ""}`;
    };
}

/** Kill-chain finding types a filter archives: none unless its action is ARCHIVE (the lib's reading of its criteria). */
function archived(filter: unknown): string[] {
    if (!isRecord(filter) || filter.action !== "ARCHIVE") return [];
    return suppressedTypes(list(readPath(filter, "findingCriteria.criterions")));
}

/** A GuardDuty filter that archives kill-chain findings it did not archive before (new, widened, or switched to ARCHIVE). */
export function suppressionWidened(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (containsUnknown(after, ctx)) return undefined;
        const was = archived(before);
        const now = archived(after).filter((t) => !was.includes(t));
        return now.length > 0 ? `now archives ${now.join(", ")}: archived findings raise no alert` : undefined;
    };
}

function parsePattern(v: unknown): unknown {
    if (typeof v !== "string") return v;
    try {
        return JSON.parse(v) as unknown;
    } catch {
        return undefined;
    }
}

/** Kill-chain finding types an EventBridge pattern certainly matches. */
function routedFindings(pattern: unknown): string[] {
    const p = parsePattern(pattern);
    return KILL_CHAIN_FINDINGS.filter((t) => patternMatches(p, findingEvent(t)) === true);
}

/** A rule pattern that no longer matches kill-chain findings it matched (narrowed to some types, or another source). */
export function patternNarrowed(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (containsUnknown(after, ctx)) return undefined;
        const p = parsePattern(after);
        const lost = routedFindings(before).filter((t) => patternMatches(p, findingEvent(t)) === false);
        return lost.length > 0 ? `no longer matches ${lost.join(", ")}, so those findings raise no alert` : undefined;
    };
}

/** An EventBridge rule's state: DISABLED stops it (unset means ENABLED; ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS still runs). */
export function ruleDisabled(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        return after === "DISABLED" && before !== "DISABLED" ? "the rule is now DISABLED: nothing it matches is routed" : undefined;
    };
}

/** Trail selectors that now lose KMS calls, management reads or data reads the old selectors kept (lib/trail-selectors.ts). */
export function selectorsDropped(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (containsUnknown(after, ctx) || !isRecord(after)) return undefined;
        const gapsOf = (v: unknown) => (isRecord(v) ? trailGaps(v.eventSelectors, v.advancedEventSelectors) : []);
        const had = new Set(gapsOf(before).flatMap((o) => o.gaps));
        const now = gapsOf(after).filter((o) => o.gaps.some((g) => !had.has(g)));
        return now.length > 0 ? now.map((o) => o.message).join("; ") : undefined;
    };
}

/** Lifecycle rules that now delete objects sooner than before (the shortest enabled expiration; none means kept forever). */
export function expiryShortened(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (containsUnknown(after, ctx)) return undefined;
        const shortest = (rules: unknown) => Math.min(Infinity, ...expirations(rules).map(([, days]) => days));
        const [b, a] = [shortest(before), shortest(after)];
        return a < b ? `objects now expire after ${a} days instead of ${b === Infinity ? "never" : `${b} days`}: trail logs go before anyone reads them` : undefined;
    };
}

/** A flow-log format that drops address or port fields the old one kept (unset is the default format, which has them all). */
export function flowLogFieldsDropped(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const missing = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? missingFlowLogFields(v) : []);
        const had = missing(before);
        const lost = missing(after).filter((f) => !had.includes(f));
        return lost.length > 0 ? `the format no longer records ${lost.map((f) => `\${${f}}`).join(", ")}: a record cannot show who talked to a mining pool` : undefined;
    };
}

const LIFECYCLE_TYPES = [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
];

export const DETECTION_PROPERTIES: readonly CatalogEntry[] = [
    {
        types: [AWS.guardDutyDetector], title: "GuardDuty detector",
        checks: [
            { path: "enable", control: "GuardDuty threat detection", step: "evasion", weakens: turnedOff(true, "GuardDuty") },
            { path: "datasources.s3Logs.enable", control: "GuardDuty S3 protection (exfiltration of the telemetry)", step: "evasion",
                weakens: turnedOff(false, "S3 protection") },
            { path: "datasources.kubernetes.auditLogs.enable", control: "GuardDuty EKS audit log monitoring", step: "evasion",
                weakens: turnedOff(false, "EKS audit log monitoring") },
        ],
        removal: { step: "evasion", why: "crypto-mining and credential-exfiltration findings stop" },
    },
    {
        types: [AWS.guardDutyDetectorFeature], title: "GuardDuty feature",
        checks: [
            { path: "status", control: "GuardDuty runtime/EKS/S3 protection", step: "evasion", weakens: rankLowered(["ENABLED", "DISABLED"], undefined) },
            { path: "additionalConfigurations", control: "GuardDuty manages its runtime agent", step: "evasion", weakens: configurationsTurnedOff() },
        ],
        removal: { step: "evasion", why: "that GuardDuty protection (EKS audit logs, runtime monitoring, S3) stops" },
    },
    {
        types: ["aws:guardduty/filter:Filter"], title: "GuardDuty filter",
        checks: [{ path: "action, findingCriteria.criterions", control: "kill-chain findings are not suppressed", step: "evasion", 
            read: (i) => ({ action: i.action, findingCriteria: i.findingCriteria }), weakens: suppressionWidened(), onCreate: true }],
    },
    {
        types: ["aws:cloudwatch/eventRule:EventRule"], title: "EventBridge rule",
        checks: [
            { path: "state", control: "the findings rule routes alerts", step: "evasion", weakens: ruleDisabled() },
            { path: "isEnabled", control: "the findings rule routes alerts", step: "evasion", weakens: turnedOff(true, "the rule") },
            { path: "eventPattern", control: "the findings rule matches every kill-chain finding type", step: "evasion", weakens: patternNarrowed() },
        ],
        removal: { step: "evasion", why: "the kill-chain findings it routed raise no alert", applies: (i) => routedFindings(i.eventPattern).length > 0 },
    },
    {
        types: ["aws:sns/topicPolicy:TopicPolicy", "aws:sns/topic:Topic"], title: "SNS topic",
        checks: [{ path: "policy", control: "only the platform publishes to and reads the alert topic", step: "evasion", weakens: policyWidened() }],
    },
    {
        types: [AWS.cloudTrail], title: "CloudTrail trail",
        checks: [
            { path: "enableLogging", control: "CloudTrail logging", step: "evasion", weakens: turnedOff(true, "logging") },
            { path: "isMultiRegionTrail", control: "CloudTrail covers every region", step: "evasion", weakens: turnedOff(false, "multi-region logging") },
            { path: "enableLogFileValidation", control: "CloudTrail log integrity", step: "evasion", weakens: turnedOff(false, "log file validation") },
            { path: "kmsKeyId", control: "CloudTrail logs encrypted with a customer KMS key", step: "evasion", weakens: removed("the KMS key") },
            { path: "eventSelectors, advancedEventSelectors", control: "CloudTrail records data reads, management reads and KMS calls", step: "evasion",
                read: (i) => ({ eventSelectors: i.eventSelectors, advancedEventSelectors: i.advancedEventSelectors }), weakens: selectorsDropped() },
        ],
        removal: { step: "evasion", why: "API calls made with stolen credentials would no longer be recorded" },
    },
    {
        types: LIFECYCLE_TYPES, title: "S3 lifecycle configuration",
        checks: [{ path: "rules", control: "logs kept at least the configured minimum (trail bucket expiry)", step: "evasion", weakens: expiryShortened() }],
    },
    {
        types: [AWS.logGroup], title: "CloudWatch log group",
        checks: [
            { path: "retentionInDays", control: "log retention", step: "evasion", weakens: retentionShortened() },
            { path: "kmsKeyId", control: "logs encrypted with a customer KMS key", step: "evasion", weakens: removed("the KMS key") },
        ],
        removal: { step: "evasion", why: "the logs it holds are deleted" },
    },
    {
        types: [AWS.flowLog], title: "VPC flow log",
        checks: [
            { path: "trafficType", control: "VPC flow logs record all traffic", step: "evasion", weakens: rankLowered(["ALL", "REJECT", "ACCEPT"], undefined) },
            { path: "logFormat", control: "flow-log records carry addresses and ports", step: "evasion", weakens: flowLogFieldsDropped() },
        ],
        removal: { step: "evasion", why: "connections to a mining pool would no longer be recorded" },
    },
];
