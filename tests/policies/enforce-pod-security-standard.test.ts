import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { enforcePodSecurityStandard as policy } from "../../policy-packs/kill-chain/policies/kubernetes/enforce-pod-security-standard";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one, withConfig } from "./aws-helpers";
import { cronJob, deployment, pod, podSpec, withProp } from "./k8s-fixtures";
import type { TestResource } from "./harness";

// Pod Security Admission's own fixtures (kubernetes/pod-security-admission test/testdata, v1.37), read where they are.
const PSS = join(__dirname, "..", "..", "..", "shared", "peer-fixtures", "k8s", "pss");
const VERSION = "v1.37";

/** At restricted, these baseline checks are replaced by the restricted check that refuses the same pods (registry.go). */
const RESTRICTED_OVERRIDES: Record<string, string> = {
    hostpathvolumes: "restrictedVolumes",
    seccompprofile_baseline: "seccompProfile_restricted",
    capabilities_baseline: "capabilities_restricted",
    procmount: "procMount_restricted",
};
/** Every control id, to map a fixture's file name back to its check. */
const CONTROLS = [
    "hostNamespaces", "privileged", "capabilities_baseline", "hostPathVolumes", "hostPorts", "appArmorProfile", "seLinuxOptions", "procMount",
    "seccompProfile_baseline", "sysctls", "windowsHostProcess", "hostProbesAndHostLifecycle", "restrictedVolumes", "allowPrivilegeEscalation",
    "runAsNonRoot", "runAsUser", "seccompProfile_restricted", "capabilities_restricted", "procMount_restricted",
];

/** The control a fixture file was generated for (`runasnonroot2.yaml` -> runAsNonRoot), as the level reports it. */
function expectedControl(level: string, file: string): string {
    const id = file.replace(/\d*\.yaml$/, "");
    if (level === "restricted" && RESTRICTED_OVERRIDES[id]) return RESTRICTED_OVERRIDES[id]!;
    const control = CONTROLS.find((c) => c.toLowerCase() === id);
    assert.ok(control, `no control for fixture ${file}`);
    return control;
}

function fixtures(level: string, verdict: "fail" | "pass"): { file: string; r: TestResource }[] {
    const dir = join(PSS, level, VERSION, verdict);
    return readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((file) => ({
        file, r: { type: "kubernetes:core/v1:Pod", name: file.replace(/\.yaml$/, ""), props: parse(readFileSync(join(dir, file), "utf8")) },
    }));
}

for (const level of ["restricted", "baseline"] as const) {
    describe(`enforce-pod-security-standard (${level}): Pod Security Admission's ${VERSION} fixtures get the admission's verdict at preview`, () => {
        const configured = withConfig(policy, { level });
        const failing = fixtures(level, "fail");
        const passing = fixtures(level, "pass");
        test("the fixtures are there (fail and pass)", () => assert.ok(failing.length > 0 && passing.length > 0));
        for (const { file, r } of failing) {
            // Like the admission's own fixture test (test/fixtures.go: the check id in the error), the fixture's control must
            // be among those named; some fixtures fail others too (a hostProcess pod needs hostNetwork).
            test(`${file} is refused, naming the ${expectedControl(level, file)} control`, async () => {
                const v = await one(configured, r);
                assert.equal(v.violations.length, 1, JSON.stringify(v));
                assert.ok(v.violations[0]!.message.includes(`[${expectedControl(level, file)}]`), v.violations[0]!.message);
            });
        }
        for (const { file, r } of passing) test(`${file} is admitted`, async () => assertClean(await one(configured, r)));
    });
}

const SPEC = ["spec", "template", "spec"];
const C0 = [...SPEC, "containers", 0, "securityContext"];
const customResource = (type: string, spec: Record<string, unknown>): TestResource =>
    ({ type, name: "cr", props: { metadata: { name: "app", namespace: "telemetry" }, spec } });

