import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { eksBestPractices } from "../../lib/frameworks";
import { asBool, hasValue } from "../../lib/values";

/**
 * CloudTrail records every region, keeps logging, signs its log files and encrypts them with a customer key: the
 * record of stolen-credential use survives an attacker who deletes or edits log objects, or acts in another region.
 */
export const requireCloudTrailIntegrity = resourcePolicy({
    name: "require-cloudtrail-integrity",
    description: "CloudTrail trails are multi-region, logging, with log file validation and a customer KMS key (kmsKeyId).",
    step: "evasion",
    severity: "high",
    remediationSteps: "On aws.cloudtrail.Trail set isMultiRegionTrail: true, enableLogging: true (or leave it unset), enableLogFileValidation: true and kmsKeyId: <customer KMS key ARN> whose key policy lets cloudtrail.amazonaws.com encrypt for this trail only.",
    url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
    framework: eksBestPractices("detective", "Audit your CloudTrail logs"),
    references: ["EKS-BP detective: Audit your CloudTrail logs", "CKV_AWS_67", "CKV_AWS_36", "CKV_AWS_35", "CKV_AWS_252"],
    types: [AWS.cloudTrail],
    check: ({ args, reads, report }) => {
        const p = args.props;
        const validation = reads.get("enableLogFileValidation", () => p.enableLogFileValidation);
        if (validation !== UNKNOWN && asBool(validation) !== true) {
            report(`enableLogFileValidation is ${validation === undefined ? "unset (false)" : String(validation)}; set it to true so deleted or edited log files are detected`);
        }
        const multi = reads.get("isMultiRegionTrail", () => p.isMultiRegionTrail);
        if (multi !== UNKNOWN && asBool(multi) !== true) {
            report(`isMultiRegionTrail is ${multi === undefined ? "unset (false)" : String(multi)}; set it to true so activity in every region is recorded`);
        }
        const logging = reads.get("enableLogging", () => p.enableLogging);
        if (logging !== UNKNOWN && asBool(logging) === false) {
            report("enableLogging is false, so the trail records nothing; set it to true");
        }
        if (!hasValue(p, "kmsKeyId")) {
            report("kmsKeyId is unset, so log files use SSE-S3 and anyone who can read the bucket reads the trail; set it to a customer KMS key ARN");
        }
    },
});
