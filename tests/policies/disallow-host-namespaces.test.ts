import { describe, test } from "node:test";
import { disallowHostNamespaces as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-host-namespaces";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { cronJob, deployment, helmChart, pod, podSpec, withProp } from "./k8s-fixtures";

const SPEC = ["spec", "template", "spec"];

describe("disallow-host-namespaces: pods stay off the node's processes, IPC, files and ports", () => {
    for (const r of [deployment(), pod(), cronJob(), helmChart("app", { hostPID: false })]) {
        test(`the reference ${r.type.split(":").pop()} passes`, async () => assertClean(await one(policy, r)));
    }
    test("containerPort without hostPort passes", async () =>
        assertClean(await one(policy, withProp(deployment(), [...SPEC, "containers", 0, "ports"], [{ containerPort: 8080 }]))));
    const cases = [
        ["hostPID true", withProp(deployment(), [...SPEC, "hostPID"], true), "spec.template.spec.hostPID is true"],
        ["hostIPC true", withProp(pod(), ["spec", "hostIPC"], true), "spec.hostIPC is true"],
        ["a hostPath volume", withProp(deployment(), [...SPEC, "volumes", 1], { name: "root", hostPath: { path: "/" } }), "spec.template.spec.volumes[1].hostPath mounts a node path"],
        ["hostPort 8080", withProp(deployment(), [...SPEC, "containers", 0, "ports"], [{ containerPort: 8080, hostPort: 8080 }]), "ports[0].hostPort is 8080"],
        ["a DaemonSet patch mounting the container runtime socket", { ...withProp(deployment(), [...SPEC, "volumes", 0], { name: "sock", hostPath: { path: "/run/containerd/containerd.sock" } }),
            type: "kubernetes:apps/v1:DaemonSetPatch" }, "volumes[0].hostPath"],
        ["an Argo Rollout (custom resource) mounting the node's root", { type: "kubernetes:argoproj.io/v1alpha1:Rollout", name: "rollout",
            props: { spec: { template: { spec: { ...podSpec(), volumes: [{ name: "root", hostPath: { path: "/" } }] } } } } },
        "spec.template.spec.volumes[0].hostPath mounts a node path"],
        ["hostPort \"8080\" (YAML string)", withProp(deployment(), [...SPEC, "containers", 0, "ports"], [{ containerPort: 8080, hostPort: "8080" }]), "ports[0].hostPort is 8080"],
        ["Helm values hostPID true", helmChart("agent", { hostPID: true }), "values.hostPID is true"],
    ] as const;
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    test("unknown: hostPID true is reported next to unknown volumes", async () => {
        const r = withProp(withProp(deployment(), [...SPEC, "volumes"], UNKNOWN), [...SPEC, "hostPID"], true);
        assertFails(await one(policy, r), [r], "hostPID is true");
    });
    test("unknown: an unknown hostIPC alone defers once, naming it", async () => {
        const r = withProp(deployment(), [...SPEC, "hostIPC"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "spec.template.spec.hostIPC");
    });
});
