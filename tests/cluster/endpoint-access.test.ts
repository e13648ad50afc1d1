import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { endpointAccess, validatePublicAccessCidrs } from "../../infra/cluster/endpoint-access";
import { hasNoHostBits, parseIpv4Prefix } from "../../infra/network/cidr";
import { ValidationError } from "../../infra/lib/validation";

const SETTING = "hardened-stack:cluster.publicAccessCidrs";
const reject = (value: unknown, message: RegExp) => assert.throws(() => validatePublicAccessCidrs(value, SETTING), (e: unknown) => {
    assert.ok(e instanceof ValidationError);
    assert.match(e.message, message);
    return true;
});

describe("validatePublicAccessCidrs", () => {
    test("`undefined` keeps the endpoint private", () => {
        assert.equal(validatePublicAccessCidrs(undefined, SETTING), undefined);
        assert.deepEqual(endpointAccess(undefined), { endpointPrivateAccess: true, endpointPublicAccess: false });
    });

    test("a narrow office range is accepted and opens the public endpoint to it alone", () => {
        const cidrs = validatePublicAccessCidrs(["203.0.113.0/24", "198.51.100.17/32"], SETTING);
        assert.deepEqual(endpointAccess(cidrs), { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "198.51.100.17/32"] });
    });

    test("`[]` is rejected: EKS would read it as 0.0.0.0/0", () => reject([], /^invalid hardened-stack:cluster\.publicAccessCidrs: \[\] — must not be empty/));
    test("`0.0.0.0/0` is rejected", () => reject(["0.0.0.0/0"], /publicAccessCidrs\[0\]: "0\.0\.0\.0\/0" — must be \/16 or narrower/));
    test("`::/0` is rejected", () => reject(["::/0"], /publicAccessCidrs\[0\]: "::\/0" — must be an IPv4 CIDR/));
    test("`/8` is rejected", () => reject(["10.0.0.0/8"], /publicAccessCidrs\[0\]: "10\.0\.0\.0\/8" — must be \/16 or narrower/));
    test("`/15` is rejected and `/16` accepted", () => {
        reject(["203.0.0.0/15"], /must be \/16 or narrower/);
        assert.deepEqual(validatePublicAccessCidrs(["203.0.0.0/16"], SETTING), ["203.0.0.0/16"]);
    });
    test("host bits set are rejected", () => reject(["203.0.113.7/24"], /"203\.0\.113\.7\/24" — must not have host bits set/));
    test("the bad entry is named by its index", () => reject(["203.0.113.0/24", "0.0.0.0/0"], /publicAccessCidrs\[1\]/));
    test("malformed entries are rejected", () => {
        for (const bad of ["203.0.113.0", "203.0.113.0/33", "256.0.0.0/16", "203.0.113.00/24", "203.0.113.0/ 24", 42, null]) {
            reject([bad], /publicAccessCidrs\[0\]/);
        }
    });
    test("a string instead of a list is rejected", () => reject("203.0.113.0/24", /must be a list of IPv4 CIDRs/));
    test("duplicates are rejected", () => reject(["203.0.113.0/24", "203.0.113.0/24"], /must not list a CIDR twice/));
    test("more than 40 CIDRs are rejected (EKS limit)", () => {
        const many = Array.from({ length: 41 }, (_, i) => `203.0.${i}.0/24`);
        reject(many, /at most 40/);
    });

    const octet = fc.integer({ min: 0, max: 255 });
    const cidrArb = fc.tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 })).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`);

    test("property: whatever is accepted is IPv4, /16 or narrower, with no host bits", () => {
        fc.assert(fc.property(fc.array(cidrArb, { minLength: 1, maxLength: 5 }), (list) => {
            let accepted: string[] | undefined;
            try {
                accepted = validatePublicAccessCidrs(list, SETTING);
            } catch (e) {
                assert.ok(e instanceof ValidationError);
                return;
            }
            for (const s of accepted!) {
                const c = parseIpv4Prefix(s)!;
                assert.ok(c.prefix >= 16 && hasNoHostBits(c), s);
            }
        }));
    });

    test("property: every prefix broader than /16 is rejected", () => {
        fc.assert(fc.property(octet, octet, fc.integer({ min: 0, max: 15 }), (a, b, p) => {
            assert.throws(() => validatePublicAccessCidrs([`${a}.${b}.0.0/${p}`], SETTING), ValidationError);
        }));
    });
});
