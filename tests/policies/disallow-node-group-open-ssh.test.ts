import { describe, test } from "node:test";
import { disallowNodeGroupOpenSsh as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-node-group-open-ssh";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const group = res("aws:eks/nodeGroup:NodeGroup", "nodes", { clusterName: "dev", nodeRoleArn: "arn:aws:iam::111122223333:role/node", subnetIds: ["subnet-a"] });

describe("disallow-node-group-open-ssh: EKS never opens SSH to the internet", () => {
    test("a node group without remoteAccess passes", async () => assertClean(await one(policy, group)));
    test("an SSH key limited to a bastion security group passes", async () =>
        assertClean(await one(policy, edit(group, { remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-bastion"] } }))));

    test("ec2SshKey with sourceSecurityGroupIds undefined fails", async () =>
        assertFails(await one(policy, edit(group, { remoteAccess: { ec2SshKey: "ops" } })), [group], "remoteAccess.sourceSecurityGroupIds"));
    test("ec2SshKey with sourceSecurityGroupIds [] fails", async () =>
        assertFails(await one(policy, edit(group, { remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: [] } })), [group], "remoteAccess.ec2SshKey"));
    test("an unknown key name still counts as a key and fails without source groups", async () =>
        assertFails(await one(policy, edit(group, { remoteAccess: { ec2SshKey: UNKNOWN } })), [group], "port 22"));

    test("unknown source security groups defer, naming the path", async () =>
        assertDeferred(await one(policy, edit(group, { remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: UNKNOWN } })), group, "remoteAccess.sourceSecurityGroupIds"));
});
