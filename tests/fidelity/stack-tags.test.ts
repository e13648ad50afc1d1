/**
 * pulumi-policy TestStackTags (tests/integration/stack_tags): `pulumi up` on a stack tagged with two tags; resource
 * and stack validation must both see them in args.stackTags (upstream the pack asserts each, failing the run
 * otherwise; tags the service adds on its own may be there too). Upstream runs this only against Pulumi Cloud,
 * where stacks have tags; `check --tag` gives them offline.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { check, reportedOnce } from "./lib/check";
import type { Outcome } from "./lib/check";

const TAGS = { owner: "platform-team", "cost-centre": "cc-1042" };

describe("stack_tags: policies see the stack's tags", () => {
    let outcome: Outcome;
    before(async () => {
        outcome = await check({ program: "tests/fidelity/stack-tags/program.ts", mode: "up", packs: ["tests/fidelity/stack-tags/pack"], tags: TAGS });
    });

    for (const policy of ["report-tags-of-resource", "report-tags-in-stack"]) {
        test(`${policy}: both tags, with their values`, () => {
            assert.equal(outcome.code, 0, outcome.error);
            const seen = reportedOnce<Record<string, string>>(outcome, policy);
            for (const [k, v] of Object.entries(TAGS)) assert.equal(seen[k], v, `tag ${k}`);
        });
    }
});
