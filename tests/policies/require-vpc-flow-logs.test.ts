import { describe, test } from "node:test";
import { requireVpcFlowLogs as policy } from "../../policy-packs/kill-chain/policies/aws/require-vpc-flow-logs";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const vpc = res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
const flow = res("aws:ec2/flowLog:FlowLog", "flow", { vpcId: UNKNOWN, trafficType: "ALL", logDestination: UNKNOWN }, { vpcId: [vpc] });
const other = res("aws:ec2/vpc:Vpc", "other", { cidrBlock: "10.1.0.0/16" });

describe("require-vpc-flow-logs: a connection to a mining pool leaves a trace", () => {
    test("a VPC with an ALL flow log passes", async () => assertClean(await stack(policy, [vpc, flow])));

    test("a VPC without a flow log fails, and only that VPC", async () => assertFails(await stack(policy, [vpc, flow, other]), [other], "has no flow log"));
    test("a flow log of another VPC does not count", async () => {
        const otherFlow = res("aws:ec2/flowLog:FlowLog", "other-flow", { vpcId: UNKNOWN, trafficType: "ALL" }, { vpcId: [other] });
        assertFails(await stack(policy, [vpc, other, otherFlow]), [vpc], "has no flow log");
    });
    for (const t of ["REJECT", "ACCEPT"]) {
        test(`trafficType ${t} fails on the flow log`, async () => assertFails(await stack(policy, [vpc, edit(flow, { trafficType: t })]), [flow], `trafficType is "${t}"`));
    }

    test("an unknown trafficType does not hide another VPC without flow logs", async () =>
        assertFails(await stack(policy, [vpc, edit(flow, { trafficType: UNKNOWN }), other]), [other], "has no flow log"));
    test("an unknown trafficType alone defers, naming it", async () =>
        assertDeferred(await stack(policy, [vpc, edit(flow, { trafficType: UNKNOWN })]), flow, "trafficType"));
});
