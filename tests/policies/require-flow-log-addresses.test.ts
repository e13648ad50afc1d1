import { describe, test } from "node:test";
import { requireFlowLogAddresses as policy } from "../../policy-packs/kill-chain/policies/aws/require-flow-log-addresses";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const REFERENCE = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";
const flowLog = res("aws:ec2/flowLog:FlowLog", "flow", { vpcId: "vpc-1", trafficType: "ALL", logFormat: REFERENCE });

describe("require-flow-log-addresses: a flow record shows who talked to whom", () => {
    test("the reference format passes", async () => assertClean(await one(policy, flowLog)));
    test("the default format (logFormat unset) passes", async () => assertClean(await one(policy, edit(flowLog, { logFormat: undefined }))));
    test("a format without addresses and ports fails, naming them", async () =>
        assertFails(await one(policy, edit(flowLog, { logFormat: "${version} ${interface-id} ${packets} ${bytes} ${action}" })), [flowLog],
            "logFormat leaves out ${srcaddr}, ${dstaddr}, ${srcport}, ${dstport}"));
    test("a format without ports only fails", async () =>
        assertFails(await one(policy, edit(flowLog, { logFormat: "${srcaddr} ${dstaddr} ${action}" })), [flowLog], "${srcport}, ${dstport}"));
    test("unknown: an unknown format defers", async () => assertDeferred(await one(policy, edit(flowLog, { logFormat: UNKNOWN })), flowLog, "logFormat"));
});
