import { describe, test } from "node:test";
import { requireGovernedWorkloadNamespaces as policy } from "../../policy-packs/kill-chain/policies/kubernetes/require-governed-workload-namespaces";
import { UNKNOWN, assertClean, assertDeferred, assertFails, stack } from "./aws-helpers";
import { urnOf } from "./harness";
import { defaultDeny, deployment, namespace, podSpec, withProp } from "./k8s-fixtures";
import type { TestResource } from "./harness";

const inNs = (r: TestResource, ns: string) => withProp(r, ["metadata", "namespace"], ns);
const patch = (name: string, level: string | undefined): TestResource => ({
    type: "kubernetes:core/v1:NamespacePatch", name: `patch-${name}`,
    props: { metadata: { name, labels: level === undefined ? {} : Object.fromEntries(["enforce", "audit", "warn"].map((m) => [`pod-security.kubernetes.io/${m}`, level])) } },
});
const ENFORCE = 'sets metadata.labels["pod-security.kubernetes.io/enforce"], metadata.labels["pod-security.kubernetes.io/audit"], metadata.labels["pod-security.kubernetes.io/warn"] to "restricted"';
const DENY = "no NetworkPolicy in kube-system denies all egress by default";

describe("require-governed-workload-namespaces: no workload escapes the namespace policies by where it lands", () => {
    test("the reference (a Deployment in the Namespace the program creates) passes", async () =>
        assertClean(await stack(policy, [namespace(), defaultDeny(), deployment()])));
    test("a Deployment in an existing namespace the program patches to restricted and gives a default deny passes", async () =>
        assertClean(await stack(policy, [patch("kube-system", "restricted"), defaultDeny("kube-system"), inNs(deployment(), "kube-system")])));
    test("a stack without workloads passes", async () => assertClean(await stack(policy, [patch("kube-system", "privileged")])));

    const miner = inNs(deployment("miner"), "kube-system");
    const cases: [string, TestResource[], string][] = [
        ["a Deployment in kube-system, which the program does not declare", [], ENFORCE],
        ["a Deployment in kube-system patched to privileged", [patch("kube-system", "privileged"), defaultDeny("kube-system")], ENFORCE],
        ["a Deployment in kube-system patched to restricted without a default deny", [patch("kube-system", "restricted")], DENY],
        ["a Deployment in kube-system whose patch enforces restricted but neither audits nor warns",
            [withProp(withProp(patch("kube-system", "restricted"), ["metadata", "labels", "pod-security.kubernetes.io/audit"], undefined),
                ["metadata", "labels", "pod-security.kubernetes.io/warn"], "privileged"), defaultDeny("kube-system")],
            'sets metadata.labels["pod-security.kubernetes.io/audit"], metadata.labels["pod-security.kubernetes.io/warn"] to "restricted"'],
        ["a Deployment in kube-system whose default deny is in another namespace", [patch("kube-system", "restricted"), defaultDeny()], DENY],
    ];
    for (const [what, others, message] of cases) test(`${what} fails`, async () => assertFails(await stack(policy, [...others, miner]), [miner], message));
    test("a Deployment with no namespace lands in default, and fails there", async () => {
        const r = withProp(deployment("miner"), ["metadata", "namespace"], undefined);
        assertFails(await stack(policy, [r]), [r], "deployed into namespace default");
    });
    test("an Argo Rollout (custom resource with a pod template) in kube-system fails", async () => {
        const r: TestResource = { type: "kubernetes:argoproj.io/v1alpha1:Rollout", name: "rollout",
            props: { metadata: { name: "miner", namespace: "kube-system" }, spec: { template: { spec: podSpec() } } } };
        assertFails(await stack(policy, [r]), [r], "Rollout kube-system/miner is deployed into namespace kube-system");
    });
    test("a namespace computed from a Namespace the program creates is joined through propertyDependencies", async () => {
        const auto = withProp(namespace(), ["metadata", "name"], UNKNOWN);
        const d = { ...withProp(deployment(), ["metadata", "namespace"], UNKNOWN), propertyDependencies: { metadata: [urnOf(auto)] } };
        assertClean(await stack(policy, [auto, d]));
    });
    test("unknown: a namespace computed from nothing the program creates defers, naming it", async () => {
        const d = withProp(deployment(), ["metadata", "namespace"], UNKNOWN);
        assertDeferred(await stack(policy, [d]), d, "metadata.namespace");
    });
    test("unknown: an unknown enforce label on the patch defers", async () => {
        const p = withProp(patch("kube-system", "restricted"), ["metadata", "labels", "pod-security.kubernetes.io/enforce"], UNKNOWN);
        assertDeferred(await stack(policy, [p, defaultDeny("kube-system"), miner]), p, 'metadata.labels["pod-security.kubernetes.io/enforce"]');
    });

    describe("namespaces are per cluster", () => {
        const cluster = (name: string) => ({ type: "pulumi:providers:kubernetes", urn: `urn:pulumi:dev::test::pulumi:providers:kubernetes::${name}`, name, props: {} });
        const on = (r: TestResource, name: string): TestResource => ({ ...r, provider: cluster(name) });
        test("a Namespace created in another cluster does not govern this cluster's pods", async () => {
            const workload = on(deployment("miner"), "batch");
            assertFails(await stack(policy, [on(namespace(), "main"), on(defaultDeny(), "main"), workload]), [workload], "which the program does not create");
            assertClean(await stack(policy, [on(namespace(), "batch"), on(defaultDeny(), "batch"), workload]));
        });
        test("a Namespace of the same cluster whose name is not known yet may be the one: the verdict waits for up", async () => {
            const unnamed = on(withProp(namespace(), ["metadata", "name"], UNKNOWN), "main");
            const workload = on(deployment("miner"), "main");
            assertDeferred(await stack(policy, [unnamed, workload]), unnamed, "metadata.name");
            assertFails(await stack(policy, [on(withProp(namespace(), ["metadata", "name"], UNKNOWN), "other"), workload]), [workload], "which the program does not create");
        });
    });
});

