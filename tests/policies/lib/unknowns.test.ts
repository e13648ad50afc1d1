// The pack's reading of a preview in which a provider is not yet configured (lib/unknowns.ts): such a resource's
// empty properties are unknown, not absent, and every read of them says so the way @pulumi/policy does.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Reads, UNKNOWN, UnknownValueError, outputsUnknownInPreview, unknownProps } from "../../../policy-packs/kill-chain/lib/unknowns";

const SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("outputsUnknownInPreview", () => {
    test("no properties under a provider with an unknown input (other than version): unknown", () => {
        assert.equal(outputsUnknownInPreview({ props: {}, provider: { props: { kubeconfig: SENTINEL } } }), true);
        assert.equal(outputsUnknownInPreview({ props: {}, provider: { props: { kubeconfig: { nested: [SENTINEL] } } } }), true);
    });
    test("a configured provider, a default provider, or any property at all: not unknown", () => {
        assert.equal(outputsUnknownInPreview({ props: {}, provider: { props: { kubeconfig: "apiVersion: v1" } } }), false);
        assert.equal(outputsUnknownInPreview({ props: {}, provider: { props: { version: SENTINEL } } }), false, "version does not configure a provider");
        assert.equal(outputsUnknownInPreview({ props: {} }), false);
        assert.equal(outputsUnknownInPreview({ props: { metadata: {} }, provider: { props: { kubeconfig: SENTINEL } } }), false);
    });
});

describe("unknownProps", () => {
    test("every read throws UnknownValueError; `in` does not answer absent; Reads turns it into UNKNOWN", () => {
        const props = unknownProps() as Record<string, unknown>;
        assert.throws(() => props.metadata, (e: unknown) => e instanceof UnknownValueError);
        assert.equal("spec" in props, true);
        const reads = new Reads();
        assert.equal(reads.get("metadata.name", () => (props.metadata as Record<string, unknown>).name), UNKNOWN);
        assert.deepEqual(reads.unknownPaths, ["metadata.name"]);
    });
});
