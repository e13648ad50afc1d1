/**
 * The packaged components moved to `hardened:index:<Class>` type tokens (what the component provider host
 * constructs). A deployed stack must not see a single resource replaced for it: every URN of the reference program
 * before the move is found again, through the old token kept as an alias.
 *
 * The fixture is the reference program's resource list (`pulumi stack export` shape, URNs, types and parents only)
 * recorded by the offline engine at commit d194f41, the last one before the move.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { runProgram } from "../../engine";
import type { ProgramRun } from "../../engine";
import { TRANSPILE_ONLY_ENV } from "../lib/plan";
import { RENAMED_COMPONENT_TYPES, componentType, withPreviousType } from "../../infra/lib/type-token";

const BEFORE = "tests/components/fixtures/reference-before-index-tokens.state.json";
const oldUrns: string[] = (JSON.parse(readFileSync(BEFORE, "utf8")) as { deployment: { resources: { urn: string }[] } })
    .deployment.resources.map((r) => r.urn);

describe("packaged component type tokens", () => {
    test("each packaged component's token is hardened:index:<class name>, the only module the provider host constructs", () => {
        for (const cls of Object.keys(RENAMED_COMPONENT_TYPES) as (keyof typeof RENAMED_COMPONENT_TYPES)[]) {
            assert.equal(componentType(cls), `hardened:index:${cls}`);
        }
    });

    test("the old token is added as an alias and the caller's own aliases are kept", () => {
        const opts = withPreviousType("HardenedVpc", { aliases: [{ name: "net" }], protect: true });
        assert.deepEqual(opts.aliases, [{ name: "net" }, { type: "hardened:network:Vpc" }]);
        assert.equal(opts.protect, true);
        assert.deepEqual(withPreviousType("IrsaRole").aliases, [{ type: "hardened:identity:IrsaRole" }]);
    });

    // One update preview of the reference program over its deployment from before the move.
    let run: Promise<ProgramRun> | undefined;
    const update = () => (run ??= runProgram({ mode: "preview", state: BEFORE, env: TRANSPILE_ONLY_ENV }));

    test("the fixture predates the move: it holds components under every old token", () => {
        for (const old of Object.values(RENAMED_COMPONENT_TYPES)) {
            assert.ok(oldUrns.some((u) => u.includes(`::${old}::`) || u.includes(`${old}$`)), `no ${old} in the fixture`);
        }
    });

    test("updating a stack deployed before the move deletes nothing: every old URN is found again", async () => {
        const r = await update();
        assert.deepEqual(r.deleted ?? [], []);
    });

    test("updating it creates nothing either: no resource is replaced by a new one under a new URN", async () => {
        const r = await update();
        assert.deepEqual(r.resources.filter((x) => x.step === "create").map((x) => x.urn), []);
        assert.equal(r.resources.filter((x) => !x.synthesized).length, oldUrns.filter((u) => !u.includes("::pulumi:providers:")).length);
    });

    test("the resources under a renamed component were matched through an alias, not by chance", async () => {
        const r = await update();
        const renamed = r.resources.filter((x) => x.urn.includes("hardened:index:"));
        assert.ok(renamed.length > 50, `only ${renamed.length} resources under packaged components`);
        for (const x of renamed) assert.equal(x.options.aliases.length, 1, `${x.urn} matched no old URN`);
        for (const x of renamed) assert.ok(oldUrns.includes(x.options.aliases[0]!), `${x.urn} matched ${x.options.aliases[0]}, not a URN of the fixture`);
    });
});
