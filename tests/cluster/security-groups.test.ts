import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { clusterSecurityGroupRules, nodeSecurityGroupRules } from "../../infra/cluster/security-groups";

const base = { vpcCidr: "10.20.0.0/16", s3PrefixListId: "pl-6da54004" };

describe("security group rule generation", () => {
    test("sealed nodes reach only the VPC and S3", () => {
        const { egress } = nodeSecurityGroupRules({ ...base, egressMode: "sealed" });
        assert.deepEqual(egress.map((r) => [r.cidrIpv4 ?? r.prefixListId, r.ipProtocol, r.fromPort, r.toPort]), [
            ["10.20.0.0/16", "-1", undefined, undefined],
            ["pl-6da54004", "tcp", 443, 443],
        ]);
    });

    test("allowlist nodes add HTTPS to anywhere and no other port", () => {
        const { egress } = nodeSecurityGroupRules({ ...base, egressMode: "allowlist" });
        const outside = egress.filter((r) => r.cidrIpv4 !== undefined && r.cidrIpv4 !== base.vpcCidr);
        assert.deepEqual(outside.map((r) => [r.cidrIpv4, r.ipProtocol, r.fromPort, r.toPort]), [["0.0.0.0/0", "tcp", 443, 443]]);
    });

    test("no ingress rule in either group takes a CIDR or prefix list", () => {
        for (const mode of ["sealed", "allowlist"] as const) {
            const rules = [...nodeSecurityGroupRules({ ...base, egressMode: mode }).ingress, ...clusterSecurityGroupRules().ingress];
            for (const r of rules) {
                assert.equal(r.cidrIpv4, undefined, r.role);
                assert.equal(r.prefixListId, undefined, r.role);
                assert.ok(r.peerGroup === "cluster" || r.peerGroup === "node", r.role);
            }
        }
    });

    test("the control plane accepts only HTTPS from nodes", () => {
        assert.deepEqual(clusterSecurityGroupRules().ingress.map((r) => [r.peerGroup, r.ipProtocol, r.fromPort, r.toPort]), [["node", "tcp", 443, 443]]);
    });

    test("rule roles are unique, since they become child names", () => {
        for (const mode of ["sealed", "allowlist"] as const) {
            const n = nodeSecurityGroupRules({ ...base, egressMode: mode });
            const roles = [...n.ingress.map((r) => `in-${r.role}`), ...n.egress.map((r) => `out-${r.role}`)];
            assert.equal(new Set(roles).size, roles.length);
        }
    });
});
