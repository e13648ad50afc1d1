import { describe, test } from "node:test";
import { disallowKubernetesAdminConsoles as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-kubernetes-admin-consoles";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import type { TestResource } from "./harness";
import { clusterRoleBinding, deployment, helmChart, ingress, namespace, service, serviceAccount, withProp } from "./k8s-fixtures";

const IMAGE = ["spec", "template", "spec", "containers", 0, "image"];

describe("disallow-kubernetes-admin-consoles: no in-cluster admin console is deployed", () => {
    for (const r of [deployment(), service(), ingress(), namespace(), serviceAccount(), clusterRoleBinding(), helmChart()]) {
        test(`the reference ${r.type.split(":").pop()} is not a console`, async () => assertClean(await one(policy, r)));
    }

    test("a workload with ordinary flags (--port, --enable-metrics) is not a console", async () =>
        assertClean(await one(policy, withProp(deployment(), ["spec", "template", "spec", "containers", 0, "args"], ["--port=8080", "--enable-metrics", "--login-url=https://x"]))));

    const consoles: [string, TestResource, string | RegExp][] = [
        ["image kubernetesui/dashboard", withProp(deployment(), IMAGE, "kubernetesui/dashboard:v2.7.0"),
            'spec.template.spec.containers[0].image is "kubernetesui/dashboard:v2.7.0"'],
        ["a dashboard image mirrored into ECR", withProp(deployment(), IMAGE, `123456789012.dkr.ecr.eu-west-1.amazonaws.com/kubernetesui/dashboard@sha256:${"b".repeat(64)}`),
            "Kubernetes Dashboard admin console"],
        ["image headlamp", withProp(deployment(), IMAGE, "ghcr.io/headlamp-k8s/headlamp:v0.25.0"), "Headlamp"],
        ["image portainer-ce", withProp(deployment(), IMAGE, "portainer/portainer-ce:2.20.0"), "Portainer"],
        ["label k8s-app=kubernetes-dashboard", withProp(deployment(), ["metadata", "labels", "k8s-app"], "kubernetes-dashboard"),
            'metadata.labels["k8s-app"] is "kubernetes-dashboard"'],
        ["pod template label app.kubernetes.io/name=headlamp", withProp(deployment(), ["spec", "template", "metadata", "labels", "app.kubernetes.io/name"], "headlamp"),
            'spec.template.metadata.labels["app.kubernetes.io/name"] is "headlamp"'],
        ["an init container running the metrics scraper", withProp(deployment(), ["spec", "template", "spec", "initContainers"], [{ name: "x", image: "kubernetesui/metrics-scraper:v1.0.8" }]),
            "spec.template.spec.initContainers[0].image"],
        ["a Service named kubernetes-dashboard", withProp(service(), ["metadata", "name"], "kubernetes-dashboard"), 'metadata.name is "kubernetes-dashboard"'],
        ["an Ingress routing to the dashboard Service", withProp(ingress(), ["spec", "rules", 0, "http", "paths", 0, "backend", "service", "name"], "kubernetes-dashboard"),
            "spec.rules[0].http.paths[0].backend.service.name"],
        ["a ClusterRoleBinding to the dashboard ServiceAccount",
            withProp(clusterRoleBinding(), ["subjects"], [{ kind: "ServiceAccount", name: "kubernetes-dashboard", namespace: "kubernetes-dashboard" }]), "subjects[0].name"],
        ["a Namespace named kubernetes-dashboard", withProp(namespace(), ["metadata", "name"], "kubernetes-dashboard"), "Namespace kubernetes-dashboard"],
        ["a DeploymentPatch setting the dashboard image", { ...withProp(deployment(), IMAGE, "kubernetesui/dashboard:v2.7.0"), type: "kubernetes:apps/v1:DeploymentPatch" },
            "containers[0].image"],
        ["a CustomResource-style kubernetes:v1:Service token", { ...withProp(service(), ["metadata", "name"], "kubernetes-dashboard"), type: "kubernetes:v1:Service" },
            "metadata.name"],
        ["the second item of a DeploymentList",
            { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [deployment().props, withProp(deployment(), IMAGE, "kubernetesui/dashboard:v2").props] } },
            "items[1].spec.template.spec.containers[0].image"],
        ["a renamed mirror of the dashboard recognised by --enable-skip-login", withProp(withProp(deployment(), IMAGE, `111122223333.dkr.ecr.eu-west-1.amazonaws.com/tools/ui@sha256:${"c".repeat(64)}`),
            ["spec", "template", "spec", "containers", 0, "args"], ["--namespace=tools", "--enable-skip-login"]), 'spec.template.spec.containers[0].args is "--enable-skip-login"'],
        ["a dashboard started through command with --enable-insecure-login=true", withProp(deployment(), ["spec", "template", "spec", "containers", 0, "command"], ["/dashboard", "--enable-insecure-login=true"]),
            "Kubernetes Dashboard admin console"],
        ["Headlamp recognised by -in-cluster", withProp(deployment(), ["spec", "template", "spec", "containers", 0, "args"], ["-in-cluster", "-plugins-dir=/plugins"]), "Headlamp"],
        ["Helm v3 Release of chart kubernetes-dashboard", helmChart("kubernetes-dashboard", {}, "kubernetes:helm.sh/v3:Release"), 'chart "kubernetes-dashboard"'],
        ["Helm v4 Chart repo/kubernetes-dashboard", helmChart("kubernetes-dashboard/kubernetes-dashboard"), "Kubernetes Dashboard"],
        ["Helm oci:// headlamp chart", helmChart("oci://ghcr.io/headlamp-k8s/charts/headlamp"), "Headlamp"],
        ["Helm packaged chart URL portainer-2.19.4.tgz", helmChart("https://charts.example.com/portainer-2.19.4.tgz"), "Portainer"],
        ["Helm chart from the dashboard repository URL", withProp(helmChart("dashboard"), ["repositoryOpts", "repo"], "https://kubernetes.github.io/dashboard/"),
            "from https://kubernetes.github.io/dashboard/"],
    ];
    for (const [what, r, message] of consoles) {
        test(`${what} is refused`, async () => assertFails(await one(policy, r), [r], message));
    }

    test("unknown: a known console label is still reported when the image is unknown", async () => {
        const r = withProp(withProp(deployment(), IMAGE, UNKNOWN), ["metadata", "labels", "k8s-app"], "kubernetes-dashboard");
        assertFails(await one(policy, r), [r], 'metadata.labels["k8s-app"]');
    });

    test("unknown: an unknown image alone defers once, naming the image path", async () => {
        const r = withProp(deployment(), IMAGE, UNKNOWN);
        assertDeferred(await one(policy, r), r, "spec.template.spec.containers[0].image");
    });

    test("unknown: an unknown Helm chart defers, naming chart", async () => {
        const r = helmChart(UNKNOWN);
        assertDeferred(await one(policy, r), r, "chart of");
    });
});
