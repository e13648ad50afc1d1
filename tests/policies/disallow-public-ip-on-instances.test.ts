import { describe, test } from "node:test";
import { disallowPublicIpOnInstances as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-public-ip-on-instances";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const template = res("aws:ec2/launchTemplate:LaunchTemplate", "lt", {
    networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", securityGroups: ["sg-1"] }],
});
const instance = res("aws:ec2/instance:Instance", "vm", { ami: "ami-1", instanceType: "t3.micro", subnetId: "subnet-private", associatePublicIpAddress: false });
const lc = res("aws:ec2/launchConfiguration:LaunchConfiguration", "lc", { imageId: "ami-1", instanceType: "t3.micro", associatePublicIpAddress: false });
const spot = res("aws:ec2/spotInstanceRequest:SpotInstanceRequest", "spot", { ami: "ami-1", instanceType: "t3.micro", subnetId: "subnet-private" });

describe("disallow-public-ip-on-instances: nodes get no public address", () => {
    for (const r of [template, instance, lc, spot]) test(`${r.type} baseline passes`, async () => assertClean(await one(policy, r)));
    test("a launch template without interfaces (subnet decides) passes", async () => assertClean(await one(policy, edit(template, { networkInterfaces: undefined }))));
    test("an instance with an unknown subnetId passes (it is set)", async () => assertClean(await one(policy, edit(instance, { subnetId: UNKNOWN }))));

    test("launch template associatePublicIpAddress \"true\" fails", async () =>
        assertFails(await one(policy, edit(template, { networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "true" }] })), [template],
            "networkInterfaces[0].associatePublicIpAddress"));
    test("launch template associatePublicIpAddress true (boolean) on the second interface fails", async () =>
        assertFails(await one(policy, edit(template, { networkInterfaces: [{ deviceIndex: 0 }, { deviceIndex: 1, associatePublicIpAddress: true }] })), [template],
            "networkInterfaces[1].associatePublicIpAddress"));
    for (const r of [instance, lc, spot]) {
        test(`${r.type} associatePublicIpAddress true fails`, async () =>
            assertFails(await one(policy, edit(r, { associatePublicIpAddress: true })), [r], "associatePublicIpAddress is true"));
    }
    test("an instance with no subnetId (default VPC) fails", async () =>
        assertFails(await one(policy, edit(instance, { subnetId: undefined, associatePublicIpAddress: undefined })), [instance], "subnetId is unset"));

    test("an unknown interface flag next to a public one still fails", async () =>
        assertFails(await one(policy, edit(template, { networkInterfaces: [{ associatePublicIpAddress: UNKNOWN }, { associatePublicIpAddress: "true" }] })), [template],
            "networkInterfaces[1]"));
    test("an unknown interface flag alone defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(template, { networkInterfaces: [{ associatePublicIpAddress: UNKNOWN }] })), template,
            "networkInterfaces[0].associatePublicIpAddress"));
});
