import { describe, test } from "node:test";
import { enforcePodSecurityStandard as policy } from "../../policy-packs/kill-chain/policies/kubernetes/enforce-pod-security-standard";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one, withConfig } from "./aws-helpers";
import { cronJob, deployment, pod, podSpec, withProp } from "./k8s-fixtures";
import type { TestResource } from "./harness";

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
        ["a DeploymentPatch dropping only NET_RAW", { ...withProp(deployment(), [...C0, "capabilities", "drop"], ["NET_RAW"]), type: "kubernetes:apps/v1:DeploymentPatch" },
            "[capabilities_restricted] spec.template.spec.containers[0].securityContext.capabilities.drop does not include \"ALL\""],
        ["a Deployment with seccomp Unconfined", withProp(deployment(), [...SPEC, "securityContext", "seccompProfile", "type"], "Unconfined"),
            "[seccompProfile_restricted] spec.template.spec.securityContext.seccompProfile.type is \"Unconfined\""],
        ["a Deployment with an nfs volume", withProp(deployment(), [...SPEC, "volumes", 0], { name: "pool", nfs: { server: "10.0.0.1", path: "/" } }),
            "[restrictedVolumes] spec.template.spec.volumes[0] uses nfs"],
        ["a Deployment whose pod and container leave runAsNonRoot unset",
            withProp(withProp(deployment(), [...SPEC, "securityContext", "runAsNonRoot"], undefined), [...C0, "runAsNonRoot"], undefined),
            "[runAsNonRoot] spec.template.spec.securityContext.runAsNonRoot is not true and container \"reader\" does not set"],
        ["an OpenShift DeploymentConfig with a container running as root", customResource("kubernetes:apps.openshift.io/v1:DeploymentConfig",
            { template: { metadata: {}, spec: withProp({ type: "x", props: podSpec() }, ["containers", 0, "securityContext", "runAsUser"], 0).props } }),
        "[runAsUser] spec.template.spec.containers[0].securityContext.runAsUser is 0"],
        ["an Argo Rollout with an nfs volume", customResource("kubernetes:argoproj.io/v1alpha1:Rollout",
            { template: { spec: { ...podSpec(), volumes: [{ name: "pool", nfs: { server: "10.0.0.1", path: "/" } }] } } }),
        "[restrictedVolumes] spec.template.spec.volumes[0] uses nfs"],
        ["a Knative Service whose container is seccomp Unconfined", customResource("kubernetes:serving.knative.dev/v1:Service",
            { template: { spec: withProp({ type: "x", props: podSpec() }, ["containers", 0, "securityContext", "seccompProfile"], { type: "Unconfined" }).props } }),
        "[seccompProfile_restricted] spec.template.spec.containers[0].securityContext.seccompProfile.type is \"Unconfined\""],
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
    test("configured baseline: a root pod without seccomp passes, one setting an unsafe sysctl fails", async () => {
        const baseline = withConfig(policy, { level: "baseline" });
        const root = withProp(withProp(deployment(), [...SPEC, "securityContext"], { runAsUser: 0 }), [...C0], {});
        assertClean(await one(baseline, root));
        const sysctl = withProp(root, [...SPEC, "securityContext", "sysctls"], [{ name: "kernel.msgmax", value: "1" }]);
        assertFails(await one(baseline, sysctl), [sysctl], "baseline Pod Security Standard: [sysctls]");
    });
    test("an unknown level in the config is judged at restricted (fail closed)", async () => {
        const r = withProp(deployment(), [...SPEC, "securityContext", "runAsUser"], 0);
        assertFails(await one(withConfig(policy, { level: "lenient" }), r), [r], "[runAsUser]");
    });
    test("unknown: an unknown os.name defers the Windows exemption instead of refusing", async () => {
        const r = withProp(withProp(deployment(), [...SPEC, "os"], { name: UNKNOWN }), [...C0, "capabilities"], undefined);
        assertDeferred(await one(policy, r), r, "spec.template.spec.os.name");
    });
    test("unknown: a known unconfined seccomp profile is reported next to an unknown runAsUser", async () => {
        const r = withProp(withProp(deployment(), [...C0, "runAsUser"], UNKNOWN), [...SPEC, "securityContext", "seccompProfile", "type"], "Unconfined");
        assertFails(await one(policy, r), [r], "[seccompProfile_restricted]");
    });
    test("the parts a dedicated policy owns are not reported here: a privileged, hostNetwork, hostPath pod adding SYS_ADMIN passes", async () => {
        const owned = withProp(withProp(withProp(withProp(deployment(), [...C0, "privileged"], true), [...SPEC, "hostNetwork"], true),
            [...SPEC, "volumes", 0], { name: "root", hostPath: { path: "/" } }), [...C0, "capabilities", "add"], ["SYS_ADMIN"]);
        assertClean(await one(policy, owned));
    });
});
