/**
 * pulumi-policy TestRuntimeData (tests/integration/runtime_data): `pulumi up` with two config values set; in
 * resource and stack validation, the pack's isDryRun, project, stack and config must be the program's (upstream the
 * pack asserts them, failing the run otherwise). Both phases of `pulumi up` are checked: isDryRun differs.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { check, PROJECT, reportedOnce, STACK } from "./lib/check";
import type { Outcome } from "./lib/check";

const run = (mode: "preview" | "up") => check({
    program: "tests/fidelity/runtime-data/program.ts", mode, packs: ["tests/fidelity/runtime-data/pack"],
    config: { greeting: "hello from the stack", "aws:region": "ap-southeast-2" },
});

interface Facts {
    program: { dryRun: boolean; project: string; stack: string; allConfig: Record<string, string> };
    pack: { dryRun: boolean; project: string; stack: string; allConfig: Record<string, string>; greeting: string; region: string };
}

describe("runtime_data: a pack sees the run as the program does", () => {
    const outcomes: Partial<Record<"preview" | "up", Outcome>> = {};
    before(async () => {
        [outcomes.preview, outcomes.up] = await Promise.all([run("preview"), run("up")]);
    });

    for (const mode of ["preview", "up"] as const) {
        for (const policy of ["report-facts-of-resource", "report-facts-in-stack"]) {
            test(`${mode}, ${policy}: isDryRun, project, stack and all config are the program's`, () => {
                const o = outcomes[mode]!;
                assert.equal(o.code, 0, o.error);
                const { program, pack } = reportedOnce<Facts>(o, policy);
                assert.deepEqual(program, { dryRun: mode === "preview", project: PROJECT, stack: STACK, allConfig: program.allConfig });
                assert.equal(pack.dryRun, program.dryRun);
                assert.equal(pack.project, program.project);
                assert.equal(pack.stack, program.stack);
                assert.deepEqual(pack.allConfig, program.allConfig);
            });

            test(`${mode}, ${policy}: the pack reads the project's and a provider's config values`, () => {
                const { program, pack } = reportedOnce<Facts>(outcomes[mode]!, policy);
                assert.equal(pack.greeting, "hello from the stack");
                assert.equal(pack.region, "ap-southeast-2");
                assert.equal(program.allConfig[`${PROJECT}:greeting`], "hello from the stack");
            });
        }
    }
});
