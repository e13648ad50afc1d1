import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseIpv4Cidr } from "../../infra/network/cidr";
import {
    GuardedServiceArgs, assertServiceNotPublic, guardedServiceManifest, isPrivateCidr, validateLoadBalancerName, validateSourceRanges,
} from "../../infra/kubernetes/services";
import { ValidationError } from "../../infra/lib/validation";
import { VPC_CIDR } from "./fixtures";

const CLUSTER_IP: GuardedServiceArgs = {
    namespace: "payments", name: "api", selector: { app: "api" }, ports: [{ name: "https", port: 443, targetPort: 8443 }],
};
const INTERNAL: GuardedServiceArgs = { ...CLUSTER_IP, internalLoadBalancer: { name: "payments-api", sourceRanges: [VPC_CIDR] } };

describe("guardedServiceManifest", () => {
    test("is a ClusterIP Service unless an internal load balancer is asked for", () => {
        const m = guardedServiceManifest(CLUSTER_IP, "svc");
        assert.equal(m.spec.type, "ClusterIP");
        assert.equal(m.metadata.annotations, undefined);
        assert.equal(m.spec.loadBalancerSourceRanges, undefined);
    });
    test("an internal load balancer carries both internal annotations, its name, and private source ranges", () => {
        const m = guardedServiceManifest(INTERNAL, "svc");
        assert.equal(m.spec.type, "LoadBalancer");
        assert.deepEqual(m.metadata.annotations, {
            "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
            "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
            "service.beta.kubernetes.io/aws-load-balancer-name": "payments-api",
        });
        assert.deepEqual(m.spec.loadBalancerSourceRanges, [VPC_CIDR]);
    });
    const bad: Array<[string, GuardedServiceArgs, RegExp]> = [
        ["a NodePort", { ...CLUSTER_IP, ports: [{ name: "x", port: 443, targetPort: 8443, nodePort: 30443 } as never] }, /invalid svc\.ports\[0\]\.nodePort: 30443/],
        ["a world-open source range", { ...INTERNAL, internalLoadBalancer: { name: "payments-api", sourceRanges: ["0.0.0.0/0"] } },
            /invalid svc\.internalLoadBalancer\.sourceRanges\[0\]: "0\.0\.0\.0\/0"/],
        ["a public source range", { ...INTERNAL, internalLoadBalancer: { name: "payments-api", sourceRanges: ["203.0.113.0/24"] } },
            /invalid svc\.internalLoadBalancer\.sourceRanges\[0\]: "203\.0\.113\.0\/24"/],
        ["no source ranges", { ...INTERNAL, internalLoadBalancer: { name: "payments-api", sourceRanges: [] } },
            /invalid svc\.internalLoadBalancer\.sourceRanges: \[\]/],
        ["an unnamed load balancer", { ...INTERNAL, internalLoadBalancer: { name: "", sourceRanges: [VPC_CIDR] } },
            /invalid svc\.internalLoadBalancer\.name: ""/],
        ["a load balancer name over 32 characters", { ...INTERNAL, internalLoadBalancer: { name: "x".repeat(33), sourceRanges: [VPC_CIDR] } },
            /invalid svc\.internalLoadBalancer\.name/],
        ["a load balancer name starting with internal-", { ...INTERNAL, internalLoadBalancer: { name: "internal-api", sourceRanges: [VPC_CIDR] } },
            /invalid svc\.internalLoadBalancer\.name: "internal-api"/],
        ["an empty selector", { ...CLUSTER_IP, selector: {} }, /invalid svc\.selector: \{\}/],
        ["no ports", { ...CLUSTER_IP, ports: [] }, /invalid svc\.ports: \[\]/],
        ["port 0", { ...CLUSTER_IP, ports: [{ name: "x", port: 0, targetPort: 80 }] }, /invalid svc\.ports\[0\]\.port: 0/],
        ["an SCTP port", { ...CLUSTER_IP, ports: [{ name: "x", port: 80, targetPort: 80, protocol: "SCTP" as never }] }, /invalid svc\.ports\[0\]\.protocol: "SCTP"/],
        ["a kube-system namespace", { ...CLUSTER_IP, namespace: "kube-system" }, /invalid svc\.namespace: "kube-system"/],
        ["a name that is not a DNS-1035 label", { ...CLUSTER_IP, name: "1api" }, /invalid svc\.name: "1api"/],
    ];
    for (const [what, args, message] of bad) {
        test(`refuses ${what}`, () => {
            assert.throws(() => guardedServiceManifest(args, "svc"), (e: unknown) => e instanceof ValidationError && message.test(e.message));
        });
    }
});

