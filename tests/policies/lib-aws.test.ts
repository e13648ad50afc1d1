/** The pack's AWS helpers alone: CIDR reading and IAM document reading that the AWS policies' verdicts rest on. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { cidrContains, isInternetWide, isWholeInternet, parseCidr, withinAllowlist } from "../../policy-packs/kill-chain/lib/cidr";
import { allowsAction, parsePolicyDocument, trustsService, wildcardGrants, wildcardMatches } from "../../policy-packs/kill-chain/lib/iam";
import { restricts } from "../../policy-packs/kill-chain/lib/resource-policies";

const octet = fc.integer({ min: 0, max: 255 });
const v4 = fc.tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 })).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`);

describe("lib/cidr: what counts as the internet", () => {
    test("every spelling of the whole internet is recognised", () => {
        for (const s of ["0.0.0.0/0", "::/0", "0::/0", "::0/0", "0:0:0:0:0:0:0:0/0", " 0.0.0.0/0 "]) assert.ok(isWholeInternet(s), s);
    });
    test("ranges broader than /8 (IPv4) or /16 (IPv6) are internet-wide, narrower ones are not", () => {
        for (const s of ["0.0.0.0/1", "128.0.0.0/1", "64.0.0.0/3", "2000::/3", "::/15"]) assert.ok(isInternetWide(s), s);
        for (const s of ["10.0.0.0/8", "203.0.113.0/24", "2001:db8::/32", "fd00::/16", "10.0.0.1"]) assert.ok(!isInternetWide(s), s);
    });
    test("non-CIDRs are never read as the internet and never throw", () => {
        for (const s of ["", "office", "0.0.0.0/33", "256.0.0.0/0", "1.2.3/0", ":::/0", "1::2::3/0", 42, null, undefined]) {
            assert.equal(parseCidr(s), undefined, String(s));
            assert.equal(isInternetWide(s), false);
        }
    });
    test("a CIDR lies inside itself and inside any shorter prefix of itself", () => {
        fc.assert(fc.property(v4, fc.integer({ min: 0, max: 32 }), (s, shorter) => {
            const c = parseCidr(s)!;
            const outer = `${s.split("/")[0]}/${Math.min(shorter, c.prefix)}`;
            return cidrContains(c, c) && withinAllowlist(s, [outer]);
        }));
    });
    test("a broader range is never inside a narrower allowlist entry", () => {
        assert.ok(!withinAllowlist("203.0.112.0/23", ["203.0.113.0/24"]));
        assert.ok(!withinAllowlist("::/0", ["0.0.0.0/0"]));
    });
});

describe("lib/iam: reading policy documents as IAM does", () => {
    test("wildcards match case-insensitively, and only where written", () => {
        assert.ok(wildcardMatches("s3:Get*", "s3:getobject"));
        assert.ok(wildcardMatches("s3:?etObject", "s3:GetObject"));
        assert.ok(!wildcardMatches("s3:Get*", "s3:PutObject"));
        assert.ok(!wildcardMatches("s3.Get*", "s3XGetObject"), "a dot is literal");
    });
    test("NotAction with Allow grants everything not listed", () => {
        const [s] = parsePolicyDocument({ Statement: { Effect: "Allow", NotAction: "iam:*", Resource: "*" } }).statements!;
        assert.ok(allowsAction(s!, "s3:GetObject"));
        assert.ok(!allowsAction(s!, "iam:PassRole"));
        assert.equal(wildcardGrants(s!).length, 1);
    });
    test("a single Statement object, lower-case element names and string values are accepted", () => {
        const doc = parsePolicyDocument('{"statement":{"effect":"Allow","principal":{"service":"ec2.amazonaws.com"},"action":"sts:AssumeRole"}}');
        assert.ok(trustsService(doc.statements!, "ec2"));
    });
    test("malformed documents are errors, not exceptions", () => {
        for (const raw of ["{", "[]", "{}", '{"Statement":[1]}', '{"Statement":[{"Effect":"Maybe"}]}', 7, null]) {
            assert.ok(parsePolicyDocument(raw).error, String(raw));
        }
    });
    test("an ...IfExists or negated condition does not restrict who gets in", () => {
        assert.ok(restricts({ operator: "StringEquals", key: "aws:SourceVpce", values: ["vpce-1"] }));
        assert.ok(!restricts({ operator: "StringEqualsIfExists", key: "aws:SourceVpce", values: ["vpce-1"] }));
        assert.ok(!restricts({ operator: "StringNotEquals", key: "aws:SourceVpce", values: ["vpce-1"] }));
        assert.ok(!restricts({ operator: "StringLike", key: "aws:PrincipalArn", values: ["*"] }));
    });
});
