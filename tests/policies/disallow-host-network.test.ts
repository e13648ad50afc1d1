import { describe, test } from "node:test";
import { disallowHostNetwork as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-host-network";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { cronJob, deployment, helmChart, pod, podSpec, withProp } from "./k8s-fixtures";

describe("disallow-host-network: no pod sits on the node's network next to its instance metadata", () => {
    for (const r of [deployment(), pod(), cronJob(), helmChart("app", { hostNetwork: false })]) {
        test(`the reference ${r.type.split(":").pop()} passes`, async () => assertClean(await one(policy, r)));
    }
    test("hostNetwork undefined passes", async () => assertClean(await one(policy, withProp(deployment(), ["spec", "template", "spec", "hostNetwork"], undefined))));
    const cases = [
        ["Deployment hostNetwork true", withProp(deployment(), ["spec", "template", "spec", "hostNetwork"], true), "spec.template.spec.hostNetwork is true"],
        ["Pod hostNetwork true", withProp(pod(), ["spec", "hostNetwork"], true), "spec.hostNetwork is true"],
        ["CronJob hostNetwork true", withProp(cronJob(), ["spec", "jobTemplate", "spec", "template", "spec", "hostNetwork"], true), "spec.jobTemplate.spec.template.spec.hostNetwork"],
        ["DaemonSetPatch hostNetwork true", { ...withProp(deployment(), ["spec", "template", "spec", "hostNetwork"], true), type: "kubernetes:apps/v1:DaemonSetPatch" }, "hostNetwork is true"],
        ["hostNetwork \"true\" (YAML string)", withProp(deployment(), ["spec", "template", "spec", "hostNetwork"], "true"), "hostNetwork is true"],
        ["an OpenShift DeploymentConfig (custom resource) on the host network", { type: "kubernetes:apps.openshift.io/v1:DeploymentConfig", name: "dc",
            props: { spec: { template: { spec: { ...podSpec(), hostNetwork: true } } } } }, "spec.template.spec.hostNetwork is true"],
        ["Helm values hostNetwork true", helmChart("node-exporter", { daemonset: { hostNetwork: true } }), "values.daemonset.hostNetwork is true"],
    ] as const;
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));

    test("unknown: a known hostNetwork true in one List item is reported next to an unknown one", async () => {
        const r = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [
            withProp(deployment(), ["spec", "template", "spec", "hostNetwork"], UNKNOWN).props,
            withProp(deployment(), ["spec", "template", "spec", "hostNetwork"], true).props,
        ] } };
        assertFails(await one(policy, r), [r], "items[1].spec.template.spec.hostNetwork is true");
    });
    test("unknown: an unknown hostNetwork alone defers once, naming it", async () => {
        const r = withProp(deployment(), ["spec", "template", "spec", "hostNetwork"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "spec.template.spec.hostNetwork");
    });
});
