import { describe, test } from "node:test";
import { disallowPublicIpSubnets as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-public-ip-subnets";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const subnet = res("aws:ec2/subnet:Subnet", "private", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/18" });
const defaultSubnet = res("aws:ec2/defaultSubnet:DefaultSubnet", "default", { availabilityZone: "eu-west-1a", mapPublicIpOnLaunch: false });

describe("disallow-public-ip-subnets: no subnet hands out public IPs", () => {
    test("a subnet with mapPublicIpOnLaunch undefined (AWS default false) passes", async () => assertClean(await one(policy, subnet)));
    test("a default subnet with mapPublicIpOnLaunch false passes", async () => assertClean(await one(policy, defaultSubnet)));

    test("mapPublicIpOnLaunch true fails", async () =>
        assertFails(await one(policy, edit(subnet, { mapPublicIpOnLaunch: true })), [subnet], "mapPublicIpOnLaunch is true"));
    test("a default subnet with mapPublicIpOnLaunch undefined (AWS default true) fails", async () =>
        assertFails(await one(policy, edit(defaultSubnet, { mapPublicIpOnLaunch: undefined })), [defaultSubnet], "mapPublicIpOnLaunch is unset on a default subnet"));

    test("an unknown mapPublicIpOnLaunch defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(subnet, { mapPublicIpOnLaunch: UNKNOWN })), subnet, "mapPublicIpOnLaunch"));
});
