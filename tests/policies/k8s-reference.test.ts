/**
 * The reference Kubernetes layer (tests/programs/k8s-layer.ts: LockedNamespaces, TelemetryReader, read-only RBAC)
 * run through the offline engine in both modes, then through every Kubernetes policy exactly as the engine feeds
 * them: Analyze per resource with its inputs and provider, AnalyzeStack with outputs and dependencies.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { type RecordedResource } from "../../engine";
import { kubernetesPolicies } from "../../policy-packs/kill-chain/policies/kubernetes";
import { analyze, analyzeStack, TestResource, Verdict } from "./harness";
import { runShared, runTest } from "../lib/plan";
import { DEPLOY, PROGRAM } from "../kubernetes/fixtures";

function providerOf(r: RecordedResource, all: RecordedResource[]): TestResource["provider"] {
    if (!r.provider) return undefined;
    const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
    const p = all.find((x) => x.urn === urn);
    return p ? { type: p.type, urn: p.urn, name: p.name, props: p.inputs } : undefined;
}

async function judge(mode: "preview" | "up"): Promise<{ violations: string[]; deferred: string[] }> {
    // The layer as tests/kubernetes/layer.test.ts runs it (deploy, the program's default): one run for both files when
    // they run in one process (scripts/test.mjs).
    const run = await runShared({ program: PROGRAM, mode, config: DEPLOY });
    const out = { violations: [] as string[], deferred: [] as string[] };
    const collect = (name: string, v: Verdict, urn: string) => {
        for (const x of v.violations) out.violations.push(`${name} ${x.urn || urn}: ${x.message}`);
        for (const x of v.deferred) out.deferred.push(`${name} ${x.urn || urn}: ${x.message}`);
    };
    for (const policy of kubernetesPolicies) {
        if ("validateResource" in policy) {
            for (const r of run.resources) {
                const v = await analyze(policy as ResourceValidationPolicy, {
                    type: r.type, name: r.name, urn: r.urn, parent: r.parent, props: r.inputs, provider: providerOf(r, run.resources),
                });
                collect(policy.name, v, r.urn);
            }
        } else {
            const v = await analyzeStack(policy as StackValidationPolicy, run.resources.map((r) => ({
                type: r.type, name: r.name, urn: r.urn, parent: r.parent, props: r.outputs, provider: providerOf(r, run.resources),
                dependencies: r.dependencies, propertyDependencies: r.propertyDependencies,
            })));
            collect(policy.name, v, "");
        }
    }
    return out;
}

describe("the reference Kubernetes layer passes every Kubernetes policy", () => {
    test("preview: zero violations and zero deferrals (every value the policies read is a literal)", async () => {
        const { violations, deferred } = await judge("preview");
        assert.deepEqual(violations, []);
        assert.deepEqual(deferred, []);
    });
    test("up: zero violations and zero deferrals", async () => {
        const { violations, deferred } = await judge("up");
        assert.deepEqual(violations, []);
        assert.deepEqual(deferred, []);
    });
});

async function breaches(step: string, mode: "preview" | "up"): Promise<Set<string>> {
    const run = await runTest({ program: "tests/programs/k8s-breaches.ts", mode, config: { "k8s-breach:step": step } });
    const found = new Set<string>();
    for (const policy of kubernetesPolicies) {
        if ("validateResource" in policy) {
            for (const r of run.resources) {
                const v = await analyze(policy as ResourceValidationPolicy, {
                    type: r.type, name: r.name, urn: r.urn, parent: r.parent, props: r.inputs, provider: providerOf(r, run.resources),
                });
                for (const x of v.violations) if (x.level === "mandatory") found.add(`${policy.name} ${r.name}`);
            }
        } else {
            const v = await analyzeStack(policy as StackValidationPolicy, run.resources.map((r) => ({
                type: r.type, name: r.name, urn: r.urn, parent: r.parent, props: r.outputs, provider: providerOf(r, run.resources),
                dependencies: r.dependencies, propertyDependencies: r.propertyDependencies,
            })));
            for (const x of v.violations) {
                if (x.level === "mandatory") found.add(`${policy.name} ${run.resources.find((r) => r.urn === x.urn)?.name ?? x.urn}`);
            }
        }
    }
    return found;
}

describe("breach replays: each kill-chain step reintroduced in Kubernetes fails on the offending resource", () => {
    const expected: Record<string, string[]> = {
        console: [
            "disallow-kubernetes-admin-consoles dashboard", "disallow-unreviewed-helm-releases dashboard",
            "disallow-public-kubernetes-services dashboard-lb", "disallow-cluster-admin-bindings dashboard-admin",
        ],
        // In preview the Secret's stringData is unknown (computed from the key): the dependency graph decides.
        creds: ["disallow-iam-access-keys-in-kubernetes aws-creds"],
        mining: [
            "require-namespace-default-deny-egress miners", "require-restricted-pod-security miners", "disallow-privileged-containers node-agent",
            "disallow-host-network node-agent", "require-container-limits node-agent", "require-approved-image-registries node-agent",
            "disallow-open-network-policy-egress allow-all-egress", "require-pod-security-audit-and-warn miners",
            "enforce-pod-security-standard node-agent", "enforce-pod-security-standard rollout",
            "require-governed-workload-namespaces rollout", "require-own-image-registries rollout",
        ],
        evasion: ["disallow-guardduty-agent-interference quiet", "disallow-guardduty-agent-interference starve", "disallow-guardduty-agent-admission-blocks gate"],
    };
    const upOnly: Record<string, string[]> = { creds: ["disallow-aws-keys-in-kubernetes aws-creds"] };
    for (const mode of ["preview", "up"] as const) {
        for (const [step, wanted] of Object.entries(expected)) {
            test(`${step} (${mode})`, async () => {
                const found = await breaches(step, mode);
                for (const w of [...wanted, ...(mode === "up" ? upOnly[step] ?? [] : [])]) {
                    assert.ok(found.has(w), `missing "${w}" in ${[...found].join("; ")}`);
                }
            });
        }
    }
});
