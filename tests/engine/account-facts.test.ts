/**
 * The offline account is a fresh account plus what the previous deployment (`--state`) created: invokes that read
 * account state answer from exactly that, say where a real account may differ, and refuse what no state can tell.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProgram } from "../../engine";
import type { ProgramRun } from "../../engine";
import { answerInvoke } from "../../engine/providers/aws-invokes";
import { OWNER_TAG, serviceLinkedRoleMode } from "../../infra/cluster/service-linked-role";
import { TRANSPILE_ONLY_ENV, ofType } from "../lib/plan";
import { exportOf } from "../lib/state";

const PROGRAM = "tests/programs/engine/service-linked-role.ts";
const SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
const config = { "aws:region": "eu-west-1" };
const ctx = { region: "eu-west-1", partition: "aws", accountId: "111122223333" };
const dir = mkdtempSync(join(tmpdir(), "account-facts-"));

describe("the Auto Scaling service-linked role decision (pure)", () => {
    test("missing: create; ours (tagged with this stack): keep declaring it; anyone else's: leave it alone", () => {
        assert.equal(serviceLinkedRoleMode([], undefined, "p/dev"), "create");
        assert.equal(serviceLinkedRoleMode(["AWSServiceRoleForAutoScaling"], "p/dev", "p/dev"), "create");
        assert.equal(serviceLinkedRoleMode(["AWSServiceRoleForAutoScaling"], "p/prod", "p/dev"), "existing");
        assert.equal(serviceLinkedRoleMode(["AWSServiceRoleForAutoScaling"], undefined, "p/dev"), "existing");
    });
});

describe("account-state invokes offline", () => {
    let fresh: ProgramRun;
    let oursAgain: ProgramRun;
    let someoneElses: ProgramRun;
    before(async () => {
        const up = await runProgram({ program: PROGRAM, mode: "up", config, env: TRANSPILE_ONLY_ENV });
        const doc = exportOf(up) as { deployment: { resources: { type: string; outputs: Record<string, unknown> }[] } };
        const ours = join(dir, "ours.json");
        writeFileSync(ours, JSON.stringify(doc));
        const role = doc.deployment.resources.find((r) => r.type === SLR)!;
        role.outputs = { ...role.outputs, tags: { [OWNER_TAG]: "hardened-stack/prod" }, tagsAll: { [OWNER_TAG]: "hardened-stack/prod" } };
        const other = join(dir, "other.json");
        writeFileSync(other, JSON.stringify(doc));
        [fresh, oursAgain, someoneElses] = await Promise.all([
            runProgram({ program: PROGRAM, mode: "preview", config, env: TRANSPILE_ONLY_ENV }),
            runProgram({ program: PROGRAM, mode: "preview", config, env: TRANSPILE_ONLY_ENV, state: ours }),
            runProgram({ program: PROGRAM, mode: "preview", config, env: TRANSPILE_ONLY_ENV, state: other }),
        ]);
    });

    test("a fresh account has no AWSServiceRoleForAutoScaling: the program creates it, and the run says a real account may differ", () => {
        assert.equal(fresh.stackOutputs.mode, "create");
        assert.equal(ofType(fresh, SLR).length, 1);
        assert.ok(fresh.differences.some((d) => d.key === "fresh-account" && !d.strict), JSON.stringify(fresh.differences));
    });

    test("after the first up, the role it created (tagged with its stack) stays declared: the update deletes nothing", () => {
        assert.equal(oursAgain.stackOutputs.mode, "create");
        assert.equal(ofType(oursAgain, SLR)[0]?.step, "same");
    });

    test("a role created by another stack is left alone", () => {
        assert.equal(someoneElses.stackOutputs.mode, "existing");
        assert.equal(ofType(someoneElses, SLR).length, 0);
    });

    test("reads nobody can answer from a state fail closed, naming what is missing", () => {
        assert.throws(() => answerInvoke("aws:iam/getRoles:getRoles", { pathPrefix: "/" }, ctx), /knows the roles of a fresh account only under/);
        assert.throws(() => answerInvoke("aws:iam/getRole:getRole", { name: "AWSServiceRoleForAutoScaling" }, ctx), /couldn't find resource/);
        assert.throws(() => answerInvoke("aws:guardduty/getDetector:getDetector", { id: "12abc34d567e8fa901bc2d34e56789f0" }, ctx),
            /reads GuardDuty detector "12abc34d567e8fa901bc2d34e56789f0" of your account .* which the offline engine does not have/);
        // An AWS-managed prefix list's id and entries are per region: no answer rather than a made-up one.
        assert.throws(() => answerInvoke("aws:ec2/getManagedPrefixList:getManagedPrefixList", { name: "com.amazonaws.eu-west-1.s3" }, ctx),
            /cannot know the id and entries of "com\.amazonaws\.eu-west-1\.s3" .*gateway VPC endpoint's prefixListId/);
    });
});
