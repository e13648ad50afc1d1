/**
 * pulumi-policy TestConfig (tests/integration/config): twenty-five `pulumi up` steps, each giving a resource policy
 * (level remediate) and a stack policy (mandatory) a config schema, sometimes initial config from the pack, and
 * sometimes a --policy-pack-config file. In the passing steps the policies must see the expected config (upstream they
 * assert it); in the failing ones the CLI must refuse the config before anything runs, with
 * `validating policy config: <pack> <version>  <policy>: <problem>` per policy. The steps' policies sit side by side
 * in one pack per outcome, so each outcome is one run; the failing one stops where the CLI stops, once the packs are
 * loaded (lib/check.ts loadPacks).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { check, loadPacks, reportedOnce } from "./lib/check";
import type { Outcome } from "./lib/check";

const PROGRAM = "tests/fidelity/config/program.ts";

/** A step's --policy-pack-config entry, for both of its policies. */
function both(step: number, config: object): Record<string, object> {
    return { [`resource-${step}`]: config, [`stack-${step}`]: config };
}

/** Passing steps: the config file's entries and what getConfig must return. */
const PASSING: Record<number, { file?: object; want: unknown; what: string }> = {
    1: { file: { setting: "sunny" }, want: "sunny", what: "a string from the config file" },
    2: { want: "cloudy", what: "the schema's default string" },
    3: { want: 7, what: "the schema's default number" },
    4: { file: { setting: "windy" }, want: "windy", what: "a config file value over the schema's default" },
    5: { want: "cloudy", what: "the schema's default for a required property" },
    16: { file: { setting: 12 }, want: 12, what: "a whole number for type number" },
    17: { file: { setting: 2.5 }, want: 2.5, what: "a fraction for type number" },
    18: { file: { setting: 9 }, want: 9, what: "an integer" },
    19: { file: { setting: true }, want: true, what: "true" },
    20: { file: { setting: false }, want: false, what: "false" },
    21: { file: { setting: { season: "spring" } }, want: { season: "spring" }, what: "an object" },
    22: { file: { setting: ["x", "y", "z"] }, want: ["x", "y", "z"], what: "an array" },
    23: { file: { setting: null }, want: null, what: "null" },
    24: { want: "from the pack", what: "the pack's initial config" },
    25: { file: { setting: "from the file" }, want: "from the file", what: "a config file value over the pack's initial config" },
};

/** Failing steps: the config file's entries and each policy's problems, as the CLI words them. */
const FAILING: Record<number, { file?: object; problems: string[]; what: string }> = {
    6: { problems: ["setting is required"], what: "a required property without a value" },
    7: { problems: ["setting: Invalid type. Expected: string, given: integer"], what: "a default of the wrong type" },
    8: { problems: ["setting: String length must be less than or equal to 4"], what: "a default above maxLength" },
    9: { problems: ["setting: String length must be greater than or equal to 40"], what: "a default below minLength" },
    10: { problems: ['setting: setting must be one of the following: "north", "south"'], what: "a default outside the enum" },
    11: { problems: ['setting: setting does not match: "north"'], what: "a default other than the const" },
    12: { file: { setting: 1 }, problems: ["setting: Invalid type. Expected: string, given: integer"], what: "a config value of the wrong type" },
    13: { file: { setting: "west" }, problems: ['setting: setting must be one of the following: "north", "south"'], what: "a config value outside the enum" },
    14: { file: { setting: "west" }, problems: ['setting: setting does not match: "north"'], what: "a config value other than the const" },
    15: {
        file: { setting: "much too long", count: 3.14 },
        problems: ["count: Invalid type. Expected: integer, given: number", "setting: String length must be less than or equal to 4"],
        what: "several problems at once",
    },
};

function packConfig<T extends { file?: object }>(steps: Record<number, T>): object {
    return Object.assign({}, ...Object.entries(steps).map(([s, { file }]) => (file ? both(Number(s), file) : {})));
}

describe("config: policy config reaches the policies, or the CLI refuses it", () => {
    let passing: Outcome;
    let failing: Outcome;
    before(async () => {
        [passing, failing] = await Promise.all([
            check({ program: PROGRAM, mode: "up", packs: ["tests/fidelity/config/pack"], packConfig: [packConfig(PASSING)] }),
            loadPacks({ program: PROGRAM, mode: "up", packs: ["tests/fidelity/config/invalid-pack"], packConfig: [packConfig(FAILING)] }),
        ]);
    });

    type Seen = Record<string, Record<string, unknown>>;
    const seen = (policy: string) => reportedOnce<Seen>(passing, policy);

    test("the passing steps pass", () => {
        assert.equal(passing.code, 0, passing.error);
    });

    for (const [step, { want, what }] of Object.entries(PASSING)) {
        // Steps 24 and 25: the pack's initial config has no level, which GetAnalyzerInfo sends as ADVISORY (0), and
        // config.go applyConfig puts that over the policy's own `remediate` (analyzer_plugin.go convertPolicyConfig):
        // the remediation is never called.
        const remediated = Number(step) >= 24 ? undefined : { setting: want };
        test(`step ${step}: ${what} reaches getConfig in ${remediated ? "remediateResource, " : ""}validateResource and validateStack`, () => {
            const { remediate, resource } = seen("report-resource-config");
            const { stack } = seen("report-stack-config");
            assert.deepEqual(remediate![step], remediated, "remediateResource");
            assert.deepEqual(resource![step], { setting: want }, "validateResource");
            assert.deepEqual(stack![step], { setting: want }, "validateStack");
        });
    }

    test("the failing steps fail the run before the program runs", () => {
        assert.equal(failing.code, 2);
        assert.match(failing.error ?? "", /^validating policy config: /);
    });

    for (const [step, { problems, what }] of Object.entries(FAILING)) {
        test(`step ${step}: ${what} is refused, for both policies`, () => {
            for (const policy of [`resource-${step}`, `stack-${step}`]) {
                for (const p of problems) {
                    const line = `validating policy config: fidelity-config-invalid 0.0.1  ${policy}: ${p}`;
                    assert.ok(failing.error?.includes(line), `missing: ${line}\nin: ${failing.error}`);
                }
            }
        });
    }

    test("no other problem is reported", () => {
        const count = Object.values(FAILING).reduce((n, f) => n + 2 * f.problems.length, 0);
        assert.equal(failing.error?.split("; validating policy config: ").length, count);
    });
});
