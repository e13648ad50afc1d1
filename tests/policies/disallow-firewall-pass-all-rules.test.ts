import { describe, test } from "node:test";
import { disallowFirewallPassAllRules as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-firewall-pass-all-rules";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const DROP_NON_TCP = 'drop udp $HOME_NET any -> $EXTERNAL_NET any (msg:"no udp"; sid:1;)\ndrop icmp $HOME_NET any -> $EXTERNAL_NET any (msg:"no icmp"; sid:2;)';
const group = res("aws:networkfirewall/ruleGroup:RuleGroup", "non-tcp", { capacity: 10, type: "STATEFUL", name: "non-tcp",
    ruleGroup: { rulesSource: { rulesString: DROP_NON_TCP }, statefulRuleOptions: { ruleOrder: "STRICT_ORDER" } } });
const allowlist = res("aws:networkfirewall/ruleGroup:RuleGroup", "allowlist", { capacity: 100, type: "STATEFUL", name: "allowlist",
    ruleGroup: { rulesSource: { rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["TLS_SNI", "HTTP_HOST"], targets: [".amazonaws.com"] } } } });
const withSource = (rulesSource: unknown) => edit(group, { ruleGroup: { rulesSource, statefulRuleOptions: { ruleOrder: "STRICT_ORDER" } } });

describe("disallow-firewall-pass-all-rules: the egress firewall never passes everything before its default drop", () => {
    for (const r of [group, allowlist]) test(`the reference ${r.name} rule group passes`, async () => assertClean(await one(policy, r)));
    test("a pass rule keyed on a TLS SNI passes", async () =>
        assertClean(await one(policy, withSource({ rulesString: 'pass tls $HOME_NET any -> $EXTERNAL_NET any (tls.sni; content:"api.example.com"; sid:3;)' }))));
    const cases = [
        ["a Suricata pass ip any any -> any any", { rulesString: `pass ip any any -> any any (sid:9;)\n${DROP_NON_TCP}` }, 'rulesString has "pass ip any any -> any any (sid:9;)"'],
        ["a Suricata pass tcp to $EXTERNAL_NET any", { rulesString: "pass tcp $HOME_NET any -> $EXTERNAL_NET any (sid:9;)" }, "pass tcp $HOME_NET any -> $EXTERNAL_NET any"],
        ["a standard stateful PASS IP ANY ANY", { statefulRules: [{ action: "PASS", header: { protocol: "IP", source: "ANY", sourcePort: "ANY", direction: "FORWARD", destination: "ANY", destinationPort: "ANY" }, ruleOptions: [{ keyword: "sid", settings: ["1"] }] }] },
            "statefulRules[0] passes IP to any destination and port"],
        ["a stateless aws:pass for 0.0.0.0/0", { statelessRulesAndCustomActions: { statelessRules: [{ priority: 1, ruleDefinition: { actions: ["aws:pass"], matchAttributes: { destinations: [{ addressDefinition: "0.0.0.0/0" }] } } }] } },
            "statelessRules[0] passes every destination"],
        ["a stateless aws:pass on port 3333 for the two halves of the internet", { statelessRulesAndCustomActions: { statelessRules: [{ priority: 1, ruleDefinition: { actions: ["aws:pass"],
            matchAttributes: { destinations: [{ addressDefinition: "0.0.0.0/1" }, { addressDefinition: "128.0.0.0/1" }], destinationPorts: [{ fromPort: 3333, toPort: 3333 }] } } }] } },
        "statelessRules[0] passes every destination"],
    ] as const;
    for (const [what, source, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, withSource(source)), [group], message));
    test("a stateless aws:pass to the VPC only passes", async () =>
        assertClean(await one(policy, withSource({ statelessRulesAndCustomActions: { statelessRules: [{ priority: 1, ruleDefinition: { actions: ["aws:pass"],
            matchAttributes: { destinations: [{ addressDefinition: "10.40.0.0/16" }] } } }] } }))));
    test("unknown: an unknown rules source defers", async () => assertDeferred(await one(policy, withSource(UNKNOWN)), group, "ruleGroup.rulesSource"));
});
