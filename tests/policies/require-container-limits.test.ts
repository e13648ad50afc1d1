import { describe, test } from "node:test";
import { requireContainerLimits as policy } from "../../policy-packs/kill-chain/policies/kubernetes/require-container-limits";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { cronJob, deployment, pod, withProp } from "./k8s-fixtures";

const LIMITS = ["spec", "template", "spec", "containers", 0, "resources", "limits"];

describe("require-container-limits: a hijacked pod cannot take the node's CPU", () => {
    for (const r of [deployment(), pod(), cronJob()]) test(`the reference ${r.type.split(":").pop()} passes`, async () => assertClean(await one(policy, r)));
    test("a DeploymentPatch without resources passes (it does not own them)", async () =>
        assertClean(await one(policy, { ...withProp(deployment(), ["spec", "template", "spec", "containers", 0, "resources"], undefined), type: "kubernetes:apps/v1:DeploymentPatch" })));
    const cases = [
        ["limits.cpu undefined", withProp(deployment(), [...LIMITS, "cpu"], undefined), "spec.template.spec.containers[0].resources.limits.cpu is unset"],
        ["limits.memory undefined", withProp(deployment(), [...LIMITS, "memory"], undefined), "resources.limits.memory is unset"],
        ["limits.cpu \"\"", withProp(deployment(), [...LIMITS, "cpu"], ""), "limits.cpu is unset"],
        ["resources undefined", withProp(pod(), ["spec", "containers", 0, "resources"], undefined), "spec.containers[0].resources.limits.cpu, spec.containers[0].resources.limits.memory are unset"],
        ["an init container without limits", withProp(deployment(), ["spec", "template", "spec", "initContainers"], [{ name: "init", image: "x" }]), "initContainers[0].resources.limits.cpu"],
        ["a CronJob container without limits", withProp(cronJob(), ["spec", "jobTemplate", "spec", "template", "spec", "containers", 0, "resources"], {}), "jobTemplate.spec.template.spec.containers[0].resources.limits.cpu"],
    ] as const;
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    test("unknown: a missing memory limit is reported next to an unknown cpu limit", async () => {
        const r = withProp(withProp(deployment(), [...LIMITS, "cpu"], UNKNOWN), [...LIMITS, "memory"], undefined);
        assertFails(await one(policy, r), [r], "limits.memory is unset");
    });
    test("unknown: an unknown cpu limit alone defers once, naming it", async () => {
        const r = withProp(deployment(), [...LIMITS, "cpu"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "spec.template.spec.containers[0].resources.limits.cpu");
    });
});
