import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { selects } from "../../../policy-packs/kill-chain/lib/k8s-selectors";
import { UNKNOWN } from "../../../policy-packs/kill-chain/lib/unknowns";

describe("label selectors select the pods Kubernetes would", () => {
    const pod = { app: "web", tier: "front" };
    test("an absent or empty selector selects every pod", () => {
        assert.equal(selects(undefined, pod), true);
        assert.equal(selects({}, pod), true);
        assert.equal(selects({ matchLabels: {} }, {}), true);
    });
    test("matchLabels needs every pair", () => {
        assert.equal(selects({ matchLabels: { app: "web" } }, pod), true);
        assert.equal(selects({ matchLabels: { app: "web", tier: "back" } }, pod), false);
        assert.equal(selects({ matchLabels: { app: "web" } }, undefined), false);
    });
    test("matchExpressions: In, NotIn, Exists, DoesNotExist", () => {
        assert.equal(selects({ matchExpressions: [{ key: "app", operator: "In", values: ["web", "api"] }] }, pod), true);
        assert.equal(selects({ matchExpressions: [{ key: "app", operator: "In", values: ["api"] }] }, pod), false);
        assert.equal(selects({ matchExpressions: [{ key: "app", operator: "NotIn", values: ["api"] }] }, pod), true);
        assert.equal(selects({ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] }, pod), true);
        assert.equal(selects({ matchExpressions: [{ key: "tier", operator: "Exists" }] }, pod), true);
        assert.equal(selects({ matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] }, pod), false);
        assert.equal(selects({ matchExpressions: [{ key: "tier", operator: "Near", values: [] }] }, pod), false);
    });
    test("an unknown part decides nothing unless a known part already excludes the pod", () => {
        assert.equal(selects({ matchLabels: { app: UNKNOWN } }, pod), UNKNOWN);
        assert.equal(selects({ matchLabels: { app: UNKNOWN, tier: "back" } }, pod), false);
        assert.equal(selects(UNKNOWN, pod), UNKNOWN);
        assert.equal(selects({ matchLabels: { app: "web" } }, { app: UNKNOWN }), UNKNOWN);
    });
});
