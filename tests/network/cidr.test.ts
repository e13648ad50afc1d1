import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { cidrContains, cidrsOverlap, formatIpv4Cidr, hasNoHostBits, isRfc1918, parseIpv4Cidr, parseIpv4Prefix, planSubnets } from "../../infra/network/cidr";

const parse = (c: string) => {
    const p = parseIpv4Cidr(c);
    assert.ok(p, `expected ${c} to parse`);
    return p;
};

describe("CIDR parsing", () => {
    test("round-trips a network address", () => {
        assert.equal(formatIpv4Cidr(parse("10.40.0.0/16")), "10.40.0.0/16");
        assert.equal(formatIpv4Cidr(parse("192.168.255.240/28")), "192.168.255.240/28");
    });

    for (const bad of ["10.40.0.1/16", "10.40.0.0", "10.40.0.0/33", "256.0.0.0/8", "010.0.0.0/8", "10.0.0.0/-1", " 10.0.0.0/16", "fd00::/8"]) {
        test(`rejects ${JSON.stringify(bad)}`, () => assert.equal(parseIpv4Cidr(bad), undefined));
    }

    test("RFC 1918 membership is by containment, not prefix text", () => {
        assert.ok(isRfc1918(parse("172.31.0.0/16")));
        assert.ok(!isRfc1918(parse("172.32.0.0/16")));
        assert.ok(!isRfc1918(parse("100.64.0.0/16")));
        assert.ok(!isRfc1918(parse("8.0.0.0/16")));
    });
});

describe("subnet plan", () => {
    test("the default /16 over three zones gives /18 node subnets and /28 firewall and egress subnets", () => {
        const plan = planSubnets("10.40.0.0/16", 3);
        assert.deepEqual(plan.private, ["10.40.0.0/18", "10.40.64.0/18", "10.40.128.0/18"]);
        assert.deepEqual(plan.firewall, ["10.40.192.0/28", "10.40.192.16/28", "10.40.192.32/28"]);
        assert.deepEqual(plan.egress, ["10.40.192.48/28", "10.40.192.64/28", "10.40.192.80/28"]);
    });

    test("node subnets do not move when the zone count is the same, whatever the egress mode (plan has no mode input)", () => {
        assert.deepEqual(planSubnets("10.40.0.0/16", 2).private, ["10.40.0.0/18", "10.40.64.0/18"]);
    });

    test("a VPC too small for the zones is refused", () => {
        assert.throws(() => planSubnets("10.0.0.0/24", 6), RangeError);
    });

    const vpcArb = fc.record({
        range: fc.constantFrom("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"),
        prefix: fc.integer({ min: 16, max: 24 }),
        seed: fc.nat(),
        azs: fc.integer({ min: 2, max: 6 }),
    }).map(({ range, prefix, seed, azs }) => {
        const r = parse(range);
        const p = Math.max(prefix, r.prefix);
        const blocks = 2 ** (p - r.prefix);
        const base = r.base + (seed % blocks) * 2 ** (32 - p);
        return { vpc: formatIpv4Cidr({ base, prefix: p }), azs };
    });

    test("property: every planned subnet lies inside the VPC and no two overlap", () => {
        fc.assert(fc.property(vpcArb, ({ vpc, azs }) => {
            let plan;
            try {
                plan = planSubnets(vpc, azs);
            } catch (e) {
                // Only the documented refusal is acceptable, and only for small VPCs.
                return e instanceof RangeError && parse(vpc).prefix >= 23;
            }
            const all = [...plan.private, ...plan.firewall, ...plan.egress].map(parse);
            const v = parse(vpc);
            if (plan.private.length !== azs || plan.firewall.length !== azs || plan.egress.length !== azs) return false;
            if (!all.every((s) => cidrContains(v, s) && s.prefix <= 28)) return false;
            for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) if (cidrsOverlap(all[i], all[j])) return false;
            return true;
        }), { numRuns: 500 });
    });

    test("property: node subnets are all the same size and at least as large as any infra subnet", () => {
        fc.assert(fc.property(vpcArb.filter(({ vpc }) => parse(vpc).prefix <= 22), ({ vpc, azs }) => {
            const plan = planSubnets(vpc, azs);
            const sizes = new Set(plan.private.map((c) => parse(c).prefix));
            return sizes.size === 1 && [...sizes][0] <= 28;
        }), { numRuns: 300 });
    });
});

describe("one parser for the stack's CIDRs", () => {
    test("parseIpv4Prefix keeps host bits that parseIpv4Cidr refuses; both refuse leading zeros in any part", () => {
        assert.deepEqual(parseIpv4Prefix("10.0.1.0/16"), { base: 0x0a000100, prefix: 16 });
        assert.equal(hasNoHostBits(parseIpv4Prefix("10.0.1.0/16")!), false);
        assert.equal(parseIpv4Cidr("10.0.1.0/16"), undefined);
        assert.deepEqual(parseIpv4Cidr("10.0.0.0/16"), { base: 0x0a000000, prefix: 16 });
        for (const bad of ["10.0.0.0/016", "010.0.0.0/16", "10.0.0.0", "10.0.0.0/33", "256.0.0.0/8"]) {
            assert.equal(parseIpv4Prefix(bad), undefined, bad);
        }
    });
});
