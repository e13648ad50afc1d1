import { describe, test } from "node:test";
import { requireProtectedSecurityLogGroups as policy } from "../../policy-packs/kill-chain/policies/aws/require-protected-security-log-groups";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const eksGroup = res("aws:cloudwatch/logGroup:LogGroup", "eks", { name: "/aws/eks/dev/cluster", retentionInDays: 365, kmsKeyId: UNKNOWN });
const flowGroup = res("aws:cloudwatch/logGroup:LogGroup", "flow-group", { name: "/hardened/dev/vpc-flow-logs", retentionInDays: 731, kmsKeyId: UNKNOWN });
const flow = res("aws:ec2/flowLog:FlowLog", "flow", { vpcId: UNKNOWN, trafficType: "ALL", logDestination: UNKNOWN }, { logDestination: [flowGroup] });
const appGroup = res("aws:cloudwatch/logGroup:LogGroup", "app", { name: "/app/web", retentionInDays: 7 });
const baseline = [eksGroup, flowGroup, flow, appGroup];

describe("require-protected-security-log-groups: security logs are encrypted and kept a year", () => {
    test("encrypted, retained security groups pass; application log groups are not judged", async () => assertClean(await stack(policy, baseline)));
    test("retention undefined (never expires) passes", async () => assertClean(await stack(policy, [edit(eksGroup, { retentionInDays: undefined })])));

    test("the EKS control-plane group without kmsKeyId fails", async () =>
        assertFails(await stack(policy, [edit(eksGroup, { kmsKeyId: undefined }), flowGroup, flow]), [eksGroup], "kmsKeyId is unset"));
    test("the EKS group with retention 90 fails", async () =>
        assertFails(await stack(policy, [edit(eksGroup, { retentionInDays: 90 })]), [eksGroup], "retentionInDays is 90"));
    test("a flow-log destination with retention 30 fails", async () =>
        assertFails(await stack(policy, [eksGroup, edit(flowGroup, { retentionInDays: 30 }), flow]), [flowGroup], "written by flow"));
    test("a CloudTrail log group without a key fails", async () => {
        const trailGroup = res("aws:cloudwatch/logGroup:LogGroup", "trail-group", { name: "trail", retentionInDays: 365 });
        const trail = res("aws:cloudtrail/trail:Trail", "trail", { cloudWatchLogsGroupArn: UNKNOWN }, { cloudWatchLogsGroupArn: [trailGroup] });
        assertFails(await stack(policy, [trailGroup, trail]), [trailGroup], "kmsKeyId is unset");
    });

    test("an unknown retention next to a missing key still fails", async () =>
        assertFails(await stack(policy, [edit(eksGroup, { retentionInDays: UNKNOWN, kmsKeyId: undefined })]), [eksGroup], "kmsKeyId is unset"));
    test("an unknown retention alone defers, naming it", async () =>
        assertDeferred(await stack(policy, [edit(eksGroup, { retentionInDays: UNKNOWN })]), eksGroup, "retentionInDays"));
});
