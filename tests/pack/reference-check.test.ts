/**
 * The project's own pack, started exactly as the Pulumi CLI starts it, on the reference stack: zero violations in
 * both modes, no deferral in `up`, and in `preview` only the deferrals that truly need values known after create.
 */
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { runProgram } from "../../engine";
import { analyzeRun } from "../../engine/analyzer";
import type { AnalysisResult } from "../../engine/analyzer";
import { checkJson } from "../../cli/commands/check";
import { DEFAULT_PACKS } from "../../cli/packs";
import { policies } from "../../policy-packs/kill-chain/policies";

describe("hardened-kill-chain on the reference stack", () => {
    const results: Record<string, AnalysisResult> = {};
    before(async () => {
        for (const mode of ["preview", "up"] as const) results[mode] = await analyzeRun(await runProgram({ mode }), DEFAULT_PACKS);
    });

    test("the pack started through run-policy-pack reports every policy of policies.ts with its metadata", () => {
        const info = results.preview!.packs[0]!;
        assert.equal(info.name, "hardened-kill-chain");
        assert.deepEqual(info.policies.map((p) => p.name).sort(), policies.map((p) => p.name).sort());
        for (const p of info.policies) {
            assert.ok(p.tags.some((t) => t.startsWith("kill-chain:")), `${p.name} has no kill-chain tag`);
            assert.ok(p.remediationSteps && p.url && p.framework?.name, `${p.name} lacks metadata over the wire`);
        }
    });

    for (const mode of ["preview", "up"] as const) {
        test(`zero violations of any level in ${mode} mode`, () => {
            assert.deepEqual(results[mode]!.violations.map((d) => `${d.policy} ${d.urn}: ${d.message}`), []);
        });
    }

    test("zero deferrals in up mode", () => {
        assert.deepEqual(results.up!.deferred, []);
    });

    test("preview deferrals are only the IRSA trust policies (OIDC provider unknown) and the reader grant (key ARN unknown)", () => {
        const deferred = results.preview!.deferred.map((d) => d.message.match(/deferred until apply: (.*)$/)?.[1] ?? d.message);
        const subjects = new Set<string>();
        for (const d of deferred) for (const m of d.matchAll(/(\w+) of (urn:\S+) (?:is|are) unknown/g)) subjects.add(`${m[1]} ${m[2]!.split("::").pop()}`);
        assert.deepEqual([...subjects].sort(), [
            "assumeRolePolicy cluster-vpc-cni-role",
            "assumeRolePolicy telemetry-reader-role",
            "policy telemetry-reader-grants",
        ]);
    });

    test("check --json has exactly the documented shape", async () => {
        const doc = checkJson({ run: await runProgram({ mode: "preview" }), analysis: results.preview! });
        assert.deepEqual(Object.keys(doc), ["resources", "policies", "violations", "deferred"]);
        assert.equal(doc.policies, policies.length);
        for (const d of doc.deferred) assert.deepEqual(Object.keys(d), ["policyPack", "policy", "urn", "message"]);
    });
});
