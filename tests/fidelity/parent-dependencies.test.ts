/**
 * pulumi-policy TestParentDependencies (tests/integration/parent_dependencies): `pulumi up`, after which stack
 * validation must see the Stack and default providers without parent or dependencies, a child with its parent, an
 * explicit dependency without property dependencies, and an implicit one with both (upstream the pack asserts each,
 * failing the run otherwise).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { check, DYNAMIC_TYPE, registeredUrns, reportedOnce, stackUrn, urnOf } from "./lib/check";
import type { Outcome } from "./lib/check";

interface Relation { urn: string; parent: string | null; dependencies: string[]; propertyDependencies: Record<string, string[]>; allResourcesOfTheStack: boolean }

const dynamic = (name: string) => urnOf(DYNAMIC_TYPE, name);
const SEED = urnOf("random:index/randomString:RandomString", "seed");
const PET = urnOf("random:index/randomPet:RandomPet", "pet");

describe("parent_dependencies: stack validation sees parents and dependencies", () => {
    let outcome: Outcome;
    let relations: Map<string, Relation>;
    before(async () => {
        outcome = await check({ program: "tests/fidelity/parent-dependencies/program.ts", mode: "up", packs: ["tests/fidelity/parent-dependencies/pack"] });
        relations = new Map(reportedOnce<Relation[]>(outcome, "report-relations").map((r) => [r.urn, r]));
    });

    const related = (urn: string, parent: string | null, dependencies: string[] = [], propertyDependencies: Record<string, string[]> = {}) => {
        assert.deepEqual(relations.get(urn), { urn, parent, dependencies, propertyDependencies, allResourcesOfTheStack: true });
    };

    test("the run passes and every resource is seen", () => {
        assert.equal(outcome.code, 0, outcome.error);
        assert.deepEqual([...relations.keys()].sort(), registeredUrns(outcome));
    });

    test("the Stack and the default providers have no parent and no dependencies", () => {
        related(stackUrn(), null);
        const providers = [...relations.keys()].filter((u) => u.includes("::pulumi:providers:"));
        assert.deepEqual(providers.map((u) => u.split("::")[2]).sort(), ["pulumi:providers:pulumi-nodejs", "pulumi:providers:random"]);
        for (const p of providers) related(p, null);
    });

    test("a child's parent is its parent resource", () => {
        related(urnOf(DYNAMIC_TYPE, "owned", DYNAMIC_TYPE), dynamic("owner"));
        related(dynamic("owner"), stackUrn());
    });

    test("dependsOn is a dependency and no property dependency", () => {
        related(dynamic("second"), stackUrn(), [dynamic("first")]);
        related(dynamic("first"), stackUrn());
    });

    test("an input from another resource's output is a dependency and that input's property dependency", () => {
        related(PET, stackUrn(), [SEED], { prefix: [SEED] });
        related(SEED, stackUrn());
    });
});
