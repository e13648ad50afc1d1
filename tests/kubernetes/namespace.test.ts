import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
    DEFAULT_CONTAINER_LIMITS, DEFAULT_QUOTA, POD_SECURITY_VERSION, defaultDenySpec, dnsEgressSpec, podSecurityLabels, quotaHard,
    resolveNamespaceSizing, validateNamespaceName, validatePodSecurityVersion,
} from "../../infra/kubernetes/namespace";
import { cpuMillis, memoryBytes } from "../../infra/kubernetes/quantity";
import { DEFAULT_KUBERNETES_VERSION } from "../../infra/cluster/settings";
import { ValidationError } from "../../infra/lib/validation";

describe("validateNamespaceName", () => {
    test("accepts DNS-1123 labels", () => {
        for (const name of ["telemetry", "payments-eu", "a", "a1", "x".repeat(63)]) assert.equal(validateNamespaceName(name, "ns"), name);
    });
    const bad: Array<[string, unknown]> = [
        ["the shared default namespace", "default"],
        ["kube-system", "kube-system"],
        ["kube-public", "kube-public"],
        ["kube-node-lease", "kube-node-lease"],
        ["any kube- prefix", "kube-anything"],
        ["upper case", "Payments"],
        ["a dot", "pay.ments"],
        ["a leading hyphen", "-payments"],
        ["a trailing hyphen", "payments-"],
        ["64 characters", "x".repeat(64)],
        ["an empty name", ""],
        ["a wildcard", "pay*"],
        ["a non-string", 42],
    ];
    for (const [what, value] of bad) {
        test(`refuses ${what}`, () => {
            assert.throws(() => validateNamespaceName(value, "KubernetesLayer.workloadNamespaces[0]"),
                (e: unknown) => e instanceof ValidationError && e.message.startsWith("invalid KubernetesLayer.workloadNamespaces[0]: "));
        });
    }
});

describe("Pod Security Admission labels", () => {
    test("enforce, audit and warn are all restricted and all pinned to the same version", () => {
        assert.deepEqual(podSecurityLabels("v1.35"), {
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/enforce-version": "v1.35",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/audit-version": "v1.35",
            "pod-security.kubernetes.io/warn": "restricted",
            "pod-security.kubernetes.io/warn-version": "v1.35",
        });
    });
    test("the pinned version is the cluster's default Kubernetes version", () => {
        assert.equal(POD_SECURITY_VERSION, `v${DEFAULT_KUBERNETES_VERSION}`);
    });
    for (const value of ["latest", "1.36", "v2.0", "v1.36.1", "", undefined]) {
        test(`refuses the unpinned or malformed version ${JSON.stringify(value) ?? "undefined"}`, () => {
            assert.throws(() => validatePodSecurityVersion(value, "psa"), ValidationError);
        });
    }
});

describe("network policy specs", () => {
    test("default deny selects every pod, covers both directions and allows nothing", () => {
        assert.deepEqual(defaultDenySpec(), { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    });
    test("DNS egress names one peer that is both in kube-system and a kube-dns pod, on UDP and TCP 53 only", () => {
        const spec = dnsEgressSpec();
        assert.deepEqual(spec.policyTypes, ["Egress"]);
        assert.deepEqual(spec.egress, [{
            to: [{
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            }],
            ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
        }]);
    });
});

describe("namespace sizing", () => {
    test("defaults are consistent and the quota forbids LoadBalancer and NodePort Services", () => {
        const sizing = resolveNamespaceSizing(undefined, undefined, "ns");
        assert.deepEqual(sizing, { quota: DEFAULT_QUOTA, limits: DEFAULT_CONTAINER_LIMITS });
        const hard = quotaHard(sizing.quota);
        assert.equal(hard["services.loadbalancers"], "0");
        assert.equal(hard["services.nodeports"], "0");
        assert.deepEqual(Object.keys(hard).sort(),
            ["limits.cpu", "limits.memory", "pods", "requests.cpu", "requests.memory", "services.loadbalancers", "services.nodeports"]);
    });
    test("an internal load balancer allowance never opens NodePorts", () => {
        assert.equal(quotaHard(DEFAULT_QUOTA, 2)["services.loadbalancers"], "2");
        assert.equal(quotaHard(DEFAULT_QUOTA, 2)["services.nodeports"], "0");
    });
    const bad: Array<[string, Parameters<typeof resolveNamespaceSizing>[0], Parameters<typeof resolveNamespaceSizing>[1], RegExp]> = [
        ["a CPU quota that is not a quantity", { limits: { cpu: "four", memory: "8Gi" } }, undefined, /invalid ns\.quota\.limits\.cpu: "four"/],
        ["a memory quota in an unknown unit", { limits: { cpu: "4", memory: "8GB" } }, undefined, /invalid ns\.quota\.limits\.memory: "8GB"/],
        ["a zero CPU quota", { requests: { cpu: "0", memory: "1Gi" } }, undefined, /invalid ns\.quota\.requests\.cpu: "0"/],
        ["requests above limits", { requests: { cpu: "8", memory: "4Gi" } }, undefined, /invalid ns\.quota\.requests\.cpu: "8" — must not exceed/],
        ["zero pods", { pods: 0 }, undefined, /invalid ns\.quota\.pods: 0/],
        ["fractional pods", { pods: 2.5 }, undefined, /invalid ns\.quota\.pods: 2\.5/],
        ["a default request above the default limit", undefined, { defaultRequest: { cpu: "1", memory: "128Mi" } },
            /invalid ns\.containerLimits\.defaultRequest\.cpu: "1"/],
        ["a default limit above the max", undefined, { defaultLimit: { cpu: "500m", memory: "8Gi" } },
            /invalid ns\.containerLimits\.defaultLimit\.memory: "8Gi"/],
        ["a container max above the namespace quota", undefined, { max: { cpu: "16", memory: "4Gi" } },
            /invalid ns\.containerLimits\.max\.cpu: "16" — must not exceed ns\.quota\.limits\.cpu/],
    ];
    for (const [what, quota, limits, message] of bad) {
        test(`refuses ${what}`, () => {
            assert.throws(() => resolveNamespaceSizing(quota, limits, "ns"), (e: unknown) => e instanceof ValidationError && message.test(e.message));
        });
    }
});

describe("quantities", () => {
    test("CPU in cores and millicores", () => {
        assert.equal(cpuMillis("250m"), 250);
        assert.equal(cpuMillis("2"), 2000);
        assert.equal(cpuMillis("0.5"), 500);
        for (const v of ["", "m", "1.5m", "-1", "1e3", "1 CPU", "0.0001"]) assert.equal(cpuMillis(v), undefined, v);
    });
    test("memory in binary and decimal units", () => {
        assert.equal(memoryBytes("128Mi"), 128 * 1024 ** 2);
        assert.equal(memoryBytes("1Gi"), 1024 ** 3);
        assert.equal(memoryBytes("500M"), 500e6);
        assert.equal(memoryBytes("1024"), 1024);
        for (const v of ["", "1GB", "1.5Gi", "-1Mi", "Mi", "1 Gi"]) assert.equal(memoryBytes(v), undefined, v);
    });
    test("millicores and cores agree", () => {
        fc.assert(fc.property(fc.integer({ min: 1, max: 64 }), (cores) => cpuMillis(`${cores}`) === cpuMillis(`${cores * 1000}m`)));
    });
});
