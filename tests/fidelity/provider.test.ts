/**
 * pulumi-policy TestProvider (tests/integration/provider): `pulumi up`, in which resource and stack validation must
 * see no provider on the Stack and on providers, the default `pulumi-nodejs` provider (named `default`, its inputs
 * the whole stack config by namespaced key) on a dynamic resource, the default provider of the SDK's version
 * (`default_<major>_<minor>_<patch>`) on a RandomUuid, and the explicit provider on a RandomString, both with the
 * version among their inputs (upstream the pack asserts each, failing the run otherwise).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { check, DYNAMIC_TYPE, PROJECT, reportedBy, registeredUrns, reportedOnce, reportOf, stackUrn, urnOf } from "./lib/check";
import type { Outcome } from "./lib/check";

interface SeenProvider { type: string; name: string; urn: string; keys: string[]; version: string | null }

const RANDOM_VERSION = (createRequire(__filename)("@pulumi/random/package.json") as { version: string }).version;
const DEFAULT_RANDOM = `default_${RANDOM_VERSION.replace(/\./g, "_")}`;

describe("provider: policies see each resource's provider", () => {
    let outcome: Outcome;
    let byResource: Map<string, SeenProvider | null>;
    let inStack: Record<string, SeenProvider | null>;
    before(async () => {
        outcome = await check({
            program: "tests/fidelity/provider/program.ts", mode: "up", packs: ["tests/fidelity/provider/pack"], config: { marker: "set by this step" },
        });
        byResource = new Map(reportedBy(outcome, "report-provider-of-resource").map(({ urn, seen }) => [urn, seen as SeenProvider | null]));
        inStack = reportedOnce<Record<string, SeenProvider | null>>(outcome, "report-providers-in-stack");
    });

    const seen = (urn: string, want: Partial<SeenProvider> | null) => {
        for (const [phase, got] of [["validateResource", byResource.get(urn)], ["validateStack", inStack[urn]]] as const) {
            if (want === null) assert.equal(got, null, `${phase}: ${urn}`);
            else for (const [k, v] of Object.entries(want)) assert.deepEqual(got?.[k as keyof SeenProvider], v, `${phase}: ${urn} provider ${k}`);
        }
    };

    test("the run passes, and resource and stack validation see every resource", () => {
        assert.equal(outcome.code, 0, outcome.error);
        assert.deepEqual([...byResource.keys()].sort(), registeredUrns(outcome));
        assert.deepEqual(Object.keys(inStack).sort(), registeredUrns(outcome));
    });

    test("the Stack and the providers have no provider", () => {
        seen(stackUrn(), null);
        for (const r of reportOf(outcome).run.resources.filter((x) => x.type.startsWith("pulumi:providers:"))) seen(r.urn, null);
    });

    test("a dynamic resource: the default pulumi-nodejs provider, given the whole stack config", () => {
        const urn = urnOf("pulumi:providers:pulumi-nodejs", "default");
        seen(urnOf(DYNAMIC_TYPE, "bare"), { type: "pulumi:providers:pulumi-nodejs", name: "default", urn });
        assert.ok(byResource.get(urnOf(DYNAMIC_TYPE, "bare"))?.keys.includes(`${PROJECT}:marker`), "the project's config key, namespaced");
        assert.ok(inStack[urnOf(DYNAMIC_TYPE, "bare")]?.keys.includes(`${PROJECT}:marker`), "the project's config key, namespaced");
    });

    test("a RandomUuid: the default random provider of the SDK's version", () => {
        seen(urnOf("random:index/randomUuid:RandomUuid", "request-id"), {
            type: "pulumi:providers:random", name: DEFAULT_RANDOM, urn: urnOf("pulumi:providers:random", DEFAULT_RANDOM), version: RANDOM_VERSION,
        });
    });

    test("a RandomString given a provider: that provider", () => {
        seen(urnOf("random:index/randomString:RandomString", "token"), {
            type: "pulumi:providers:random", name: "explicit-random", urn: urnOf("pulumi:providers:random", "explicit-random"), version: RANDOM_VERSION,
        });
    });
});
