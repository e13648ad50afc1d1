import { AWS } from "../../lib/aws-types";
import { eksBestPractices } from "../../lib/frameworks";
import { resourcePolicy } from "../../lib/policy";
import { missingFlowLogFields } from "../../lib/flow-logs";
import { UNKNOWN } from "../../lib/unknowns";

export const requireFlowLogAddresses = resourcePolicy({
    name: "require-flow-log-addresses",
    description: "VPC flow logs with a custom logFormat keep ${srcaddr}, ${dstaddr}, ${srcport} and ${dstport}: a record without them "
        + "cannot show a node talking to a mining pool.",
    step: "evasion",
    severity: "medium",
    remediationSteps: "Leave logFormat unset (the default format has every address and port) or include ${srcaddr} ${dstaddr} ${srcport} "
        + "${dstport} (and ${pkt-srcaddr} ${pkt-dstaddr} behind NAT) in it.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html",
    framework: eksBestPractices("network", "Log network traffic metadata"),
    references: ["EKS-BP network: Log network traffic metadata", "CKV2_AWS_11"],
    types: [AWS.flowLog],
    check: ({ args, reads, report }) => {
        const format = reads.get("logFormat", () => args.props.logFormat);
        if (format === UNKNOWN || typeof format !== "string" || format.trim() === "") return;
        const missing = missingFlowLogFields(format);
        if (missing.length > 0) report(`logFormat leaves out ${missing.map((f) => `\${${f}}`).join(", ")}; add them or leave logFormat unset.`);
    },
});
