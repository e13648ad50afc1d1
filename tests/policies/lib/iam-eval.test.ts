// The path model's IAM evaluation (lib/iam-match.ts, iam-conditions.ts, iam-eval.ts), without the engine.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { matches, matchesEveryWithPrefix, matchesSomeWithPrefix, actionMatches } from "../../../policy-packs/kill-chain/lib/iam-match";
import { evaluateCondition, ipUnionBroad } from "../../../policy-packs/kill-chain/lib/iam-conditions";
import { decide, PolicySource } from "../../../policy-packs/kill-chain/lib/iam-eval";
import { parsePolicyDocument } from "../../../policy-packs/kill-chain/lib/iam";
import { outsideContext, podContext } from "../../../policy-packs/kill-chain/lib/path-scenarios";

const ACCOUNT = "111122223333";
const src = (where: string, ...Statement: Record<string, unknown>[]): PolicySource => ({ where, statements: parsePolicyDocument({ Statement }).statements! });
const OBJECTS = { prefix: "arn:aws:s3:::data-bucket/" };

describe("wildcards with each field's case rule", () => {
    test("actions ignore case; resource ARNs do not", () => {
        assert.equal(actionMatches("S3:get*", "s3:GetObject"), true);
        assert.equal(matches("arn:aws:s3:::Data/*", "arn:aws:s3:::data/x"), false);
    });
    test("a pattern reaches some object of a bucket through ARN wildcards, and not another bucket's", () => {
        assert.equal(matchesSomeWithPrefix("arn:aws:s3:::data-*", "arn:aws:s3:::data-bucket/"), true);
        assert.equal(matchesSomeWithPrefix("arn:aws:s3:::*/reports/*", "arn:aws:s3:::data-bucket/"), true);
        assert.equal(matchesSomeWithPrefix("arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/"), false, "the bucket ARN is not an object");
        assert.equal(matchesSomeWithPrefix("arn:aws:s3:::other/*", "arn:aws:s3:::data-bucket/"), false);
    });
    test("only a pattern that ends in * after the prefix closes every object", () => {
        assert.equal(matchesEveryWithPrefix("arn:aws:s3:::data-bucket/*", "arn:aws:s3:::data-bucket/"), true);
        assert.equal(matchesEveryWithPrefix("arn:aws:s3:::*", "arn:aws:s3:::data-bucket/"), true);
        assert.equal(matchesEveryWithPrefix("arn:aws:s3:::data-bucket/reports/*", "arn:aws:s3:::data-bucket/"), false);
    });
});

