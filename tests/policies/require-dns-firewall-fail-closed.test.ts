import { describe, test } from "node:test";
import { requireDnsFirewallFailClosed as policy } from "../../policy-packs/kill-chain/policies/aws/require-dns-firewall-fail-closed";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const config = res("aws:route53/resolverFirewallConfig:ResolverFirewallConfig", "fail-closed", { resourceId: "vpc-1", firewallFailOpen: "DISABLED" });

describe("require-dns-firewall-fail-closed: an overwhelmed DNS Firewall refuses, never answers", () => {
    test("the reference (DISABLED) passes", async () => assertClean(await one(policy, config)));
    test("unset (the default, closed) passes", async () => assertClean(await one(policy, edit(config, { firewallFailOpen: undefined }))));
    test("ENABLED fails", async () => assertFails(await one(policy, edit(config, { firewallFailOpen: "ENABLED" })), [config], "firewallFailOpen is \"ENABLED\""));
    test("unknown: an unknown setting defers", async () => assertDeferred(await one(policy, edit(config, { firewallFailOpen: UNKNOWN })), config, "firewallFailOpen"));
});
