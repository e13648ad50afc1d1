/**
 * pulumi-policy TestRemoteComponent (tests/integration/remote_component): `pulumi up` on a program with a remote
 * component whose provider (a Go plugin) constructs a RandomString from a nested input with an unknown leaf. Upstream
 * the preview phase shows an advisory `can't run policy ... during preview: string value at .keepers.hi can't be
 * known during preview` on that RandomString, and the run succeeds.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { check } from "./lib/check";
import type { Outcome } from "./lib/check";

describe("remote_component: a remote component fails closed offline", () => {
    let outcome: Outcome;
    before(async () => {
        outcome = await check({ program: "tests/fidelity/remote-component/program.ts", mode: "preview", packs: ["tests/fidelity/remote-component/pack"] });
    });

    // Fail closed: the component's children come from its provider plugin's Construct, which does not exist offline;
    // recording the component without them would let every policy on them pass unseen.
    test("the run fails, naming the remote component the engine cannot construct", () => {
        assert.equal(outcome.code, 2);
        assert.match(outcome.error ?? "", /cannot construct the remote component gadgets:index:Gadget/);
    });
});
