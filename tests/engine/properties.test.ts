import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ARCHIVE_SIG, ASSET_SIG, OUTPUT_SIG, RESOURCE_SIG, SECRET_SIG, SPECIAL_SIG, UNKNOWN_SENTINEL } from "../../engine/constants";
import {
    AssetValue, Computed, FOR_ANALYZER, FOR_TRANSFORM, OutputValue, ResourceRef, Secret, containsUnknowns, downgradeProperties,
    marshalProperties, outputDependencies, unmarshalProperties, upgradeWithDependencies,
} from "../../engine/properties";
import { parseGoDurationSeconds } from "../../engine/duration";
import { collapseAliasToUrn, generateAliases, nodeCompatAlias } from "../../engine/aliases";

const U = UNKNOWN_SENTINEL.string;
const secret = (value: string) => ({ [SPECIAL_SIG]: SECRET_SIG, value });
const BUCKET = "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b";
const COMP = "urn:pulumi:dev::p::my:x:Comp::c";

describe("property values on the wire, as rpc.go (un)marshals them", () => {
    test("RegisterResource upgrades unknowns and secrets to output values; downgrading gives Computed and Secret back", () => {
        const props = unmarshalProperties({ a: U, s: secret("pw"), n: 1 }, { upgradeToOutputValues: true });
        assert.ok(props.a instanceof OutputValue && !props.a.known);
        assert.ok(props.s instanceof OutputValue && props.s.secret && props.s.value === "pw");
        const down = downgradeProperties(props);
        assert.ok(down.a instanceof Computed);
        assert.ok(down.s instanceof Secret && down.s.value === "pw");
        assert.equal(down.n, 1);
    });

    test("analyzers get a custom resource reference as its ID, unknown until created, and a component's as its URN", () => {
        const props = unmarshalProperties({
            role: { [SPECIAL_SIG]: RESOURCE_SIG, urn: BUCKET, id: "bucket-123" },
            pending: { [SPECIAL_SIG]: RESOURCE_SIG, urn: BUCKET, id: "" },
            comp: { [SPECIAL_SIG]: RESOURCE_SIG, urn: COMP },
        });
        assert.ok(props.role instanceof ResourceRef);
        assert.deepEqual(marshalProperties(props, FOR_ANALYZER), { role: "bucket-123", pending: U, comp: COMP });
    });

    test("transforms get references and output values in full, with dependencies", () => {
        const props = upgradeWithDependencies(unmarshalProperties({ bucket: "b", ref: { [SPECIAL_SIG]: RESOURCE_SIG, urn: BUCKET, id: "x" } }, { upgradeToOutputValues: true }), { bucket: [BUCKET] });
        const wire = marshalProperties(props, FOR_TRANSFORM);
        assert.deepEqual(wire.bucket, { [SPECIAL_SIG]: OUTPUT_SIG, value: "b", dependencies: [BUCKET] });
        assert.deepEqual(wire.ref, { [SPECIAL_SIG]: RESOURCE_SIG, urn: BUCKET, id: "x", name: "b", type: "aws:s3/bucket:Bucket" });
        assert.deepEqual([...outputDependencies(props.bucket, new Set())], [BUCKET]);
    });

    test("an unknown output value marshals as the string sentinel for analyzers, a secret one stays secret", () => {
        const props = unmarshalProperties({
            o: { [SPECIAL_SIG]: OUTPUT_SIG, secret: true },
            k: { [SPECIAL_SIG]: OUTPUT_SIG, value: "v", secret: true, dependencies: [BUCKET] },
        });
        assert.deepEqual(marshalProperties(props, FOR_ANALYZER), { o: secret(U), k: secret("v") });
        assert.ok(containsUnknowns(props.o));
        assert.ok(!containsUnknowns(props.k));
    });

    test("analyzers never see internal keys (SkipInternalKeys), nested ones stay", () => {
        assert.deepEqual(marshalProperties({ __defaults: ["a"], x: { __inner: 1 } }, FOR_ANALYZER), { x: { __inner: 1 } });
    });

    test("typed unknown sentinels keep their kind when not upgraded", () => {
        const p = unmarshalProperties({ b: UNKNOWN_SENTINEL.bool, l: UNKNOWN_SENTINEL.array });
        assert.deepEqual(marshalProperties(p, FOR_ANALYZER), { b: UNKNOWN_SENTINEL.bool, l: UNKNOWN_SENTINEL.array });
    });

    test("a signature the engine does not know is an error, as in rpc.go", () => {
        assert.throws(() => unmarshalProperties({ x: { [SPECIAL_SIG]: "nope" } }), /unrecognized signature 'nope' in property map for x/);
        assert.throws(() => unmarshalProperties({ x: { [SPECIAL_SIG]: SECRET_SIG } }), /malformed RPC secret: missing value for x/);
    });

    test("asset hashes are computed as the engine computes them; a missing file fails the registration", () => {
        const dir = mkdtempSync(join(tmpdir(), "assets-"));
        writeFileSync(join(dir, "a.txt"), "hello");
        mkdirSync(join(dir, "folder"));
        const props = unmarshalProperties({
            text: { [SPECIAL_SIG]: ASSET_SIG, text: "hello" },
            file: { [SPECIAL_SIG]: ASSET_SIG, path: "a.txt" },
            empty: { [SPECIAL_SIG]: ASSET_SIG, text: "" },
        }, { assetRoot: dir });
        const hello = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
        assert.equal((props.text as AssetValue).fields.hash, hello);
        assert.equal((props.file as AssetValue).fields.hash, hello);
        assert.equal((props.empty as AssetValue).fields.hash, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert.throws(() => unmarshalProperties({ f: { [SPECIAL_SIG]: ASSET_SIG, path: "missing.txt" } }, { assetRoot: dir }), /failed to open asset file/);
        assert.throws(() => unmarshalProperties({ f: { [SPECIAL_SIG]: ARCHIVE_SIG, path: "folder" } }, { assetRoot: dir }), /cannot compute the hash of this archive/);
    });
});

describe("custom timeouts parse as Go durations (time.ParseDuration)", () => {
    test("compound and fractional durations", () => {
        assert.equal(parseGoDurationSeconds("1h30m"), 5400);
        assert.equal(parseGoDurationSeconds("1.5h"), 5400);
        assert.equal(parseGoDurationSeconds("90s"), 90);
        assert.equal(parseGoDurationSeconds("300ms"), 0.3);
        assert.equal(parseGoDurationSeconds("0"), 0);
        assert.equal(parseGoDurationSeconds("-2m"), -120);
    });

    test("what Go rejects is rejected with the engine's message", () => {
        for (const bad of ["", "10", "1d", "h", "1h 30m", "1.h.5"]) {
            assert.throws(() => parseGoDurationSeconds(bad), /unable to parse customTimeout Value/, bad);
        }
    });
});

describe("aliases resolve to URNs as the step generator resolves them", () => {
    const ctx = { stack: "dev", project: "p" };
    const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";

    test("a spec fills in name, type, project and stack from the resource; the root Stack is never a parent in a URN", () => {
        assert.equal(collapseAliasToUrn("new", "aws:s3/bucket:Bucket", STACK, { name: "old" }, ctx), "urn:pulumi:dev::p::aws:s3/bucket:Bucket::old");
        assert.equal(collapseAliasToUrn("b", "aws:s3/bucket:Bucket", COMP, { name: "old", noParent: true }, ctx), "urn:pulumi:dev::p::aws:s3/bucket:Bucket::old");
        assert.equal(collapseAliasToUrn("b", "aws:s3/bucket:Bucket", STACK, { parentUrn: COMP }, ctx), "urn:pulumi:dev::p::my:x:Comp$aws:s3/bucket:Bucket::b");
        assert.equal(collapseAliasToUrn("b", "t:m:T", "", { urn: BUCKET }, ctx), BUCKET);
    });

    test("a child of an aliased parent gets the parent's old name prefix", () => {
        const matched = new Map([[COMP, "urn:pulumi:dev::p::my:x:Comp::old"]]);
        assert.deepEqual(generateAliases("c-bucket", "aws:s3/bucket:Bucket", COMP, [], { ...ctx, matchedAliases: matched }),
            ["urn:pulumi:dev::p::my:x:Comp$aws:s3/bucket:Bucket::old-bucket"]);
    });

    test("old Node.js SDKs' parent fields are swapped back (transformAliasForNodeJSCompat)", () => {
        assert.deepEqual(nodeCompatAlias({ name: "a", parentUrn: "" }), { name: "a", noParent: true });
        assert.deepEqual(nodeCompatAlias({ name: "a", noParent: true }), { name: "a" });
        assert.deepEqual(nodeCompatAlias({ name: "a" }), { name: "a", noParent: true });
        assert.deepEqual(nodeCompatAlias({ urn: BUCKET }), { urn: BUCKET });
    });
});
