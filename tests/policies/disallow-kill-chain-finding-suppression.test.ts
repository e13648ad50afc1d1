import { describe, test } from "node:test";
import { disallowKillChainFindingSuppression as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-kill-chain-finding-suppression";
import { KILL_CHAIN_FINDINGS } from "../../policy-packs/kill-chain/lib/findings";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const benign = { criterions: [{ field: "type", equals: ["Recon:EC2/PortProbeUnprotectedPort"] }, { field: "resource.instanceDetails.instanceId", equals: ["i-1"] }] };
const filter = res("aws:guardduty/filter:Filter", "suppress-scanner", { detectorId: "d", name: "scanner", action: "ARCHIVE", rank: 1, findingCriteria: benign });

describe("disallow-kill-chain-finding-suppression: no suppression rule archives a miner's findings", () => {
    test("archiving one benign finding type passes", async () => assertClean(await one(policy, filter)));
    test("a NOOP filter (saved view) passes", async () => assertClean(await one(policy, edit(filter, { action: "NOOP", findingCriteria: { criterions: [{ field: "severity", lessThan: 9 }] } }))));
    test("archiving everything except every kill-chain type (notEquals) passes", async () => {
        assertClean(await one(policy, edit(filter, { findingCriteria: { criterions: [{ field: "type", notEquals: [...KILL_CHAIN_FINDINGS] }] } })));
    });
    const cases = [
        ["archiving the crypto-mining type", { criterions: [{ field: "type", equals: ["CryptoCurrency:Runtime/BitcoinTool.B"] }] }, "CryptoCurrency:Runtime/BitcoinTool.B"],
        ["archiving by severity only (every type)", { criterions: [{ field: "severity", lessThan: 9 }] }, "and 7 more"],
        ["archiving by resource only", { criterions: [{ field: "resource.resourceType", equals: ["EKSCluster"] }] }, "CryptoCurrency:EC2/BitcoinTool.B!DNS, CryptoCurrency:Runtime/BitcoinTool.B, Impact:Runtime/CryptoMinerExecuted and 7 more"],
        ["excluding one mining type but not the rest", { criterions: [{ field: "type", notEquals: ["Impact:Runtime/CryptoMinerExecuted"] }] }, "CryptoCurrency:EC2/BitcoinTool.B!DNS"],
    ] as const;
    for (const [what, findingCriteria, message] of cases) {
        test(`${what} fails`, async () => assertFails(await one(policy, edit(filter, { findingCriteria })), [filter], message));
    }
    test("unknown: an unknown type criterion defers, naming findingCriteria", async () =>
        assertDeferred(await one(policy, edit(filter, { findingCriteria: { criterions: [{ field: "type", equals: UNKNOWN }] } })), filter, "findingCriteria"));
});
