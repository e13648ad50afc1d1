import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { findingEvent, patternMatches } from "../../../policy-packs/kill-chain/lib/findings";

const mining = findingEvent("CryptoCurrency:Runtime/BitcoinTool.B");

describe("EventBridge pattern matching as the findings rule is judged", () => {
    test("exact, prefix, suffix, wildcard and equals-ignore-case entries match as EventBridge matches them", () => {
        for (const type of ["CryptoCurrency:Runtime/BitcoinTool.B", { prefix: "CryptoCurrency:" }, { suffix: "BitcoinTool.B" },
            { wildcard: "Crypto*/Bitcoin*" }, { "equals-ignore-case": "cryptocurrency:runtime/bitcointool.b" }]) {
            assert.equal(patternMatches({ detail: { type: [type] } }, mining), true, JSON.stringify(type));
        }
    });
    test("every field of the pattern must match; a list matches when any entry does", () => {
        assert.equal(patternMatches({ source: ["aws.guardduty"], "detail-type": ["Other"] }, mining), false);
        assert.equal(patternMatches({ source: ["aws.other", "aws.guardduty"] }, mining), true);
    });
    test("anything-but excludes, exists tests presence", () => {
        assert.equal(patternMatches({ detail: { type: [{ "anything-but": { prefix: "CryptoCurrency:" } }] } }, mining), false);
        assert.equal(patternMatches({ detail: { type: [{ "anything-but": ["Policy:Kubernetes/ExposedDashboard"] }] } }, mining), true);
        assert.equal(patternMatches({ detail: { service: [{ exists: true }] } }, mining), false);
    });
    test("syntax it does not know ($or, numeric) is 'cannot tell', never a match", () => {
        assert.equal(patternMatches({ $or: [{ source: ["aws.guardduty"] }] }, mining), undefined);
        assert.equal(patternMatches({ detail: { severity: [{ numeric: [">=", 7] }] } }, mining), undefined);
    });
});
