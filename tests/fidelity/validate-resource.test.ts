/**
 * pulumi-policy TestValidateResource (tests/integration/validate_resource): eleven `pulumi up` steps, each with one
 * resource; the violating steps must fail with `[mandatory]  <policy>  (<type>: <name>)`, the description and the
 * message, the others must pass. Analyze is per resource, so the passing steps share one run and the failing steps
 * another; step 1 (no resources) runs alone. `pulumi up` previews first and stops there when a mandatory policy
 * fails, so the failing steps run as that preview; the passing ones go on to the update, run as `up`.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { check, DYNAMIC_TYPE, reportOf, urnOf, violationsOn } from "./lib/check";
import type { Outcome } from "./lib/check";

const run = (steps: number[], mode: "preview" | "up") => check({
    program: "tests/fidelity/validate-resource/program.ts", mode, packs: ["tests/fidelity/validate-resource/pack"], config: { steps },
});

const dynamic = (name: string) => urnOf(DYNAMIC_TYPE, name);

describe("validate_resource: resource policies decide `pulumi up`", () => {
    let empty: Outcome;
    let passing: Outcome;
    let failing: Outcome;
    before(async () => {
        [empty, passing, failing] = await Promise.all([run([], "up"), run([2, 8, 10, 11], "up"), run([3, 4, 5, 6, 7, 9], "preview")]);
    });

    test("step 1: a stack with no resources passes", () => {
        assert.equal(empty.code, 0, empty.error);
        assert.deepEqual(reportOf(empty).analysis.violations, []);
    });

    test("steps 2, 8, 10, 11: a compliant dynamic resource, a RandomUuid with keepers, a RandomPassword that isType/asType read, and a 5 MiB input all pass", () => {
        assert.equal(passing.code, 0, passing.error);
        assert.deepEqual(reportOf(passing).analysis.violations, []);
        const names = reportOf(passing).run.resources.map((r) => r.name);
        for (const n of ["plain", "kept-uuid", "admin-password", "bulky"]) assert.ok(names.includes(n), `${n} was not registered`);
    });

    test("the failing steps fail the run", () => {
        assert.equal(failing.code, 1, failing.error);
    });

    test("step 3: the first policy blocks its resource", () => {
        assert.deepEqual(violationsOn(failing, dynamic("gold-item")), [{
            policy: "forbid-gold-tier", level: "mandatory", urn: dynamic("gold-item"),
            description: "Prohibits the gold tier on dynamic resources.", message: "'tier' must not be gold.",
        }]);
    });

    test("step 4: a second policy of the same pack blocks its resource", () => {
        assert.deepEqual(violationsOn(failing, dynamic("silver-item")), [{
            policy: "forbid-silver-tier", level: "mandatory", urn: dynamic("silver-item"),
            description: "Prohibits the silver tier on dynamic resources.", message: "'tier' must not be silver.",
        }]);
    });

    test("steps 5 and 6: each validation function of a policy with two reports under that policy", () => {
        const description = "Prohibits the bronze and copper tiers on dynamic resources.";
        assert.deepEqual(violationsOn(failing, dynamic("bronze-item")), [{
            policy: "forbid-bronze-or-copper-tier", level: "mandatory", urn: dynamic("bronze-item"), description, message: "'tier' must not be bronze.",
        }]);
        assert.deepEqual(violationsOn(failing, dynamic("copper-item")), [{
            policy: "forbid-bronze-or-copper-tier", level: "mandatory", urn: dynamic("copper-item"), description, message: "'tier' must not be copper.",
        }]);
    });

    test("step 7: validateResourceOfType blocks a RandomUuid without keepers", () => {
        const urn = urnOf("random:index/randomUuid:RandomUuid", "bare-uuid");
        assert.deepEqual(violationsOn(failing, urn), [{
            policy: "require-uuid-keepers", level: "mandatory", urn,
            description: "Prohibits a RandomUuid without keepers.", message: "A RandomUuid needs at least one keeper.",
        }]);
    });

    // analyze_snapshot.go analyzeResource: every diagnostic of Analyze goes to OnPolicyViolation(r.URN, d), whatever
    // URN the pack put in it; upstream expects `(pulumi-nodejs:dynamic:Resource: e)`.
    test("step 9: a URN given to reportViolation in validateResource is ignored: the violation is the resource's", () => {
        assert.deepEqual(violationsOn(failing, dynamic("tin-item")), [{
            policy: "forbid-tin-tier", level: "mandatory", urn: dynamic("tin-item"),
            description: "Prohibits the tin tier on dynamic resources.", message: "'tier' must not be tin.",
        }]);
    });

    test("nothing else is reported", () => {
        assert.equal(reportOf(failing).analysis.violations.length, 6);
        assert.deepEqual(reportOf(failing).analysis.deferred, []);
    });
});
