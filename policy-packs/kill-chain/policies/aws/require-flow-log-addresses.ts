import { AWS } from "../../lib/aws-types";
import { eksBestPractices } from "../../lib/frameworks";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/** Flow-log fields without which a record cannot say who talked to whom: the pool's address and port are the evidence. */
export const FLOW_LOG_ADDRESS_FIELDS: readonly string[] = ["srcaddr", "dstaddr", "srcport", "dstport"];

/** Fields of FLOW_LOG_ADDRESS_FIELDS a custom flow-log format leaves out (the default format has them all). */
export function missingFlowLogFields(logFormat: string): string[] {
    const fields = new Set([...logFormat.matchAll(/\$\{([a-z0-9-]+)\}/g)].map((m) => m[1]!));
    return FLOW_LOG_ADDRESS_FIELDS.filter((f) => !fields.has(f));
}

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
