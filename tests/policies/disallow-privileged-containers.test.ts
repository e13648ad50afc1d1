import { describe, test } from "node:test";
import { disallowPrivilegedContainers as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-privileged-containers";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { cronJob, deployment, helmChart, pod, podSpec, withProp } from "./k8s-fixtures";

const SC = ["spec", "template", "spec", "containers", 0, "securityContext"];

describe("disallow-privileged-containers: no container gets host-level privileges", () => {
    for (const r of [deployment(), pod(), cronJob(), helmChart("app", { securityContext: { privileged: false, allowPrivilegeEscalation: false } })]) {
        test(`the reference ${r.type.split(":").pop()} passes`, async () => assertClean(await one(policy, r)));
    }
    test("capabilities.add [\"NET_BIND_SERVICE\"] passes", async () =>
        assertClean(await one(policy, withProp(deployment(), [...SC, "capabilities", "add"], ["NET_BIND_SERVICE"]))));
    test("a DeploymentPatch that leaves allowPrivilegeEscalation unset passes (it does not own the field)", async () =>
        assertClean(await one(policy, { ...withProp(deployment(), [...SC, "allowPrivilegeEscalation"], undefined), type: "kubernetes:apps/v1:DeploymentPatch" })));
    test("a Windows pod that leaves allowPrivilegeEscalation unset passes (the standard requires it unset there)", async () =>
        assertClean(await one(policy, withProp(withProp(deployment(), [...SC, "allowPrivilegeEscalation"], undefined),
            ["spec", "template", "spec", "os"], { name: "windows" }))));
    const cases = [
        ["privileged true", withProp(deployment(), [...SC, "privileged"], true), "containers[0].securityContext.privileged is true"],
        ["allowPrivilegeEscalation true", withProp(deployment(), [...SC, "allowPrivilegeEscalation"], true), "allowPrivilegeEscalation is true"],
        ["allowPrivilegeEscalation undefined", withProp(deployment(), [...SC, "allowPrivilegeEscalation"], undefined), "allowPrivilegeEscalation is unset"],
        ["securityContext undefined", withProp(deployment(), SC, undefined), "allowPrivilegeEscalation is unset"],
        ["capabilities.add [\"SYS_ADMIN\"]", withProp(deployment(), [...SC, "capabilities", "add"], ["SYS_ADMIN"]), "capabilities.add adds SYS_ADMIN"],
        ["capabilities.add [\"CAP_NET_RAW\"]", withProp(deployment(), [...SC, "capabilities", "add"], ["CAP_NET_RAW"]), "adds CAP_NET_RAW"],
        ["capabilities.add [\"ALL\"]", withProp(deployment(), [...SC, "capabilities", "add"], ["ALL"]), "adds ALL"],
        // Pod Security Admission compares capabilities as written: the CAP_ form of the one allowed capability is refused.
        ["capabilities.add [\"CAP_NET_BIND_SERVICE\"]", withProp(deployment(), [...SC, "capabilities", "add"], ["CAP_NET_BIND_SERVICE"]), "adds CAP_NET_BIND_SERVICE"],
        ["a Windows pod adding SYS_ADMIN (baseline refuses it on every OS)", withProp(withProp(deployment(), [...SC, "capabilities", "add"], ["SYS_ADMIN"]),
            ["spec", "template", "spec", "os"], { name: "windows" }), "adds SYS_ADMIN"],
        ["an Argo Rollout (custom resource) whose container allows privilege escalation", { type: "kubernetes:argoproj.io/v1alpha1:Rollout", name: "rollout",
            props: { spec: { template: { spec: withProp({ type: "x", props: podSpec() }, ["containers", 0, "securityContext", "allowPrivilegeEscalation"], true).props } } } },
        "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation is true"],
        ["a privileged init container", withProp(deployment(), ["spec", "template", "spec", "initContainers"], [{ name: "i", image: "x", securityContext: { privileged: true, allowPrivilegeEscalation: true } }]),
            "initContainers[0].securityContext.privileged is true"],
        ["an ephemeral container without allowPrivilegeEscalation", withProp(pod(), ["spec", "ephemeralContainers"], [{ name: "debug", image: "busybox" }]),
            "spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation is unset"],
        ["a Windows hostProcess pod", withProp(pod(), ["spec", "securityContext", "windowsOptions", "hostProcess"], true), "spec.securityContext.windowsOptions.hostProcess is true"],
        ["a CronJob privileged container", withProp(cronJob(), ["spec", "jobTemplate", "spec", "template", "spec", "containers", 0, "securityContext", "privileged"], true), "privileged is true"],
        ["Helm values privileged true", helmChart("agent", { securityContext: { privileged: true } }), "values.securityContext.privileged is true"],
        ["Helm values allowPrivilegeEscalation \"true\"", helmChart("agent", { containerSecurityContext: { allowPrivilegeEscalation: "true" } }, "kubernetes:helm.sh/v3:Release"),
            "values.containerSecurityContext.allowPrivilegeEscalation is true"],
    ] as const;
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    test("unknown: privileged true is reported next to an unknown allowPrivilegeEscalation", async () => {
        const r = withProp(withProp(deployment(), [...SC, "allowPrivilegeEscalation"], UNKNOWN), [...SC, "privileged"], true);
        assertFails(await one(policy, r), [r], "privileged is true");
    });
    test("unknown: an unknown allowPrivilegeEscalation alone defers once, naming it", async () => {
        const r = withProp(deployment(), [...SC, "allowPrivilegeEscalation"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation");
    });
});
