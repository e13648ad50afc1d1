// Who comes through a trust statement, and when containers reach IMDS (lib/path-doors.ts), without the engine.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { afterDenies, issuerOf, subjectsOf } from "../../../policy-packs/kill-chain/lib/path-doors";
import { parsePolicyDocument } from "../../../policy-packs/kill-chain/lib/iam";

const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/X";
const statement = (Condition?: Record<string, unknown>) => parsePolicyDocument({ Statement: [{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::1:oidc-provider/${ISSUER}` }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) }] }).statements![0]!;

describe("subjectsOf: only a positive condition on :sub narrows who comes through", () => {
    test("StringEquals values are exact subjects, whatever the key's case", () =>
        assert.deepEqual(subjectsOf(statement({ StringEquals: { [`${ISSUER.toUpperCase()}:SUB`]: "system:serviceaccount:a:b" } }), ISSUER), { exact: ["system:serviceaccount:a:b"] }));
    test("StringLike with wildcards gives patterns; without, exact subjects", () => {
        assert.deepEqual(subjectsOf(statement({ StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:a:*" } }), ISSUER), { patterns: ["system:serviceaccount:a:*"] });
        assert.deepEqual(subjectsOf(statement({ StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:a:b" } }), ISSUER), { exact: ["system:serviceaccount:a:b"] });
    });
    for (const [what, cond] of [
        ["no condition", undefined],
        ["only :aud", { StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" } }],
        ["StringLike \"?*\"", { StringLike: { [`${ISSUER}:sub`]: "?*" } }],
        ["StringNotEquals", { StringNotEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:a:b" } }],
        ["StringEqualsIfExists", { StringEqualsIfExists: { [`${ISSUER}:sub`]: "system:serviceaccount:a:b" } }],
    ] as const) {
        test(`${what} lets everyone in`, () => assert.equal(subjectsOf(statement(cond as Record<string, unknown> | undefined), ISSUER), "everyone"));
    }
    test("the issuer of a Federated principal is the part after oidc-provider/", () =>
        assert.equal(issuerOf(`arn:aws:iam::1:oidc-provider/${ISSUER}`), ISSUER));
});

describe("afterDenies: a trust policy's Deny narrows who comes through only where that is sound", () => {
    const FED = `arn:aws:iam::1:oidc-provider/${ISSUER}`;
    const deny = (Condition?: Record<string, unknown>) => parsePolicyDocument({ Statement: [{ Effect: "Deny", Principal: { Federated: FED }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) }] }).statements![0]!;
    const SA = "system:serviceaccount:telemetry:reader";
    test("StringNotEquals on :sub lets in only its values", () =>
        assert.deepEqual(afterDenies("everyone", [deny({ StringNotEquals: { [`${ISSUER}:sub`]: SA } })], FED, ISSUER), { exact: [SA] }));
    test("an unconditional Deny shuts everyone out", () => assert.equal(afterDenies("everyone", [deny()], FED, ISSUER), "nobody"));
    test("StringEquals on :sub shuts those exact subjects out", () =>
        assert.equal(afterDenies({ exact: [SA] }, [deny({ StringEquals: { [`${ISSUER}:sub`]: SA } })], FED, ISSUER), "nobody"));
    test("a Deny with any other condition (or IfExists) is ignored: it could only shut out more", () => {
        assert.equal(afterDenies("everyone", [deny({ StringNotEquals: { [`${ISSUER}:sub`]: SA }, Bool: { "aws:SecureTransport": "false" } })], FED, ISSUER), "everyone");
        assert.equal(afterDenies("everyone", [deny({ StringNotEqualsIfExists: { [`${ISSUER}:sub`]: SA } })], FED, ISSUER), "everyone");
    });
});
