import { describe, test } from "node:test";
import { disallowInternetIngress as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-internet-ingress";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const ingress = (cidrBlocks: unknown[], ipv6CidrBlocks?: unknown[]) => ({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks, ipv6CidrBlocks });
const group = res("aws:ec2/securityGroup:SecurityGroup", "nodes", { vpcId: "vpc-1", ingress: [ingress(["10.0.0.0/16"])] });
const rule = res("aws:ec2/securityGroupRule:SecurityGroupRule", "rule", { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, securityGroupId: "sg-1", cidrBlocks: ["10.0.0.0/16"] });
const egressRule = edit(rule, { type: "egress", cidrBlocks: ["0.0.0.0/0"] });
const vpcRule = res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "in", { securityGroupId: "sg-1", ipProtocol: "-1", referencedSecurityGroupId: "sg-2" });
const defaultGroup = res("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", { vpcId: "vpc-1" });

describe("disallow-internet-ingress: nothing on the internet reaches nodes or the API", () => {
    for (const r of [group, rule, vpcRule, defaultGroup]) test(`${r.type} baseline passes`, async () => assertClean(await one(policy, r)));
    test("an egress SecurityGroupRule is not ingress", async () => assertClean(await one(policy, egressRule)));
    test("a /8 private range passes", async () => assertClean(await one(policy, edit(group, { ingress: [ingress(["10.0.0.0/8"])] }))));

    for (const [name, cidrs, v6] of [
        ["0.0.0.0/0", ["0.0.0.0/0"], undefined],
        ["0.0.0.0/1 + 128.0.0.0/1 (the two halves)", ["0.0.0.0/1", "128.0.0.0/1"], undefined],
        ["::/0", [], ["::/0"]],
    ] as const) {
        test(`inline ingress from ${name} fails`, async () =>
            assertFails(await one(policy, edit(group, { ingress: [ingress(["10.0.0.0/16"]), ingress([...cidrs], v6 ? [...v6] : undefined)] })), [group], "ingress[1].cidrBlocks/ipv6CidrBlocks"));
    }
    test("SecurityGroupRule ingress from 0.0.0.0/0 fails", async () =>
        assertFails(await one(policy, edit(rule, { cidrBlocks: ["0.0.0.0/0"] })), [rule], "cidrBlocks/ipv6CidrBlocks allows ingress from 0.0.0.0/0"));
    test("vpc ingress rule cidrIpv4 0.0.0.0/0 fails", async () =>
        assertFails(await one(policy, edit(vpcRule, { cidrIpv4: "0.0.0.0/0", referencedSecurityGroupId: undefined })), [vpcRule], "cidrIpv4/cidrIpv6"));
    test("vpc ingress rule cidrIpv6 ::/0 fails", async () =>
        assertFails(await one(policy, edit(vpcRule, { cidrIpv6: "::/0", referencedSecurityGroupId: undefined })), [vpcRule], "::/0"));
    test("default security group ingress from 0.0.0.0/0 fails", async () =>
        assertFails(await one(policy, edit(defaultGroup, { ingress: [ingress(["0.0.0.0/0"])] })), [defaultGroup], "ingress[0]"));

    test("an unknown CIDR next to 0.0.0.0/0 still fails", async () =>
        assertFails(await one(policy, edit(rule, { cidrBlocks: [UNKNOWN, "0.0.0.0/0"] })), [rule], "0.0.0.0/0"));
    test("an unknown CIDR alone defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(vpcRule, { cidrIpv4: UNKNOWN })), vpcRule, "cidrIpv4"));
});
