/**
 * pulumi-policy TestResourceOptions (tests/integration/resource_options), step 1: `pulumi up`, in which resource and
 * stack validation must see each resource's options (upstream the pack deep-equals them, failing the run otherwise).
 * Step 2 only removes `protect` so that upstream can destroy the stack (its pack checks nothing then); offline there
 * is no stack to destroy, so it has no counterpart.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { check, DYNAMIC_TYPE, reportedBy, registeredUrns, reportedOnce, reportOf, stackUrn, urnOf } from "./lib/check";
import type { Outcome } from "./lib/check";

const dynamic = (name: string) => urnOf(DYNAMIC_TYPE, name);

const NONE = {
    protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};
const TOP = { ...NONE, parent: stackUrn() };
const timeouts = (createSeconds: number, updateSeconds: number, deleteSeconds: number) => ({ ...TOP, customTimeouts: { createSeconds, updateSeconds, deleteSeconds } });

const EXPECTED: [string, string, object][] = [
    ["the Stack", stackUrn(), NONE],
    ["the default pulumi-nodejs provider", urnOf("pulumi:providers:pulumi-nodejs", "default"), NONE],
    ["a resource without options", dynamic("plain"), TOP],
    ["a RandomUuid without options", urnOf("random:index/randomUuid:RandomUuid", "request-id"), TOP],
    ["protect", dynamic("guarded"), { ...TOP, protect: true }],
    ["ignoreChanges", dynamic("drifting"), { ...TOP, ignoreChanges: ["colour", "size"] }],
    ["deleteBeforeReplace not set", dynamic("dbr-unset"), TOP],
    ["deleteBeforeReplace true", dynamic("dbr-true"), { ...TOP, deleteBeforeReplace: true }],
    ["deleteBeforeReplace false", dynamic("dbr-false"), { ...TOP, deleteBeforeReplace: false }],
    // The engine sends only aliases that matched a resource of the last deployment, and there was none.
    ["an alias to a name no resource had", dynamic("renamed"), TOP],
    ["all three custom timeouts, in seconds", dynamic("slow"), timeouts(90, 7200, 45)],
    ["a create timeout alone", dynamic("slow-create"), timeouts(600, 0, 0)],
    ["an update timeout alone", dynamic("slow-update"), timeouts(0, 90, 0)],
    ["a delete timeout alone", dynamic("slow-delete"), timeouts(0, 0, 420)],
    ["additionalSecretOutputs", dynamic("sealed"), { ...TOP, additionalSecretOutputs: ["colour"] }],
    ["a parent", dynamic("container"), TOP],
    ["a child", urnOf(DYNAMIC_TYPE, "contained", DYNAMIC_TYPE), { ...TOP, parent: dynamic("container") }],
];

describe("resource_options: policies see each resource's options", () => {
    let outcome: Outcome;
    let byResource: Map<string, unknown>;
    let inStack: Record<string, unknown>;
    before(async () => {
        outcome = await check({ program: "tests/fidelity/resource-options/program.ts", mode: "up", packs: ["tests/fidelity/resource-options/pack"] });
        byResource = new Map(reportedBy(outcome, "report-options-of-resource").map(({ urn, seen }) => [urn, seen]));
        inStack = reportedOnce<Record<string, unknown>>(outcome, "report-options-in-stack");
    });

    test("the run passes, and resource and stack validation see every resource", () => {
        assert.equal(outcome.code, 0, outcome.error);
        assert.deepEqual([...byResource.keys()].sort(), registeredUrns(outcome));
        assert.deepEqual(Object.keys(inStack).sort(), registeredUrns(outcome));
    });

    test("the default random provider has no options", () => {
        const provider = reportOf(outcome).run.resources.find((r) => r.type === "pulumi:providers:random")!;
        assert.deepEqual(byResource.get(provider.urn), NONE);
        assert.deepEqual(inStack[provider.urn], NONE);
    });

    for (const [what, urn, want] of EXPECTED) {
        test(`${what}: validateResource and validateStack see the same options`, () => {
            assert.deepEqual(byResource.get(urn), want, "validateResource");
            assert.deepEqual(inStack[urn], want, "validateStack");
        });
    }
});
