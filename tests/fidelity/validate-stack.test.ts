/**
 * pulumi-policy TestValidateStack (tests/integration/validate_stack): ten `pulumi up` steps; a stack policy's
 * violation without a URN is shown against the stack, with one against its resource, and a stack policy at level
 * `remediate` fails the run as a mandatory one. The passing steps share one run, the failing steps another (each
 * policy reports a different message); step 1 (no resources) runs alone. `pulumi up` previews first and stops there
 * when a mandatory policy fails, so the failing steps run as that preview; the passing ones go on to the update, run
 * as `up`.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { check, DYNAMIC_TYPE, reportOf, stackUrn, urnOf, violationsOn } from "./lib/check";
import type { Outcome } from "./lib/check";

const run = (steps: number[], mode: "preview" | "up") => check({
    program: "tests/fidelity/validate-stack/program.ts", mode, packs: ["tests/fidelity/validate-stack/pack"], config: { steps },
});

describe("validate_stack: stack policies decide `pulumi up`", () => {
    let empty: Outcome;
    let passing: Outcome;
    let failing: Outcome;
    before(async () => {
        [empty, passing, failing] = await Promise.all([run([], "up"), run([2, 8, 9], "up"), run([3, 4, 5, 6, 7, 10], "preview")]);
    });

    test("step 1: a stack with no resources passes", () => {
        assert.equal(empty.code, 0, empty.error);
        assert.deepEqual(reportOf(empty).analysis.violations, []);
    });

    test("steps 2, 8, 9: a compliant resource, isType/asType on a RandomPassword, and type filtering of args.resources pass", () => {
        assert.equal(passing.code, 0, passing.error);
        assert.deepEqual(reportOf(passing).analysis.violations, []);
        const names = reportOf(passing).run.resources.map((r) => r.name);
        for (const n of ["plain", "admin-password", "die-a", "die-b", "die-c"]) assert.ok(names.includes(n), `${n} was not registered`);
    });

    test("the failing steps fail the run", () => {
        assert.equal(failing.code, 1, failing.error);
    });

    const onStack = (policy: string, description: string, message: string) => ({ policy, level: "mandatory", urn: stackUrn(), description, message });

    test("steps 3, 4, 6, 7: violations reported without a URN are the stack's", () => {
        const byPolicy = (a: { policy: string }, b: { policy: string }) => a.policy.localeCompare(b.policy);
        const found = violationsOn(failing, stackUrn()).filter((v) => v.policy !== "forbid-raised-flag").sort(byPolicy);
        assert.deepEqual(found, [
            onStack("forbid-gold-tier", "Prohibits the gold tier on dynamic resources.", "'tier' must not be gold."),
            onStack("forbid-silver-tier", "Prohibits the silver tier on dynamic resources.", "'tier' must not be silver."),
            onStack("require-uuid-keepers", "Prohibits a RandomUuid without keepers.", "A RandomUuid needs at least one keeper."),
            onStack("forbid-random-strings", "Prohibits RandomString resources.", "Use a RandomPassword instead of a RandomString."),
        ].sort(byPolicy));
    });

    test("step 5: a violation reported with a resource's URN is that resource's", () => {
        const urn = urnOf(DYNAMIC_TYPE, "bronze-item");
        assert.deepEqual(violationsOn(failing, urn), [{
            policy: "forbid-bronze-tier", level: "mandatory", urn, description: "Prohibits the bronze tier on dynamic resources.", message: "'tier' must not be bronze.",
        }]);
    });

    test("step 10: a stack policy at level remediate is reported as mandatory", () => {
        const v = violationsOn(failing, stackUrn()).find((x) => x.policy === "forbid-raised-flag");
        assert.deepEqual(v, {
            policy: "forbid-raised-flag", level: "mandatory", urn: stackUrn(), description: "Prohibits a raised flag on dynamic resources.", message: "'flag' must not be raised.",
        });
    });

    test("nothing else is reported", () => {
        assert.equal(reportOf(failing).analysis.violations.length, 6);
        assert.deepEqual(reportOf(failing).analysis.deferred, []);
    });
});
