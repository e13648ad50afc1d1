import { describe, test } from "node:test";
import { disallowDefaultNamespace as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-default-namespace";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import type { TestResource } from "./harness";
import { cronJob, deployment, helmChart, pod, withProp } from "./k8s-fixtures";

const NS = ["metadata", "namespace"];
const provider = (namespace?: string): TestResource["provider"] =>
    ({ type: "pulumi:providers:kubernetes", urn: "urn:pulumi:dev::test::pulumi:providers:kubernetes::k8s", name: "k8s", props: namespace ? { namespace } : {} });

describe("disallow-default-namespace: workloads run only in locked namespaces", () => {
    for (const r of [deployment(), pod(), cronJob(), helmChart()]) test(`the reference ${r.type.split(":").pop()} passes`, async () => assertClean(await one(policy, r)));
    test("namespace undefined with a provider namespace set passes", async () =>
        assertClean(await one(policy, { ...withProp(deployment(), NS, undefined), provider: provider("telemetry") })));
    test("a DeploymentPatch in default passes (it patches an existing object)", async () =>
        assertClean(await one(policy, { ...withProp(deployment(), NS, "default"), type: "kubernetes:apps/v1:DeploymentPatch" })));
    const cases = [
        ["namespace \"default\"", withProp(deployment(), NS, "default"), "metadata.namespace is default"],
        ["namespace undefined", withProp(pod(), NS, undefined), "Pod one-off: metadata.namespace is default (or unset"],
        ["namespace undefined with a provider without namespace", { ...withProp(cronJob(), NS, undefined), provider: provider() }, "CronJob nightly"],
        ["Helm chart namespace undefined", withProp(helmChart(), ["namespace"], undefined), "namespace is default (or unset"],
        ["Helm Release namespace \"default\"", withProp(helmChart("app", {}, "kubernetes:helm.sh/v3:Release"), ["namespace"], "default"), "namespace is default"],
    ] as const;
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    test("unknown: a List item in default is reported next to an item with an unknown namespace", async () => {
        const r = { type: "kubernetes:core/v1:PodList", name: "list", props: { items: [withProp(pod(), NS, UNKNOWN).props, withProp(pod(), NS, "default").props] } };
        assertFails(await one(policy, r), [r], "metadata.namespace is default");
    });
    test("unknown: an unknown namespace alone defers once, naming it", async () => {
        const r = withProp(deployment(), NS, UNKNOWN);
        assertDeferred(await one(policy, r), r, "metadata.namespace");
    });
});
