/**
 * pulumi-policy TestInvalidPolicy (tests/integration/invalid_policy): three `pulumi up` steps whose pack
 * @pulumi/policy refuses to build; each must fail with the SDK's message. The pack fails as the CLI loads it, before
 * the program runs, so each step loads the packs only (lib/check.ts loadPacks).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadPacks } from "./lib/check";
import type { Outcome } from "./lib/check";

const step = (scenario: number) => loadPacks({
    program: "tests/fidelity/invalid-policy/program.ts", mode: "up", packs: ["tests/fidelity/invalid-policy/pack"], config: { scenario },
});

describe("invalid_policy: a pack @pulumi/policy refuses fails the run", () => {
    let outcomes: Outcome[];
    before(async () => {
        outcomes = await Promise.all([1, 2, 3].map(step));
    });

    const CASES = [
        ["step 1: a policy named all", 'Invalid policy name "all". "all" is a reserved name.'],
        ["step 2: enforcementLevel among a config schema's properties", "enforcementLevel cannot be explicitly specified in properties."],
        ["step 3: enforcementLevel among a config schema's required properties", '"enforcementLevel" cannot be specified in required.'],
    ] as const;
    CASES.forEach(([name, message], i) => {
        test(name, () => {
            assert.equal(outcomes[i]!.code, 2);
            assert.ok(outcomes[i]!.error?.includes(message), outcomes[i]!.error);
        });
    });
});
