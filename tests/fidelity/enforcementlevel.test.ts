/**
 * pulumi-policy TestEnforcementLevel (tests/integration/enforcementlevel): sixteen `pulumi up` steps, one per pair of
 * pack-level and policy-level enforcement (advisory, disabled, mandatory, not set), each with a resource and a stack
 * policy that always report. The policy's level wins; a pack's level applies to policies without one; nothing set is
 * advisory; a disabled policy is never called. Every pair's pack runs in one `pulumi up` here (four packs of four
 * policy levels), the verdict read per policy.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { check, reportOf, stackUrn } from "./lib/check";
import type { Outcome } from "./lib/check";

const LEVELS = ["advisory", "disabled", "mandatory", "unset"] as const;
type Level = (typeof LEVELS)[number];

/** The upstream table: what each step asserts, by pack level then policy level (undefined: nothing reported). */
const EXPECTED: Record<Level, Record<Level, "advisory" | "mandatory" | undefined>> = {
    advisory: { advisory: "advisory", disabled: undefined, mandatory: "mandatory", unset: "advisory" },
    disabled: { advisory: "advisory", disabled: undefined, mandatory: "mandatory", unset: undefined },
    mandatory: { advisory: "advisory", disabled: undefined, mandatory: "mandatory", unset: "mandatory" },
    unset: { advisory: "advisory", disabled: undefined, mandatory: "mandatory", unset: "advisory" },
};

describe("enforcementlevel: pack and policy levels decide how a violation counts", () => {
    let outcome: Outcome;
    before(async () => {
        outcome = await check({
            program: "tests/fidelity/enforcementlevel/program.ts", mode: "up",
            packs: LEVELS.map((l) => `tests/fidelity/enforcementlevel/packs/${l}`),
        });
    });

    test("no disabled policy is called, and the mandatory ones fail the run", () => {
        assert.equal(outcome.code, 1, outcome.error);
    });

    for (const pack of LEVELS) {
        for (const policy of LEVELS) {
            const want = EXPECTED[pack][policy];
            test(`pack ${pack}, policy ${policy}: ${want ?? "nothing"} reported, for every resource and for the stack`, () => {
                const report = reportOf(outcome);
                const found = report.analysis.violations.filter((d) => d.policyPack === `fidelity-level-${pack}`);
                const resource = found.filter((d) => d.policy === `every-resource-${policy}`);
                const stack = found.filter((d) => d.policy === `whole-stack-${policy}`);
                if (want === undefined) {
                    assert.deepEqual([...resource, ...stack], []);
                    return;
                }
                assert.deepEqual(resource.map((d) => [d.urn, d.enforcementLevel, d.description, d.message]),
                    report.run.resources.map((r) => [r.urn, want, "Reports every resource.", `Reports every resource.\nresource ${r.name} reported`]));
                assert.deepEqual(stack.map((d) => [d.urn, d.enforcementLevel, d.message]),
                    [[stackUrn(), want, `Reports the stack.\nstack of ${report.run.resources.length} resources reported`]]);
            });
        }
    }
});
