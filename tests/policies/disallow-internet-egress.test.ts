import { describe, test } from "node:test";
import { disallowInternetEgress as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-internet-egress";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res, withConfig } from "./aws-helpers";

const https = { ipProtocol: "tcp", fromPort: 443, toPort: 443 };
const vpcEgress = res("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "node-out-vpc", { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv4: "10.0.0.0/16" });
const firewallHttps = res("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "node-out-https", { securityGroupId: "sg-1", ...https, cidrIpv4: "0.0.0.0/0" });
const group = res("aws:ec2/securityGroup:SecurityGroup", "nodes", { vpcId: "vpc-1", egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }] });
const rule = res("aws:ec2/securityGroupRule:SecurityGroupRule", "rule", { type: "egress", protocol: "tcp", fromPort: 443, toPort: 443, securityGroupId: "sg-1", cidrBlocks: ["0.0.0.0/0"] });

describe("disallow-internet-egress: a miner cannot open a connection to its pool", () => {
    for (const r of [vpcEgress, firewallHttps, group, rule]) test(`${r.name} baseline passes`, async () => assertClean(await one(policy, r)));
    test("a security group without egress (provider removes AWS's allow-all) passes", async () => assertClean(await one(policy, edit(group, { egress: undefined }))));
    test("an ingress SecurityGroupRule is not egress", async () => assertClean(await one(policy, edit(rule, { type: "ingress", protocol: "-1" }))));

    test("vpc egress rule ipProtocol -1 to 0.0.0.0/0 fails", async () =>
        assertFails(await one(policy, edit(vpcEgress, { cidrIpv4: "0.0.0.0/0" })), [vpcEgress], "all protocols and ports"));
    test("vpc egress rule ipProtocol -1 to ::/0 fails", async () =>
        assertFails(await one(policy, edit(vpcEgress, { cidrIpv4: undefined, cidrIpv6: "::/0" })), [vpcEgress], "cidrIpv4/cidrIpv6 allows egress to ::/0"));
    test("stratum port 3333 to 0.0.0.0/0 fails", async () =>
        assertFails(await one(policy, edit(firewallHttps, { fromPort: 3333, toPort: 3333 })), [firewallHttps], "tcp ports 3333-3333"));
    test("a port range 0-65535 to 0.0.0.0/0 fails", async () =>
        assertFails(await one(policy, edit(rule, { fromPort: 0, toPort: 65535 })), [rule], "tcp ports 0-65535"));
    test("udp 443 (QUIC, not filtered by SNI) to 0.0.0.0/0 fails", async () =>
        assertFails(await one(policy, edit(firewallHttps, { ipProtocol: "udp" })), [firewallHttps], "udp ports 443-443"));
    test("inline egress protocol \"-1\" to 0.0.0.0/0 fails", async () =>
        assertFails(await one(policy, edit(group, { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] })), [group], "egress[0].cidrBlocks/ipv6CidrBlocks"));
    test("inline egress protocol \"all\" to 0.0.0.0/1 fails", async () =>
        assertFails(await one(policy, edit(group, { egress: [{ protocol: "all", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/1"] }] })), [group], "all protocols and ports"));
    test("port 80 fails by default and passes when configured", async () => {
        const http = edit(firewallHttps, { fromPort: 80, toPort: 80 });
        assertFails(await one(policy, http), [firewallHttps], "tcp ports 80-80");
        assertClean(await one(withConfig(policy, { allowedInternetEgressPorts: [80, 443] }), http));
    });

    test("an unknown CIDR next to an open one still fails", async () =>
        assertFails(await one(policy, edit(rule, { protocol: "-1", cidrBlocks: [UNKNOWN, "0.0.0.0/0"] })), [rule], "all protocols"));
    test("an unknown port to 0.0.0.0/0 defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(firewallHttps, { toPort: UNKNOWN })), firewallHttps, "toPort"));
});
