/**
 * pulumi-policy TestDeserialize (tests/integration/deserialize): `pulumi up` on a resource whose inputs are a secret,
 * a file asset, a string asset and archives; remediation, resource validation and stack validation must get the
 * secret's plain value and each asset or archive as its @pulumi/pulumi class with the program's path or text
 * (upstream the pack asserts them, failing the run otherwise). Upstream's archives are a folder and a map of assets:
 * the engine hashes those by writing a tar stream, which the offline engine does not reproduce, so it must refuse
 * them; the archive the policies are checked on here is an archive file.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { check, DYNAMIC_TYPE, reportedBy, urnOf } from "./lib/check";
import type { Outcome } from "./lib/check";

const WANT = {
    fileArchive: { class: "FileArchive", path: "notes.zip" },
    fileAsset: { class: "FileAsset", path: "program.ts" },
    secret: { class: null, value: "open sesame" },
    stringAsset: { class: "StringAsset", text: "plain text" },
};

describe("deserialize: secrets, assets and archives reach policies as the program made them", () => {
    let outcome: Outcome;
    let folders: Outcome;
    const reported = (policy: string): unknown => {
        const found = reportedBy(outcome, policy);
        assert.deepEqual(found.map((f) => f.urn), [urnOf(DYNAMIC_TYPE, "bundle")], `${policy} reports once, on the resource`);
        return found[0]!.seen;
    };
    before(async () => {
        [outcome, folders] = await Promise.all(["program.ts", "folder-archives.ts"].map((p) => check({
            program: `tests/fidelity/deserialize/${p}`, mode: "up", packs: ["tests/fidelity/deserialize/pack"],
        })));
    });

    test("the run passes", () => {
        assert.equal(outcome.code, 0, outcome.error);
    });

    test("remediateResource gets them", () => {
        assert.deepEqual((reported("report-resource-inputs") as { remediate: unknown }).remediate, WANT);
    });

    test("validateResource gets them", () => {
        assert.deepEqual((reported("report-resource-inputs") as { resource: unknown }).resource, WANT);
    });

    test("validateStack gets them", () => {
        assert.deepEqual(reported("report-stack-outputs"), WANT);
    });

    // Fail closed: the real engine computes these archives' hashes from tar streams it writes (archive.go
    // EnsureHashWithWD); the offline engine does not, and refuses rather than send them without.
    test("a folder archive or a map of assets fails the run: the offline engine cannot hash them as the engine does", () => {
        assert.equal(folders.code, 2);
        assert.match(folders.error ?? "", /cannot compute the hash of this archive/);
    });
});
