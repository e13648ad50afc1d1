"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireProtectedSecurityLogGroups = exports.MIN_RETENTION_DAYS = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const stack_1 = require("../../lib/stack");
const values_1 = require("../../lib/values");
/** A year: long enough to investigate a breach discovered months later (CIS EKS 2.1.2, CKV_AWS_338). */
exports.MIN_RETENTION_DAYS = 365;
/** Resources whose property names the log group they write security records to. */
const WRITERS = {
    [aws_types_1.AWS.flowLog]: "logDestination",
    [aws_types_1.AWS.cloudTrail]: "cloudWatchLogsGroupArn",
    [aws_types_1.AWS.resolverQueryLogConfig]: "destinationArn",
    [aws_types_1.AWS.networkFirewallLogging]: "loggingConfiguration",
};
/**
 * Log groups that hold security records (EKS control-plane logs, VPC flow logs, CloudTrail, resolver query and
 * firewall logs) are encrypted with a customer KMS key and kept for at least a year, so whoever reads them needs
 * kms:Decrypt too, and a breach found late can still be traced.
 */
exports.requireProtectedSecurityLogGroups = (0, policy_1.stackPolicy)({
    name: "require-protected-security-log-groups",
    description: "CloudWatch log groups for EKS control-plane, flow, CloudTrail, resolver and firewall logs have a kmsKeyId and a retention of at least 365 days (or never expire).",
    step: "evasion",
    severity: "medium",
    remediationSteps: "On the aws.cloudwatch.LogGroup set kmsKeyId to a customer KMS key ARN (its policy must let logs.<region>.amazonaws.com use it for this group) and retentionInDays to 365 or more (or leave it unset to never expire). Pre-create /aws/eks/<cluster>/cluster before the cluster so EKS does not create an unencrypted one.",
    url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
    framework: (0, frameworks_1.cisEks)("2.1.2", "Ensure audit logs are collected and managed"),
    references: ["CIS EKS 2.1.2", "CKV_AWS_158", "CKV_AWS_338"],
    check: ({ args, reads, report }) => {
        const security = new Map();
        for (const r of args.resources) {
            const prop = WRITERS[r.type];
            if (!prop)
                continue;
            for (const g of (0, stack_1.sources)(r, prop, [aws_types_1.AWS.logGroup]))
                security.set(g.urn, { group: g, why: `written by ${r.name}` });
        }
        for (const g of (0, stack_1.ofType)(args.resources, [aws_types_1.AWS.logGroup])) {
            if (security.has(g.urn))
                continue;
            const name = reads(g).get("name", () => g.props.name);
            if (typeof name === "string" && /^\/aws\/eks\/[^/]+\/cluster$/.test(name))
                security.set(g.urn, { group: g, why: "EKS control-plane log group" });
        }
        for (const { group, why } of security.values()) {
            const problems = [];
            if (!(0, values_1.hasValue)(group.props, "kmsKeyId"))
                problems.push("kmsKeyId is unset");
            const days = reads(group).get("retentionInDays", () => group.props.retentionInDays);
            if (days !== unknowns_1.UNKNOWN && typeof days === "number" && days !== 0 && days < exports.MIN_RETENTION_DAYS)
                problems.push(`retentionInDays is ${days}`);
            if (problems.length > 0) {
                report(group, `${problems.join(" and ")} on this security log group (${why}); set kmsKeyId to a customer KMS key and retentionInDays to at least ${exports.MIN_RETENTION_DAYS}`);
            }
        }
    },
});
//# sourceMappingURL=require-protected-security-log-groups.js.map