describe("assertServiceNotPublic", () => {
    const internal = guardedServiceManifest(INTERNAL, "svc");
    test("passes the guarded manifests", () => {
        assertServiceNotPublic(internal, "svc");
        assertServiceNotPublic(guardedServiceManifest(CLUSTER_IP, "svc"), "svc");
    });
    const bad: Array<[string, Parameters<typeof assertServiceNotPublic>[0], RegExp]> = [
        ["a NodePort Service", { spec: { type: "NodePort" } }, /invalid svc\.spec\.type: "NodePort"/],
        ["an ExternalName Service", { spec: { type: "ExternalName" } }, /invalid svc\.spec\.type: "ExternalName"/],
        ["externalIPs", { spec: { type: "ClusterIP", externalIPs: ["198.51.100.7"] } }, /invalid svc\.spec\.externalIPs/],
        ["a LoadBalancer with no annotations (internet-facing by default on the in-tree controller)", { spec: { type: "LoadBalancer", loadBalancerSourceRanges: [VPC_CIDR] } },
            /invalid svc\.metadata\.annotations: \{\}/],
        ["an internet-facing scheme", {
            metadata: { annotations: { ...internal.metadata.annotations, "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" } },
            spec: internal.spec,
        }, /invalid svc\.metadata\.annotations/],
        ["only the new scheme annotation (the in-tree controller ignores it)", {
            metadata: { annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" } }, spec: internal.spec,
        }, /invalid svc\.metadata\.annotations/],
        ["an internal LoadBalancer without source ranges", { metadata: internal.metadata, spec: { type: "LoadBalancer" } },
            /invalid svc\.spec\.loadBalancerSourceRanges: \(unset\)/],
    ];
    for (const [what, service, message] of bad) {
        test(`refuses ${what}`, () => {
            assert.throws(() => assertServiceNotPublic(service, "svc"), (e: unknown) => e instanceof ValidationError && message.test(e.message));
        });
    }
});

describe("private ranges", () => {
    test("RFC 1918 and shared address space are private; the internet is not", () => {
        for (const c of ["10.0.0.0/8", "10.20.0.0/16", "172.16.0.0/12", "172.31.255.0/24", "192.168.1.0/24", "100.64.0.0/16"]) {
            assert.ok(isPrivateCidr(parseIpv4Cidr(c)!), c);
        }
        for (const c of ["0.0.0.0/0", "8.0.0.0/7", "172.32.0.0/16", "11.0.0.0/8", "192.169.0.0/16", "52.218.0.0/17", "100.128.0.0/16"]) {
            assert.ok(!isPrivateCidr(parseIpv4Cidr(c)!), c);
        }
    });
    test("no range wider than a private block is private", () => {
        fc.assert(fc.property(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 255 }), (prefix, first) => {
            const cidr = parseIpv4Cidr(`${first & (0xff << (8 - prefix)) & 0xff}.0.0.0/${prefix}`);
            return cidr === undefined || !isPrivateCidr(cidr);
        }));
    });
    test("validateSourceRanges refuses host bits and non-strings", () => {
        assert.throws(() => validateSourceRanges(["10.20.0.1/16"], "r"), ValidationError);
        assert.throws(() => validateSourceRanges([42], "r"), ValidationError);
        assert.throws(() => validateSourceRanges(undefined, "r"), ValidationError);
    });
    test("validateLoadBalancerName accepts a short name", () => assert.equal(validateLoadBalancerName("metrics-internal", "n"), "metrics-internal"));
});
