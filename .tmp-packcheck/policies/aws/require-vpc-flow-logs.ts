import { stackPolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { eksBestPractices } from "../../lib/frameworks";
import { ofType, referrers } from "../../lib/stack";
import { show } from "../../lib/values";

/**
 * Every VPC records all its traffic (accepted and rejected) in flow logs: the connection from a node to a mining
 * pool, and the probes before it, leave a trace even when the pool hides behind a CDN.
 */
export const requireVpcFlowLogs = stackPolicy({
    name: "require-vpc-flow-logs",
    description: "Every VPC has an aws.ec2.FlowLog (joined through vpcId) with trafficType \"ALL\".",
    step: "evasion",
    severity: "medium",
    remediationSteps: "Add new aws.ec2.FlowLog(name, { vpcId: vpc.id, trafficType: \"ALL\", logDestinationType: \"cloud-watch-logs\", logDestination: <KMS-encrypted log group ARN>, iamRoleArn: <delivery role> }) for every VPC.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
    framework: eksBestPractices("network", "Log network traffic metadata"),
    references: ["EKS-BP network: Log network traffic metadata", "CKV2_AWS_11"],
    check: ({ args, reads, report }) => {
        for (const vpc of ofType(args.resources, [AWS.vpc])) {
            const logs = referrers(args.resources, [AWS.flowLog], "vpcId", vpc);
            if (logs.length === 0) {
                report(vpc, "has no flow log; add an aws.ec2.FlowLog with vpcId set to this VPC and trafficType \"ALL\"");
                continue;
            }
            const types = logs.map((l) => reads(l).get("trafficType", () => l.props.trafficType));
            if (types.includes(UNKNOWN) || types.includes("ALL")) continue;
            logs.forEach((l, i) => report(l, `trafficType is ${show(types[i])}, so part of ${vpc.name}'s traffic goes unrecorded; set it to "ALL"`));
        }
    },
});