describe("conditions in a scenario", () => {
    const outside = outsideContext(ACCOUNT, { kind: "aws", account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:role/x` });
    test("a negated operator on a key absent from the request is true; a positive one false; IfExists true", () => {
        assert.equal(evaluateCondition({ operator: "StringNotEquals", key: "aws:SourceVpce", values: ["vpce-1"] }, outside), true);
        assert.equal(evaluateCondition({ operator: "StringEquals", key: "aws:SourceVpce", values: ["vpce-1"] }, outside), false);
        assert.equal(evaluateCondition({ operator: "StringEqualsIfExists", key: "aws:SourceVpce", values: ["vpce-1"] }, outside), true);
    });
    test("IP ranges whose union is the internet let an internet caller in; one office range does not", () => {
        assert.equal(ipUnionBroad(["0.0.0.0/1", "128.0.0.0/1"]), true);
        assert.equal(ipUnionBroad(["203.0.113.0/24"]), false);
        assert.equal(evaluateCondition({ operator: "IpAddress", key: "aws:SourceIp", values: ["0.0.0.0/1", "128.0.0.0/1"] }, outside), true);
        assert.equal(evaluateCondition({ operator: "IpAddress", key: "aws:SourceIp", values: ["203.0.113.0/24"] }, outside), false);
        assert.equal(evaluateCondition({ operator: "NotIpAddress", key: "aws:SourceIp", values: ["0.0.0.0/1", "128.0.0.0/1"] }, outside), false);
    });
    test("an operator this model does not read (or one named like an object property) is free, never an error", () => {
        assert.equal(evaluateCondition({ operator: "DateGreaterThan", key: "aws:SourceVpce", values: ["2020-01-01"] }, outside), "free");
        assert.equal(evaluateCondition({ operator: "constructor", key: "aws:SourceVpce", values: ["x"] }, outside), "free");
    });
    test("a key the scenario does not model is free; a value not known yet is unknown", () => {
        assert.equal(evaluateCondition({ operator: "StringEquals", key: "aws:RequestTag/team", values: ["a"] }, outside), "free");
        const pod = podContext(ACCOUNT, undefined, true);
        assert.equal(evaluateCondition({ operator: "ArnEquals", key: "aws:PrincipalArn", values: ["arn:aws:iam::1:role/a"] }, pod), "unknown");
    });
});

describe("decisions across identity, resource and endpoint policies", () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/reader`;
    const caller = { kind: "aws" as const, account: ACCOUNT, arn: role };
    const read = src("grant", { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data-bucket/*" });
    const perimeter = src("bucket policy", { Effect: "Deny", Principal: "*", Action: "s3:GetObject*", Resource: "arn:aws:s3:::data-bucket/*", Condition: { StringNotEqualsIfExists: { "aws:VpceAccount": ACCOUNT } } });
    const req = (inside: boolean) => ({ action: "s3:GetObject", resource: OBJECTS, caller, context: inside ? podContext(ACCOUNT, role, true) : outsideContext(ACCOUNT, caller) });

    test("same account: the identity grant suffices inside the perimeter, and the perimeter Deny wins outside", () => {
        assert.equal(decide(req(true), { identity: [read], resource: [perimeter], endpoint: [], resourceAccount: ACCOUNT }).result, "denied", "an endpoint policy allowing nothing denies");
        const endpoint = [src("endpoint", { Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" })];
        assert.equal(decide(req(true), { identity: [read], resource: [perimeter], endpoint, resourceAccount: ACCOUNT }).result, "allowed");
        const outside = decide(req(false), { identity: [read], resource: [perimeter], resourceAccount: ACCOUNT });
        assert.equal(outside.result, "denied");
        assert.match(outside.deniedBy ?? "", /bucket policy Statement\[0\]/);
    });
    test("another account needs the bucket policy to allow it", () => {
        const other = { kind: "aws" as const, account: "444455556666", arn: "arn:aws:iam::444455556666:role/x" };
        const context = outsideContext(ACCOUNT, other);
        assert.equal(decide({ action: "s3:GetObject", resource: OBJECTS, caller: other, context }, { resource: [], resourceAccount: ACCOUNT }).result, "denied");
        const grant = src("bucket policy", { Effect: "Allow", Principal: { AWS: "444455556666" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::data-bucket/*" });
        assert.equal(decide({ action: "s3:GetObject", resource: OBJECTS, caller: other, context }, { resource: [grant], resourceAccount: ACCOUNT }).result, "allowed");
    });
    test("a bucket policy granting the account itself defers to the caller's identity policies", () => {
        const toAccount = src("bucket policy", { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::data-bucket/*" });
        assert.equal(decide(req(false), { identity: [], resource: [toAccount], resourceAccount: ACCOUNT }).result, "denied");
        assert.equal(decide(req(false), { identity: [read], resource: [toAccount], resourceAccount: ACCOUNT }).result, "allowed");
        const toRole = src("bucket policy", { Effect: "Allow", Principal: { AWS: role }, Action: "s3:GetObject", Resource: "arn:aws:s3:::data-bucket/*" });
        assert.equal(decide(req(false), { identity: [], resource: [toRole], resourceAccount: ACCOUNT }).result, "allowed", "naming the role itself suffices");
    });
    test("an unknown or opaque identity policy leaves the answer unknown, with its reason", () => {
        const d = decide(req(true), { identity: [{ where: "x", reason: { path: "policyArn arn:aws:iam::1:policy/p", opaque: true } }], resource: [], resourceAccount: ACCOUNT });
        assert.equal(d.result, "unknown");
        assert.equal(d.reasons[0]!.opaque, true);
    });
    test("a Deny on a subset of the objects does not close the bucket", () => {
        const partial = src("grant", { Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::data-bucket/private/*" });
        assert.equal(decide(req(true), { identity: [read, partial], resource: [], resourceAccount: ACCOUNT }).result, "allowed");
    });
});
