import { describe, test } from "node:test";
import { disallowInternetWideEgressUnion as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-internet-wide-egress-union";
import { UNKNOWN, assertClean, assertFails, edit, res, stack, withConfig } from "./aws-helpers";

const sg = res("aws:ec2/securityGroup:SecurityGroup", "nodes", { vpcId: UNKNOWN });
const rule = (name: string, props: Record<string, unknown>, deps: Record<string, ReturnType<typeof res>[]> = {}) =>
    res("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name, { securityGroupId: UNKNOWN, ipProtocol: "-1", ...props }, { securityGroupId: [sg], ...deps });
const vpcRule = rule("out-vpc", { cidrIpv4: "10.40.0.0/16" });
const halves = res("aws:ec2/managedPrefixList:ManagedPrefixList", "halves", { name: "partners", addressFamily: "IPv4", maxEntries: 2,
    entries: [{ cidr: "0.0.0.0/1" }, { cidr: "128.0.0.0/1" }] });

describe("disallow-internet-wide-egress-union: no security group opens the internet in pieces", () => {
    test("the reference (VPC CIDR, S3 prefix list on 443) passes", async () =>
        assertClean(await stack(policy, [sg, vpcRule, rule("out-s3", { ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-242368f9" })])));
    test("HTTPS to the whole internet in pieces passes (the firewall filters 443)", async () =>
        assertClean(await stack(policy, [sg, rule("a", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/1" }),
            rule("b", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "128.0.0.0/1" })])));
    test("a prefix list holding 0.0.0.0/1 and 128.0.0.0/1 fails on the group, naming rule and list", async () => {
        const viaList = rule("out-partners", { prefixListId: UNKNOWN }, { prefixListId: [halves] });
        assertFails(await stack(policy, [sg, halves, viaList]), [sg], "escaping paths rule out-partners -> prefix list halves");
    });
    test("prefix list entries declared as ManagedPrefixListEntry resources count", async () => {
        const list = edit(halves, { entries: undefined });
        const entries = Array.from({ length: 40 }, (_, i) => res("aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry", `e${i}`,
            { prefixListId: UNKNOWN, cidr: `${i + 11}.0.0.0/8` }, { prefixListId: [list] }));
        const viaList = rule("out-partners", { prefixListId: UNKNOWN }, { prefixListId: [list] });
        assertFails(await stack(policy, [sg, list, ...entries, viaList]), [sg], "40 /8s of public IPv4 together");
    });
    test("a hundred public /8 rules on a SecurityGroup's inline egress fail", async () => {
        const inline = edit(sg, { egress: Array.from({ length: 100 }, (_, i) => ({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [`${i + 11}.0.0.0/8`] })) });
        assertFails(await stack(policy, [inline]), [sg], "nodes (aws:ec2/securityGroup:SecurityGroup) egress[0]");
    });
    test("the allowed ports are configurable: 8443 counts unless listed", async () => {
        const rules = Array.from({ length: 20 }, (_, i) => rule(`r${i}`, { ipProtocol: "tcp", fromPort: 8443, toPort: 8443, cidrIpv4: `${i + 11}.0.0.0/8` }));
        assertFails(await stack(policy, [sg, ...rules]), [sg], "on ports other than 443");
        assertClean(await stack(withConfig(policy, { allowedInternetEgressPorts: [443, 8443] }), [sg, ...rules]));
    });
    test("a single /0 rule is left to disallow-internet-egress (one finding, not two)", async () =>
        assertClean(await stack(withConfig(policy, {}), [sg, rule("all", { cidrIpv4: "0.0.0.0/0" })])));

    describe("prefix lists the stack does not declare: their entries are not in the preview", () => {
        const cdn = rule("out-cdn", { prefixListId: "pl-3b927c52" });
        test("all ports to an undeclared (AWS-managed or shared) list fail on the rule, naming the list and the way out", async () =>
            assertFails(await stack(policy, [sg, vpcRule, cdn]), [cdn], "to prefix list pl-3b927c52, whose entries the stack does not declare"));
        test("the same list on HTTPS only (filtered by the firewall) passes", async () =>
            assertClean(await stack(policy, [sg, rule("out-cdn", { ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-3b927c52" })])));
        test("a list whose entries were checked passes once trusted in the pack config", async () =>
            assertClean(await stack(withConfig(policy, { trustedPrefixListIds: ["pl-3b927c52"] }), [sg, cdn])));
        test("a gateway endpoint's prefix list (S3 ranges through the endpoint) passes", async () => {
            const endpoint = res("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { vpcEndpointType: "Gateway", serviceName: "com.amazonaws.eu-west-1.s3" });
            assertClean(await stack(policy, [sg, endpoint, rule("out-s3", { prefixListId: UNKNOWN }, { prefixListId: [endpoint] })]));
        });
        test("a SecurityGroup's inline egress to an undeclared list fails on the group", async () => {
            const inline = edit(sg, { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, prefixListIds: ["pl-3b927c52"] }] });
            assertFails(await stack(policy, [inline]), [sg], "egress[0] sends traffic");
        });
    });
});

