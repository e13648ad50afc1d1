/**
 * Each Pod Security fact is reported by one policy: enforce-pod-security-standard leaves the control parts a dedicated
 * policy owns (lib/k8s-pss-owners.ts) to that policy, and the owner reads the same objects the standard does.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { allPartKeys } from "../../policy-packs/kill-chain/lib/k8s-pss";
import { PSS_OWNERS, ownershipSummary } from "../../policy-packs/kill-chain/lib/k8s-pss-owners";
import { kubernetesPolicies } from "../../policy-packs/kill-chain/policies/kubernetes";
import { one, withConfig } from "./aws-helpers";
import { cronJob, deployment, pod, podSpec, withProp } from "./k8s-fixtures";
import type { TestResource } from "./harness";

const byName = new Map(kubernetesPolicies.map((p) => [p.name, p as ResourceValidationPolicy]));
const STANDARD = "enforce-pod-security-standard";
const POD_SECURITY = [STANDARD, ...new Set(Object.values(PSS_OWNERS))];

/** Every violation of the standard (at `level`) and its owners, as `policy: message`. */
async function findings(r: TestResource, level = "restricted"): Promise<string[]> {
    const out: string[] = [];
    for (const name of POD_SECURITY) {
        const policy = name === STANDARD ? withConfig(byName.get(name)!, { level }) : byName.get(name)!;
        for (const v of (await one(policy, r)).violations) out.push(`${name}: ${v.message}`);
    }
    return out;
}

const SPEC = ["spec", "template", "spec"];
const C0 = [...SPEC, "containers", 0, "securityContext"];
const customResource = (type: string, template: Record<string, unknown>): TestResource =>
    ({ type, name: "cr", props: { metadata: { name: "app", namespace: "telemetry" }, spec: { template } } });
const privilegedSpec = withProp({ type: "x", props: podSpec() }, ["containers", 0, "securityContext", "privileged"], true).props as Record<string, unknown>;

describe("Pod Security ownership: the table names real control parts and real policies", () => {
    test("every owned part is a part of a Pod Security control", () => {
        const parts = allPartKeys();
        for (const part of Object.keys(PSS_OWNERS)) assert.ok(parts.includes(part), `${part} is not one of ${parts.join(", ")}`);
    });
    test("every owner is a policy of the pack", () => {
        for (const owner of new Set(Object.values(PSS_OWNERS))) assert.ok(byName.has(owner), owner);
    });
    test("the standard's description names every owner (docs/policies.md is generated from it)", () => {
        const description = byName.get(STANDARD)!.description ?? "";
        assert.ok(description.includes(ownershipSummary()), description);
        for (const owner of new Set(Object.values(PSS_OWNERS))) assert.ok(description.includes(owner), owner);
    });
});

describe("Pod Security ownership: a fact a dedicated policy owns is one finding, on every object that holds a pod spec", () => {
    const privileged: [string, TestResource][] = [
        ["a Deployment", withProp(deployment(), [...C0, "privileged"], true)],
        ["a Pod", withProp(pod(), ["spec", "containers", 0, "securityContext", "privileged"], true)],
        ["a CronJob", withProp(cronJob(), ["spec", "jobTemplate", "spec", "template", "spec", "containers", 0, "securityContext", "privileged"], true)],
        ["a DeploymentPatch", { ...withProp(deployment(), [...C0, "privileged"], true), type: "kubernetes:apps/v1:DeploymentPatch" }],
        ["a DeploymentList item", { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [withProp(deployment(), [...C0, "privileged"], true).props] } }],
        ["an Argo Rollout (custom resource)", customResource("kubernetes:argoproj.io/v1alpha1:Rollout", { spec: privilegedSpec })],
        ["a Knative Service (custom resource)", customResource("kubernetes:serving.knative.dev/v1:Service", { spec: privilegedSpec })],
    ];
    for (const [what, r] of privileged) {
        test(`a privileged container in ${what} yields exactly one finding, from disallow-privileged-containers`, async () => {
            const found = await findings(r);
            assert.equal(found.length, 1, found.join("\n"));
            assert.match(found[0]!, /^disallow-privileged-containers: .*securityContext\.privileged is true/);
        });
    }
    const others: [string, TestResource, RegExp][] = [
        ["a hostNetwork pod", withProp(deployment(), [...SPEC, "hostNetwork"], true), /^disallow-host-network: .*spec\.template\.spec\.hostNetwork is true/],
        ["a hostPID pod", withProp(deployment(), [...SPEC, "hostPID"], true), /^disallow-host-namespaces: .*hostPID is true/],
        ["a hostPath volume", withProp(deployment(), [...SPEC, "volumes", 0], { name: "root", hostPath: { path: "/" } }), /^disallow-host-namespaces: .*volumes\[0\]\.hostPath/],
        ["a hostPort", withProp(deployment(), [...SPEC, "containers", 0, "ports"], [{ containerPort: 80, hostPort: 80 }]), /^disallow-host-namespaces: .*hostPort is 80/],
        ["allowPrivilegeEscalation true", withProp(deployment(), [...C0, "allowPrivilegeEscalation"], true), /^disallow-privileged-containers: .*allowPrivilegeEscalation is true/],
        ["an added SYS_ADMIN", withProp(deployment(), [...C0, "capabilities", "add"], ["SYS_ADMIN"]), /^disallow-privileged-containers: .*adds SYS_ADMIN/],
    ];
    for (const [what, r, expected] of others) {
        test(`${what} yields exactly one finding, from its owner`, async () => {
            const found = await findings(r);
            assert.equal(found.length, 1, found.join("\n"));
            assert.match(found[0]!, expected);
        });
    }
    test("a Windows pod adding SYS_ADMIN is still refused (baseline refuses it there; the owner refuses it on every OS)", async () => {
        const r = withProp(withProp(deployment(), [...SPEC, "os"], { name: "windows" }), [...C0, "capabilities", "add"], ["SYS_ADMIN"]);
        for (const level of ["baseline", "restricted"]) {
            const found = await findings(r, level);
            assert.deepEqual(found.map((f) => f.split(":")[0]), ["disallow-privileged-containers"], found.join("\n"));
        }
    });
    test("the standard still reports what no policy owns: capabilities.drop without ALL, next to the owner's added capability", async () => {
        const r = withProp(withProp(deployment(), [...C0, "capabilities", "add"], ["SYS_ADMIN"]), [...C0, "capabilities", "drop"], ["NET_RAW"]);
        const found = await findings(r);
        assert.equal(found.length, 2, found.join("\n"));
        assert.ok(found.some((f) => f.startsWith(`${STANDARD}: `) && f.includes("[capabilities_restricted]") && f.includes("capabilities.drop")
            && !f.includes("SYS_ADMIN")), found.join("\n"));
    });
});