describe("enforce-pod-security-standard: every object that holds a pod spec meets restricted", () => {
    for (const r of [deployment(), pod(), cronJob()]) test(`the reference ${r.type.split(":").pop()} passes`, async () => assertClean(await one(policy, r)));
    test("a Windows pod with allowPrivilegeEscalation, seccomp and capabilities unset passes (the standard exempts it)", async () => {
        const r = withProp(withProp(withProp(withProp(deployment(), [...SPEC, "os"], { name: "windows" }), [...C0, "allowPrivilegeEscalation"], undefined),
            [...C0, "capabilities"], undefined), [...SPEC, "securityContext", "seccompProfile"], undefined);
        assertClean(await one(policy, withProp(r, [...C0, "seccompProfile"], undefined)));
    });
    test("a user-namespaced pod (hostUsers false) running as uid 0 passes", async () =>
        assertClean(await one(policy, withProp(withProp(withProp(deployment(), [...SPEC, "hostUsers"], false), [...SPEC, "securityContext", "runAsUser"], 0),
            [...C0, "runAsUser"], 0))));
    test("a DeploymentPatch that sets no securityContext passes (the live object owns those fields)", async () =>
        assertClean(await one(policy, { ...withProp(withProp(deployment(), [...SPEC, "securityContext"], undefined), [...C0], undefined),
            type: "kubernetes:apps/v1:DeploymentPatch" })));
    const cases: [string, TestResource, string][] = [
        ["a CronJob running as root", withProp(cronJob(), ["spec", "jobTemplate", "spec", "template", "spec", "securityContext", "runAsUser"], 0),
            "[runAsUser] spec.jobTemplate.spec.template.spec.securityContext.runAsUser is 0"],
        ["a DeploymentPatch adding SYS_ADMIN", { ...withProp(deployment(), [...C0, "capabilities", "add"], ["SYS_ADMIN"]), type: "kubernetes:apps/v1:DeploymentPatch" },
            "[capabilities_restricted] spec.template.spec.containers[0].securityContext.capabilities.add adds SYS_ADMIN"],
        ["a Deployment with seccomp Unconfined", withProp(deployment(), [...SPEC, "securityContext", "seccompProfile", "type"], "Unconfined"),
            "[seccompProfile_restricted] spec.template.spec.securityContext.seccompProfile.type is \"Unconfined\""],
        ["a Deployment with an nfs volume", withProp(deployment(), [...SPEC, "volumes", 0], { name: "pool", nfs: { server: "10.0.0.1", path: "/" } }),
            "[restrictedVolumes] spec.template.spec.volumes[0] uses nfs"],
        ["a Deployment whose pod and container leave runAsNonRoot unset",
            withProp(withProp(deployment(), [...SPEC, "securityContext", "runAsNonRoot"], undefined), [...C0, "runAsNonRoot"], undefined),
            "[runAsNonRoot] spec.template.spec.securityContext.runAsNonRoot is not true and container \"reader\" does not set"],
        ["an OpenShift DeploymentConfig with a privileged container", customResource("kubernetes:apps.openshift.io/v1:DeploymentConfig",
            { template: { metadata: {}, spec: withProp({ type: "x", props: podSpec() }, ["containers", 0, "securityContext", "privileged"], true).props } }),
        "[privileged] spec.template.spec.containers[0].securityContext.privileged is true"],
        ["an Argo Rollout with a hostPath volume", customResource("kubernetes:argoproj.io/v1alpha1:Rollout",
            { template: { spec: { ...podSpec(), volumes: [{ name: "root", hostPath: { path: "/" } }] } } }),
        "[restrictedVolumes] spec.template.spec.volumes[0] uses hostPath"],
        ["a Knative Service whose container allows privilege escalation", customResource("kubernetes:serving.knative.dev/v1:Service",
            { template: { spec: withProp({ type: "x", props: podSpec() }, ["containers", 0, "securityContext", "allowPrivilegeEscalation"], true).props } }),
        "[allowPrivilegeEscalation] spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation is true"],
        ["an AppArmor annotation on a custom resource's pod template", customResource("kubernetes:argoproj.io/v1alpha1:Rollout",
            { template: { metadata: { annotations: { "container.apparmor.security.beta.kubernetes.io/reader": "unconfined" } }, spec: podSpec() } }),
        "[appArmorProfile] spec.template.metadata.annotations[\"container.apparmor.security.beta.kubernetes.io/reader\"] is \"unconfined\""],
    ];
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    test("a custom resource without a pod template, and a CRD whose schema names containers, pass", async () => {
        assertClean(await one(policy, customResource("kubernetes:cert-manager.io/v1:Certificate", { secretName: "tls", dnsNames: ["a"] })));
        const schema = { type: "object", properties: { containers: { type: "array", items: { type: "object" } } } };
        assertClean(await one(policy, { type: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", props: { spec: { versions: [{ schema }] } } }));
    });
    test("configured baseline: a root pod without seccomp passes, a privileged one fails", async () => {
        const baseline = withConfig(policy, { level: "baseline" });
        const root = withProp(withProp(deployment(), [...SPEC, "securityContext"], { runAsUser: 0 }), [...C0], {});
        assertClean(await one(baseline, root));
        const privileged = withProp(root, [...C0, "privileged"], true);
        assertFails(await one(baseline, privileged), [privileged], "baseline Pod Security Standard: [privileged]");
    });
    test("an unknown level in the config is judged at restricted (fail closed)", async () => {
        const r = withProp(deployment(), [...SPEC, "securityContext", "runAsUser"], 0);
        assertFails(await one(withConfig(policy, { level: "lenient" }), r), [r], "[runAsUser]");
    });
    test("unknown: an unknown os.name defers the Windows exemption instead of refusing", async () => {
        const r = withProp(withProp(deployment(), [...SPEC, "os"], { name: UNKNOWN }), [...C0, "allowPrivilegeEscalation"], undefined);
        assertDeferred(await one(policy, r), r, "spec.template.spec.os.name");
    });
    test("unknown: a known privileged container is reported next to an unknown runAsUser", async () => {
        const r = withProp(withProp(deployment(), [...C0, "runAsUser"], UNKNOWN), [...C0, "privileged"], true);
        assertFails(await one(policy, r), [r], "[privileged]");
    });
});
