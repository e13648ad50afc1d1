import { describe, test } from "node:test";
import { disallowOpenNetworkPolicyEgress as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-open-network-policy-egress";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { allowDns, defaultDeny, readerEgress, withProp } from "./k8s-fixtures";

const CIDR = ["spec", "egress", 0, "to", 0, "ipBlock", "cidr"];

describe("disallow-open-network-policy-egress: no NetworkPolicy opens the internet", () => {
    for (const r of [defaultDeny(), allowDns(), readerEgress()]) {
        test(`the reference ${String((r.props.metadata as { name: string }).name)} passes`, async () => assertClean(await one(policy, r)));
    }
    test("ipBlock 10.0.0.0/8 (a private /8) passes", async () => assertClean(await one(policy, withProp(readerEgress(), CIDR, "10.0.0.0/8"))));
    const cases = [
        ["0.0.0.0/0", withProp(readerEgress(), CIDR, "0.0.0.0/0"), "spec.egress[0].to[0].ipBlock.cidr is 0.0.0.0/0"],
        ["::/0", withProp(readerEgress(), CIDR, "::/0"), "is ::/0"],
        ["0.0.0.0/1 (half the internet)", withProp(readerEgress(), CIDR, "0.0.0.0/1"), "is 0.0.0.0/1"],
        ["0.0.0.0/0 with an except list", withProp(readerEgress(), ["spec", "egress", 0, "to", 0, "ipBlock"], { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] }), "0.0.0.0/0"],
        ["to [] (every destination)", withProp(readerEgress(), ["spec", "egress", 0, "to"], []), "spec.egress[0].to is empty or unset"],
        ["to undefined with ports 53 (DNS to anywhere)", withProp(allowDns(), ["spec", "egress", 0, "to"], undefined), "spec.egress[0].to is empty or unset"],
        ["egress [{}]", withProp(defaultDeny(), ["spec", "egress"], [{}]), "spec.egress[0].to"],
        ["a NetworkPolicyPatch adding 0.0.0.0/0", { ...withProp(readerEgress(), CIDR, "0.0.0.0/0"), type: "kubernetes:networking.k8s.io/v1:NetworkPolicyPatch" }, "0.0.0.0/0"],
    ] as const;
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    const blocks = (cidrs: string[]) => withProp(readerEgress(), ["spec", "egress", 0, "to"], cidrs.map((cidr) => ({ ipBlock: { cidr } })));
    test("a hundred public /8 blocks fail as one union, naming the public space", async () => {
        const r = blocks(Array.from({ length: 100 }, (_, i) => `${i + 11}.0.0.0/8`));
        assertFails(await one(policy, r), [r], "spec.egress ipBlocks open");
    });
    test("0.0.0.0/1 and 128.0.0.0/1 in two rules fail once each (each is broader than /8)", async () => {
        const r = withProp(withProp(readerEgress(), CIDR, "0.0.0.0/1"), ["spec", "egress", 1], { to: [{ ipBlock: { cidr: "128.0.0.0/1" } }] });
        assertFails(await one(policy, r), [r], "is 128.0.0.0/1");
    });
    test("two public /8s fail (more than one /8 of public space); two public /9s pass", async () => {
        assertFails(await one(policy, blocks(["52.0.0.0/8", "54.0.0.0/8"])), [readerEgress()], "2 /8s of public IPv4 together");
        assertClean(await one(policy, blocks(["52.0.0.0/9", "54.0.0.0/9"])));
    });
    test("an unknown except next to a wide union defers instead of failing", async () => {
        const r = withProp(blocks(Array.from({ length: 20 }, (_, i) => `${i + 11}.0.0.0/8`)), ["spec", "egress", 0, "to", 0, "ipBlock", "except"], [UNKNOWN]);
        assertDeferred(await one(policy, r), r, "except");
    });
    test("unknown: 0.0.0.0/0 is reported next to an unknown peer", async () => {
        const r = withProp(withProp(readerEgress(), CIDR, UNKNOWN), ["spec", "egress", 0, "to", 1, "ipBlock", "cidr"], "0.0.0.0/0");
        assertFails(await one(policy, r), [r], "to[1].ipBlock.cidr is 0.0.0.0/0");
    });
    test("unknown: an unknown CIDR alone defers once, naming it", async () => {
        const r = withProp(readerEgress(), CIDR, UNKNOWN);
        assertDeferred(await one(policy, r), r, "spec.egress[0].to[0].ipBlock.cidr");
    });
});
