"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireGuardDutyEksProtection = exports.EKS_GUARDDUTY_FEATURES = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/** Detector features that watch EKS: audit-log analysis and runtime monitoring (and its EKS-only predecessor). */
exports.EKS_GUARDDUTY_FEATURES = ["EKS_AUDIT_LOGS", "RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"];
/**
 * GuardDuty is not switched off, and its EKS protections are not disabled: audit-log findings flag an exposed
 * dashboard or anonymous access, runtime findings flag CryptoCurrency:Runtime/BitcoinTool and miner processes.
 */
exports.requireGuardDutyEksProtection = (0, policy_1.resourcePolicy)({
    name: "require-guardduty-eks-protection",
    description: "GuardDuty detectors are enabled and never disable EKS audit-log monitoring or runtime monitoring (detector, datasources or detector features).",
    step: "evasion",
    severity: "high",
    remediationSteps: "Set enable to true on aws.guardduty.Detector, remove datasources.kubernetes.auditLogs.enable false, and set status \"ENABLED\" on aws.guardduty.DetectorFeature EKS_AUDIT_LOGS and RUNTIME_MONITORING (with additionalConfigurations EKS_ADDON_MANAGEMENT \"ENABLED\" so the agent is installed).",
    url: "https://docs.aws.amazon.com/guardduty/latest/ug/kubernetes-protection.html",
    framework: (0, frameworks_1.eksBestPractices)("runtime", "Use Amazon GuardDuty for runtime monitoring and detecting threats"),
    references: ["EKS-BP runtime: Use Amazon GuardDuty for runtime monitoring and detecting threats", "CKV_AWS_238", "CKV2_AWS_3", "AWS Config guardduty-eks-protection-audit-enabled", "AWS Config guardduty-eks-protection-runtime-enabled"],
    types: [aws_types_1.AWS.guardDutyDetector, aws_types_1.AWS.guardDutyDetectorFeature],
    check: ({ args, reads, report }) => {
        const p = args.props;
        if (args.type === aws_types_1.AWS.guardDutyDetector) {
            const enable = reads.get("enable", () => p.enable);
            if (enable !== unknowns_1.UNKNOWN && (0, values_1.asBool)(enable) === false)
                report("enable is false, so GuardDuty produces no findings; set it to true");
            const ds = reads.get("datasources", () => p.datasources);
            if ((0, values_1.isObject)(ds)) {
                const audit = reads.get("datasources.kubernetes.auditLogs.enable", () => ds.kubernetes?.auditLogs?.enable);
                if (audit !== unknowns_1.UNKNOWN && (0, values_1.asBool)(audit) === false) {
                    report("datasources.kubernetes.auditLogs.enable is false, so EKS audit logs are not analysed; remove it and enable the EKS_AUDIT_LOGS detector feature");
                }
            }
            return;
        }
        const name = reads.get("name", () => p.name);
        if (name === unknowns_1.UNKNOWN || typeof name !== "string" || !exports.EKS_GUARDDUTY_FEATURES.includes(name))
            return;
        const status = reads.get("status", () => p.status);
        if (status !== unknowns_1.UNKNOWN && status !== "ENABLED") {
            report(`status of the ${name} detector feature is ${(0, values_1.show)(status)}; set it to "ENABLED"`);
        }
    },
});
//# sourceMappingURL=require-guardduty-eks-protection.js.map