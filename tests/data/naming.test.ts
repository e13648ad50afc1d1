import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
    accountRegionalName, bucketNameProblem, derivedBucketName, globalName, GlobalNameParts, validateBucketName,
} from "../../infra/lib/naming";

const ENV = { accountId: "111122223333", region: "eu-west-1" };

// Small alphabets make the generator hit the hard cases often: parts that differ only by case, by a hyphen in a
// different place, or by being cut at 63 characters.
const tricky = fc.oneof(
    fc.stringMatching(/^[a-bA-B0-1._-]{0,8}$/),
    fc.constantFrom("hardened-stack", "hardened", "stack-dev", "dev", "Dev", "telemetry", "trail", "xn", "sthree", "amzn-s3-demo", ""),
    fc.string({ maxLength: 80, unit: "binary" }),
);
const account = fc.oneof(fc.constantFrom("111122223333", "444455556666"), fc.stringMatching(/^\d{1,13}$/));
const region = fc.oneof(fc.constantFrom("eu-west-1", "us-gov-west-1", "cn-north-1", "ap-southeast-2"), fc.stringMatching(/^[a-z0-9-]{0,16}$/));
const parts: fc.Arbitrary<GlobalNameParts> = fc.record({
    project: tricky,
    stack: tricky,
    purpose: tricky,
    env: fc.record({ accountId: account, region }),
});

describe("globalName", () => {
    test("readable when unambiguous: project-stack-purpose-account-region", () => {
        assert.equal(
            globalName({ project: "hardened-stack", stack: "dev", purpose: "telemetry", env: ENV }),
            "hardened-stack-dev-telemetry-111122223333-eu-west-1",
        );
    });

    test("always a valid S3 bucket name, whatever the inputs", () => {
        fc.assert(fc.property(parts, (p) => {
            const name = globalName(p);
            assert.equal(bucketNameProblem(name), undefined, `${JSON.stringify(p)} -> ${name}`);
        }), { numRuns: 3000 });
    });

    test("deterministic: the same inputs give the same name on every run", () => {
        fc.assert(fc.property(parts, (p) => globalName(p) === globalName(structuredClone(p))), { numRuns: 500 });
    });

    test("distinct inputs never share a name (no squatting between stacks, accounts or regions)", () => {
        fc.assert(fc.property(parts, parts, (a, b) => {
            fc.pre(JSON.stringify(a) !== JSON.stringify(b));
            assert.notEqual(globalName(a), globalName(b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        }), { numRuns: 5000 });
    });

    test("inputs that only differ in case or hyphen placement get different names", () => {
        const base = { project: "hardened-stack", stack: "dev", purpose: "telemetry", env: ENV };
        const names = new Set([
            globalName(base),
            globalName({ ...base, stack: "Dev" }),
            globalName({ ...base, project: "hardened", stack: "stack-dev" }),
            globalName({ ...base, stack: "dev-telemetry", purpose: "" }),
        ]);
        assert.equal(names.size, 4);
    });

    test("too long: shortened to 63 characters with a stable hash", () => {
        const long = { project: "a-very-long-project-name-for-a-platform", stack: "production", purpose: "telemetry", env: ENV };
        const name = globalName(long);
        assert.ok(name.length <= 63, name);
        assert.match(name, /^a-very-long-project-name-for-a-platform-production-tel[a-z0-9-]*-[0-9a-f]{8}$/);
        assert.equal(globalName(long), name);
    });

    test("a reserved S3 prefix in the project (sthree-, amzn-s3-demo-) is avoided", () => {
        for (const project of ["sthree", "amzn-s3-demo"]) {
            const name = globalName({ project, stack: "dev", purpose: "logs", env: ENV });
            assert.equal(bucketNameProblem(name), undefined, name);
            assert.ok(name.startsWith("b-"), name);
        }
    });
});

describe("accountRegionalName", () => {
    test("readable form: prefix-purpose-account-region", () => {
        assert.equal(accountRegionalName({ prefix: "hardened-stack-dev", purpose: "trail", env: ENV }), "hardened-stack-dev-trail-111122223333-eu-west-1");
    });

    test("always valid and injective", () => {
        const arb = fc.record({ prefix: tricky, purpose: tricky, env: fc.record({ accountId: account, region }) });
        fc.assert(fc.property(arb, arb, (a, b) => {
            assert.equal(bucketNameProblem(accountRegionalName(a)), undefined);
            fc.pre(JSON.stringify(a) !== JSON.stringify(b));
            assert.notEqual(accountRegionalName(a), accountRegionalName(b));
        }), { numRuns: 3000 });
    });
});

describe("derivedBucketName", () => {
    test("appends the suffix when it fits", () => {
        assert.equal(derivedBucketName("hardened-stack-dev-telemetry-111122223333-eu-west-1", "access-logs"),
            "hardened-stack-dev-telemetry-111122223333-eu-west-1-access-logs");
    });

    test("valid, ends with the suffix, and distinct for distinct bases", () => {
        const base = fc.oneof(tricky, fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/));
        fc.assert(fc.property(base, base, (a, b) => {
            const na = derivedBucketName(a, "access-logs");
            assert.equal(bucketNameProblem(na), undefined, `${a} -> ${na}`);
            assert.ok(na.endsWith("-access-logs"));
            fc.pre(a !== b);
            assert.notEqual(na, derivedBucketName(b, "access-logs"));
        }), { numRuns: 3000 });
    });

    test("a reserved suffix is refused", () => {
        assert.throws(() => derivedBucketName("bucket", "an"), /invalid derivedBucketName\.suffix: "an"/);
    });
});

describe("validateBucketName", () => {
    const rejected: Array<[string, unknown, RegExp]> = [
        ["too short", "ab", /must be 3-63 characters long/],
        ["too long", "a".repeat(64), /must be 3-63 characters long/],
        ["uppercase", "Telemetry", /lowercase letters, digits and hyphens/],
        ["dots", "telemetry.example.com", /no dots/],
        ["IP-like", "192.168.5.4", /no dots/],
        ["leading hyphen", "-telemetry", /begin and end with a letter or digit/],
        ["xn-- prefix", "xn--telemetry", /reserved prefix 'xn--'/],
        ["sthree- prefix", "sthree-telemetry", /reserved prefix 'sthree-'/],
        ["-s3alias suffix", "telemetry-s3alias", /reserved suffix '-s3alias'/],
        ["--x-s3 suffix", "telemetry--x-s3", /reserved suffix '--x-s3'/],
        ["not a string", 42, /must be a string S3 bucket name/],
    ];
    for (const [label, value, message] of rejected) {
        test(`${label} is rejected and the setting is named`, () => {
            assert.throws(() => validateBucketName(value, "hardened-stack:data.bucketName"),
                (e: Error) => e.message.startsWith("invalid hardened-stack:data.bucketName: ") && message.test(e.message));
        });
    }

    test("a plain name passes", () => {
        assert.equal(validateBucketName("telemetry-111122223333", "x"), "telemetry-111122223333");
    });
});
