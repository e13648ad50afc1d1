import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { ExemptionsError, applyExemptions, expiredExemptions, expiredMessage, parseExemptions } from "../../cli/report/exemptions";

const ON = "2026-11-29";
const F = "hardened-stack.exemptions.yaml";
const doc = (entries: unknown[]) => ({ exemptions: entries });
const valid = { policy: "disallow-public-bucket-policy", resource: "public-site-*", reason: "Static website, reviewed in SEC-123", expires: "2027-03-31" };
const urn = (name: string) => `urn:pulumi:dev::hardened-stack::aws:s3/bucketPolicy:BucketPolicy::${name}`;
const finding = (name: string, policy = "disallow-public-bucket-policy") => ({ policyPack: "hardened-kill-chain", policy, urn: urn(name) });

describe("exemptions file", () => {
    test("a valid entry is read, YAML dates included", () => {
        const [e] = parseExemptions(parse(`exemptions:\n  - policy: p\n    resource: r\n    reason: long enough reason\n    expires: 2027-01-02\n`), F, ON);
        assert.equal(e!.expires, "2027-01-02");
        assert.equal(e!.where, `${F}: exemptions[0]`);
    });

    const bad: [string, unknown, RegExp][] = [
        ["not a mapping", [], /must be a mapping with an `exemptions` list/],
        ["an unknown top-level key", { exemptions: [], extra: 1 }, /extra is not a setting/],
        ["no reason", doc([{ ...valid, reason: undefined }]), /exemptions\[0\]\.reason is required/],
        ["a reason that says nothing", doc([{ ...valid, reason: "ok" }]), /exemptions\[0\]\.reason "ok" is too short/],
        ["a resource pattern that matches everything", doc([{ ...valid, resource: "*" }]), /matches every resource/],
        ["a date that does not exist", doc([{ ...valid, expires: "2027-02-30" }]), /exemptions\[0\]\.expires "2027-02-30" must be a date YYYY-MM-DD/],
        ["no expiry", doc([{ ...valid, expires: undefined }]), /exemptions\[0\]\.expires null must be a date/],
        ["an expiry years ahead", doc([{ ...valid, expires: "2030-01-01" }]), /more than 366 days ahead/],
        ["a typo in a field", doc([{ ...valid, polcy: "x" }]), /exemptions\[0\]\.polcy is not a field/],
    ];
    for (const [what, input, message] of bad) {
        test(`refuses ${what} in one line naming the entry`, () => {
            assert.throws(() => parseExemptions(input, F, ON), (e: Error) => e instanceof ExemptionsError && message.test(e.message) && !e.message.includes("\n"));
        });
    }

    test("an expired entry is found and its message says what to do", () => {
        const list = parseExemptions(doc([valid, { ...valid, expires: "2026-11-28" }]), F, "2026-11-01");
        const expired = expiredExemptions(list, ON);
        assert.deepEqual(expired.map((e) => e.where), [`${F}: exemptions[1]`]);
        assert.match(expiredMessage(expired[0]!), /ended 2026-11-28; renew it .* or fix the finding and remove it/);
        assert.deepEqual(expiredExemptions(list, "2026-11-28"), [], "the expiry day itself still applies");
    });
});

describe("applying exemptions", () => {
    const list = parseExemptions(doc([valid, { ...valid, policy: "require-bucket-kms-encryption", resource: urn("logs-*"), reason: "SSE-S3 on purpose, SEC-9" }]), F, ON);

    test("a name pattern exempts only that policy on the matching resources; URN patterns match URNs", () => {
        const r = applyExemptions([finding("public-site-assets"), finding("telemetry-policy"), finding("public-site-x", "other-policy"), finding("logs-1", "require-bucket-kms-encryption")], list);
        assert.deepEqual(r.exempted.map((x) => [x.finding.urn, x.exemption.where]), [[urn("public-site-assets"), `${F}: exemptions[0]`], [urn("logs-1"), `${F}: exemptions[1]`]]);
        assert.deepEqual(r.kept.map((f) => f.urn), [urn("telemetry-policy"), urn("public-site-x")]);
        assert.deepEqual(r.unused, []);
    });

    test("a pinned pack must match; entries that match nothing are listed as unused", () => {
        const pinned = parseExemptions(doc([{ ...valid, policyPack: "other-pack" }]), F, ON);
        const r = applyExemptions([finding("public-site-assets")], pinned);
        assert.equal(r.kept.length, 1);
        assert.deepEqual(r.unused.map((e) => e.where), [`${F}: exemptions[0]`]);
    });

    test("a stack-level finding (no resource) is never exempted", () => {
        const r = applyExemptions([{ policyPack: "hardened-kill-chain", policy: "disallow-public-bucket-policy" }], list);
        assert.equal(r.kept.length, 1);
    });
});
