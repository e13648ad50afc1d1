"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireVpcFlowLogs = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const stack_1 = require("../../lib/stack");
const values_1 = require("../../lib/values");
/**
 * Every VPC records all its traffic (accepted and rejected) in flow logs: the connection from a node to a mining
 * pool, and the probes before it, leave a trace even when the pool hides behind a CDN.
 */
exports.requireVpcFlowLogs = (0, policy_1.stackPolicy)({
    name: "require-vpc-flow-logs",
    description: "Every VPC has an aws.ec2.FlowLog (joined through vpcId) with trafficType \"ALL\".",
    step: "evasion",
    severity: "medium",
    remediationSteps: "Add new aws.ec2.FlowLog(name, { vpcId: vpc.id, trafficType: \"ALL\", logDestinationType: \"cloud-watch-logs\", logDestination: <KMS-encrypted log group ARN>, iamRoleArn: <delivery role> }) for every VPC.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
    framework: (0, frameworks_1.eksBestPractices)("network", "Log network traffic metadata"),
    references: ["EKS-BP network: Log network traffic metadata", "CKV2_AWS_11"],
    check: ({ args, reads, report }) => {
        for (const vpc of (0, stack_1.ofType)(args.resources, [aws_types_1.AWS.vpc])) {
            const logs = (0, stack_1.referrers)(args.resources, [aws_types_1.AWS.flowLog], "vpcId", vpc);
            if (logs.length === 0) {
                report(vpc, "has no flow log; add an aws.ec2.FlowLog with vpcId set to this VPC and trafficType \"ALL\"");
                continue;
            }
            const types = logs.map((l) => reads(l).get("trafficType", () => l.props.trafficType));
            if (types.includes(unknowns_1.UNKNOWN) || types.includes("ALL"))
                continue;
            logs.forEach((l, i) => report(l, `trafficType is ${(0, values_1.show)(types[i])}, so part of ${vpc.name}'s traffic goes unrecorded; set it to "ALL"`));
        }
    },
});
//# sourceMappingURL=require-vpc-flow-logs.js.map