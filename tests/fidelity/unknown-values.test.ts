/**
 * pulumi-policy TestUnknownValues (tests/integration/unknown_values): `pulumi up` on a program whose RandomPet takes
 * its prefix from a RandomString. Its preview phase must show both mandatory policies as advisory
 * `can't run policy '<policy>' from policy pack '<pack>@v<version>' during preview: string value at .prefix can't be
 * known during preview`, the resource one against the RandomPet, and the update must go ahead: once created, the
 * prefix is known and the policies pass.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { check, reportOf, shown, stackUrn, urnOf } from "./lib/check";
import type { Outcome } from "./lib/check";

const run = (mode: "preview" | "up") => check({
    program: "tests/fidelity/unknown-values/program.ts", mode, packs: ["tests/fidelity/unknown-values/pack"],
});

const cantRun = (policy: string) =>
    `can't run policy '${policy}' from policy pack 'fidelity-unknown-values@v0.0.1' during preview: string value at .prefix can't be known during preview`;

describe("unknown_values: a policy reading an unknown value in a preview does not fail `pulumi up`", () => {
    let preview: Outcome;
    let up: Outcome;
    before(async () => {
        [preview, up] = await Promise.all([run("preview"), run("up")]);
    });

    test("preview phase: both policies are advisory can't-run notices, and nothing fails", () => {
        assert.equal(preview.code, 0, preview.error);
        assert.deepEqual(reportOf(preview).analysis.violations, []);
        assert.deepEqual(reportOf(preview).analysis.deferred.map(shown), [
            {
                policy: "read-prefix-of-resource", level: "advisory", urn: urnOf("random:index/randomPet:RandomPet", "mascot"),
                description: "Reads a RandomPet's prefix in resource validation.", message: cantRun("read-prefix-of-resource"),
            },
            {
                policy: "read-prefix-in-stack", level: "advisory", urn: stackUrn(),
                description: "Reads every RandomPet's prefix in stack validation.", message: cantRun("read-prefix-in-stack"),
            },
        ]);
    });

    test("update phase: the prefix is known and both policies pass", () => {
        assert.equal(up.code, 0, up.error);
        assert.deepEqual(reportOf(up).analysis.violations, []);
        assert.deepEqual(reportOf(up).analysis.deferred, []);
    });
});
