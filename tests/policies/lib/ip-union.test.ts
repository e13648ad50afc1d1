import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { internetWideUnion, publicCoverage } from "../../../policy-packs/kill-chain/lib/ip-union";

describe("the union of ranges, measured in public address space", () => {
    test("the two halves open the whole public IPv4 internet", () => {
        assert.match(internetWideUnion(["0.0.0.0/1", "128.0.0.0/1"]) ?? "", /\/8s of public IPv4 together/);
    });
    test("a hundred public /8s are internet-wide; one is not; private space never counts", () => {
        const hundred = Array.from({ length: 100 }, (_, i) => `${i + 11}.0.0.0/8`);
        assert.ok(internetWideUnion(hundred));
        assert.equal(internetWideUnion(["52.0.0.0/8"]), undefined);
        assert.equal(internetWideUnion(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]), undefined);
    });
    test("overlapping ranges count once, and except blocks are removed", () => {
        assert.equal(publicCoverage(["52.0.0.0/8", "52.1.0.0/16"], [], 4), 1n << 24n);
        assert.equal(internetWideUnion(["0.0.0.0/0"], ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"]), undefined);
    });
    test("IPv6: ::/0 halves are internet-wide, a /32 is not", () => {
        assert.match(internetWideUnion(["::/1", "8000::/1"]) ?? "", /\/16s of public IPv6/);
        assert.equal(internetWideUnion(["2001:db8::/32"]), undefined);
        assert.equal(internetWideUnion(["fd00::/8", "fe80::/10"]), undefined, "unique-local and link-local are not public");
    });
});
