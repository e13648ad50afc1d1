/**
 * The pack's shape, checked on every policy of both areas: full metadata, a kill-chain step, mandatory enforcement
 * (low-severity defense in depth may be advisory), its own file and test file, unique stable names, two mandatory
 * policies per kill-chain step, and a docs/policies.md generated from exactly this metadata.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-packs/kill-chain/policies";
import { KILL_CHAIN_STEPS } from "../../policy-packs/kill-chain/lib/policy";
import { DOC_PATH, referencesOf, renderPoliciesDoc, stepOf } from "../../scripts/policies-doc";

type PackPolicy = (ResourceValidationPolicy | StackValidationPolicy) & Policy;
const root = join(__dirname, "..", "..");
const all = policies as PackPolicy[];
const NAME = /^(disallow|require|enforce)-[a-z0-9]+(-[a-z0-9]+)*$/;

describe("policy pack structure: every policy is complete, tested and documented", () => {
    test("the pack has policies", () => assert.ok(all.length > 0));

    test("names are unique", () => {
        const names = all.map((p) => p.name);
        assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
    });

    for (const p of all) {
        describe(p.name, () => {
            test("name starts with disallow-, require- or enforce- and is kebab-case", () => assert.match(p.name, NAME));

            test("has description, severity, remediationSteps and url", () => {
                assert.ok(p.description?.trim(), "description");
                assert.ok(["low", "medium", "high", "critical"].includes(p.severity ?? ""), `severity ${p.severity}`);
                assert.ok(p.remediationSteps?.trim(), "remediationSteps");
                assert.match(p.url ?? "", /^https:\/\//, "url");
            });

            test("framework name, version, reference and specification are all set", () => {
                const f = p.framework;
                assert.ok(f, "framework");
                for (const k of ["name", "version", "reference", "specification"] as const) assert.ok(f[k]?.trim(), `framework.${k}`);
            });

            test("is tagged with its kill-chain step and at least one reference", () => {
                assert.ok(stepOf(p), `tags ${JSON.stringify((p as { tags?: string[] }).tags)} lack kill-chain:<${KILL_CHAIN_STEPS.join("|")}>`);
                assert.ok(referencesOf(p).length >= 1, "references");
            });

            // Only a low-severity, defense-in-depth policy may be advisory; it then does not count as closing its step.
            test("is mandatory unless it is low-severity defense in depth", () => {
                if (p.severity === "low") assert.ok(["mandatory", "advisory"].includes(p.enforcementLevel ?? ""), `enforcementLevel ${p.enforcementLevel}`);
                else assert.equal(p.enforcementLevel, "mandatory");
            });

            test("validates resources or the stack", () =>
                assert.ok(("validateResource" in p && p.validateResource) || ("validateStack" in p && p.validateStack)));

            test("every config property has a default", () => {
                for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {})) {
                    assert.ok((schema as { default?: unknown }).default !== undefined, `configSchema.properties.${k}.default`);
                }
            });

            test("lives in its own file policies/<area>/<name>.ts", () => {
                const files = ["aws", "kubernetes"].map((a) => join(root, "policy-packs/kill-chain/policies", a, `${p.name}.ts`));
                assert.ok(files.some(existsSync), `none of ${files.join(", ")}`);
            });

            test("has a test file named after it", () => {
                const file = join(root, "tests/policies", `${p.name}.test.ts`);
                assert.ok(existsSync(file), file);
            });
        });
    }

    for (const step of KILL_CHAIN_STEPS) {
        test(`kill-chain step "${step}" is closed by at least two mandatory policies`, () => {
            const covering = all.filter((p) => stepOf(p) === step && p.enforcementLevel === "mandatory").map((p) => p.name);
            assert.ok(covering.length >= 2, `${step}: ${covering.join(", ") || "none"}`);
        });
    }

    test("docs/policies.md is generated from the current metadata", () => {
        const current = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, "utf8") : "";
        assert.equal(current, renderPoliciesDoc(), "docs/policies.md is stale: run `node --import tsx scripts/policies-doc.ts`");
    });

    test("the generated document lists every policy", () => {
        const doc = renderPoliciesDoc();
        for (const p of all) assert.ok(doc.includes(`\`${p.name}\``), p.name);
    });
});
