import { describe, test } from "node:test";
import { disallowDnsFirewallAllowAll as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-dns-firewall-allow-all";
import { UNKNOWN, assertClean, assertFails, res, stack } from "./aws-helpers";

const RULE = "aws:route53/resolverFirewallRule:ResolverFirewallRule";
const group = res("aws:route53/resolverFirewallRuleGroup:ResolverFirewallRuleGroup", "dns-rules", { name: "dns" });
const everything = res("aws:route53/resolverFirewallDomainList:ResolverFirewallDomainList", "everything", { name: "everything", domains: ["*"] });
const awsNames = res("aws:route53/resolverFirewallDomainList:ResolverFirewallDomainList", "aws-services", { name: "aws", domains: ["amazonaws.com", "*.amazonaws.com"] });
const rule = (name: string, action: string, priority: number, list: ReturnType<typeof res> | string) =>
    res(RULE, name, { name, action, priority, firewallRuleGroupId: UNKNOWN, firewallDomainListId: typeof list === "string" ? list : UNKNOWN },
        { firewallRuleGroupId: [group], ...(typeof list === "string" ? {} : { firewallDomainListId: [list] }) });
// The reference order: managed threat lists, AWS names, then block everything else.
const reference = [group, everything, awsNames, rule("block-malware", "BLOCK", 120, "rslvr-fdl-2c46f2ecbfec4dcc"), rule("allow-aws-services", "ALLOW", 200, awsNames),
    rule("block-everything-else", "BLOCK", 1000, everything)];

describe("disallow-dns-firewall-allow-all: no ALLOW for every name runs before the block lists", () => {
    test("the reference order passes", async () => assertClean(await stack(policy, reference)));
    test("an ALLOW * after every BLOCK passes (the final block answers first)", async () =>
        assertClean(await stack(policy, [...reference, rule("allow-rest", "ALLOW", 2000, everything)])));
    test("ALLOW * at a higher priority than the blocks fails, naming the shadowed rules", async () => {
        const allowAll = rule("allow-everything", "ALLOW", 50, everything);
        assertFails(await stack(policy, [...reference, allowAll]), [allowAll],
            "escaping path: every DNS name -> rule allow-everything (ALLOW *, priority 50) answers before the BLOCK rules block-malware (120), block-everything-else (1000)");
    });
    test("ALLOW of a whole TLD (*.com) ahead of the final block fails", async () => {
        const com = res("aws:route53/resolverFirewallDomainList:ResolverFirewallDomainList", "dot-com", { name: "com", domains: ["*.com"] });
        const allowCom = rule("allow-com", "ALLOW", 900, com);
        assertFails(await stack(policy, [group, com, allowCom, rule("block-everything-else", "BLOCK", 1000, everything), everything]), [allowCom], "ALLOW *.com");
    });
    test("a group associated at a higher priority runs first across groups", async () => {
        const early = res("aws:route53/resolverFirewallRuleGroup:ResolverFirewallRuleGroup", "early", { name: "early" });
        const allowAll = res(RULE, "early-allow", { name: "early-allow", action: "ALLOW", priority: 5000, firewallRuleGroupId: UNKNOWN, firewallDomainListId: UNKNOWN },
            { firewallRuleGroupId: [early], firewallDomainListId: [everything] });
        const assoc = (g: ReturnType<typeof res>, priority: number) => res("aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation",
            `assoc-${g.name}`, { firewallRuleGroupId: UNKNOWN, priority, vpcId: "vpc-1" }, { firewallRuleGroupId: [g] });
        assertFails(await stack(policy, [...reference, early, allowAll, assoc(early, 101), assoc(group, 200)]), [allowAll], "answers before the BLOCK rules");
    });
});
