import { describe, test } from "node:test";
import { requireFirewallDefaultDrop as policy } from "../../policy-packs/kill-chain/policies/aws/require-firewall-default-drop";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const fp = (v: Record<string, unknown>) => ({
    statelessDefaultActions: ["aws:forward_to_sfe"], statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
    statefulDefaultActions: ["aws:drop_established", "aws:alert_established"], statefulEngineOptions: { ruleOrder: "STRICT_ORDER" }, ...v,
});
const baseline = res("aws:networkfirewall/firewallPolicy:FirewallPolicy", "egress", { name: "egress", firewallPolicy: fp({}) });

describe("require-firewall-default-drop: traffic no rule allows is dropped", () => {
    test("drop_established with forward_to_sfe passes", async () => assertClean(await one(policy, baseline)));
    test("aws:drop_strict passes", async () => assertClean(await one(policy, edit(baseline, { firewallPolicy: fp({ statefulDefaultActions: ["aws:drop_strict"] }) }))));

    test("statefulDefaultActions undefined (pass by default) fails", async () =>
        assertFails(await one(policy, edit(baseline, { firewallPolicy: fp({ statefulDefaultActions: undefined }) })), [baseline], "firewallPolicy.statefulDefaultActions is unset"));
    test("statefulDefaultActions [] fails", async () =>
        assertFails(await one(policy, edit(baseline, { firewallPolicy: fp({ statefulDefaultActions: [] }) })), [baseline], "firewallPolicy.statefulDefaultActions is []"));
    test("alert only fails", async () =>
        assertFails(await one(policy, edit(baseline, { firewallPolicy: fp({ statefulDefaultActions: ["aws:alert_established"] }) })), [baseline], "statefulDefaultActions"));
    test("statelessDefaultActions aws:pass (bypasses the stateful engine) fails", async () =>
        assertFails(await one(policy, edit(baseline, { firewallPolicy: fp({ statelessDefaultActions: ["aws:pass"] }) })), [baseline], "firewallPolicy.statelessDefaultActions contains \"aws:pass\""));
    test("statelessFragmentDefaultActions aws:pass fails", async () =>
        assertFails(await one(policy, edit(baseline, { firewallPolicy: fp({ statelessFragmentDefaultActions: ["aws:pass"] }) })), [baseline], "statelessFragmentDefaultActions"));

    test("unknown stateful actions next to a stateless pass still fail", async () =>
        assertFails(await one(policy, edit(baseline, { firewallPolicy: fp({ statefulDefaultActions: UNKNOWN, statelessDefaultActions: ["aws:pass"] }) })), [baseline], "aws:pass"));
    test("unknown stateful actions alone defer, naming the path", async () =>
        assertDeferred(await one(policy, edit(baseline, { firewallPolicy: fp({ statefulDefaultActions: UNKNOWN }) })), baseline, "firewallPolicy.statefulDefaultActions"));
});
