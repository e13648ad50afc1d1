import { describe, test } from "node:test";
import { disallowPublicKubernetesServices as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-public-kubernetes-services";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one, withConfig } from "./aws-helpers";
import { helmChart, service, withProp } from "./k8s-fixtures";

const SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";
const INTERNAL = "service.beta.kubernetes.io/aws-load-balancer-internal";
const lb = (annotations: Record<string, string>) =>
    withProp(withProp(withProp(service(), ["spec", "type"], "LoadBalancer"), ["metadata", "annotations"], annotations), ["spec", "loadBalancerSourceRanges"], ["10.0.0.0/16"]);

describe("disallow-public-kubernetes-services: no Service is reachable from outside the private network", () => {
    test("a ClusterIP Service passes", async () => assertClean(await one(policy, service())));
    test("spec.type undefined (ClusterIP) passes", async () => assertClean(await one(policy, withProp(service(), ["spec", "type"], undefined))));
    test("an internal LoadBalancer as GuardedService builds it (both annotations) passes", async () =>
        assertClean(await one(policy, lb({ [SCHEME]: "internal", [INTERNAL]: "true" }))));
    test("aws-load-balancer-internal \"true\" alone passes (both controllers honour it)", async () => assertClean(await one(policy, lb({ [INTERNAL]: "true" }))));
    test("scheme internal handed to the AWS Load Balancer Controller (type external) passes", async () =>
        assertClean(await one(policy, lb({ [SCHEME]: "internal", "service.beta.kubernetes.io/aws-load-balancer-type": "external" }))));
    test("scheme internal with loadBalancerClass service.k8s.aws/nlb passes", async () =>
        assertClean(await one(policy, withProp(lb({ [SCHEME]: "internal" }), ["spec", "loadBalancerClass"], "service.k8s.aws/nlb"))));
    test("a configured extra internal annotation passes", async () =>
        assertClean(await one(withConfig(policy, { internalLoadBalancerAnnotations: { "example.com/internal": "yes" } }), lb({ "example.com/internal": "yes" }))));

    test("NodePort fails", async () => {
        const r = withProp(service(), ["spec", "type"], "NodePort");
        assertFails(await one(policy, r), [r], "spec.type is NodePort");
    });
    test("LoadBalancer with annotations undefined fails (internet-facing by default)", async () => {
        const r = withProp(service(), ["spec", "type"], "LoadBalancer");
        assertFails(await one(policy, r), [r], "no internal annotation is set");
    });
    test("scheme internal alone fails: the in-tree controller ignores it", async () => {
        const r = lb({ [SCHEME]: "internal" });
        assertFails(await one(policy, r), [r], "ignored by the in-tree controller");
    });
    test("scheme internet-facing fails even with internal \"true\"", async () => {
        const r = lb({ [SCHEME]: "internet-facing", [INTERNAL]: "true" });
        assertFails(await one(policy, r), [r], `${SCHEME} is internet-facing`);
    });
    test("aws-load-balancer-internal \"false\" fails", async () => {
        const r = lb({ [INTERNAL]: "false" });
        assertFails(await one(policy, r), [r], "spec.type is LoadBalancer");
    });
    test("externalIPs [\"203.0.113.10\"] fails", async () => {
        const r = withProp(service(), ["spec", "externalIPs"], ["203.0.113.10"]);
        assertFails(await one(policy, r), [r], "spec.externalIPs is set");
    });
    test("a ServicePatch switching to LoadBalancer fails", async () => {
        const r = { ...withProp(service(), ["spec", "type"], "LoadBalancer"), type: "kubernetes:core/v1:ServicePatch" };
        assertFails(await one(policy, r), [r], "spec.type is LoadBalancer");
    });
    test("Helm values service.type LoadBalancer fails", async () => {
        const r = helmChart("ingress-nginx", { controller: { service: { type: "LoadBalancer" } } });
        assertFails(await one(policy, r), [r], "values.controller.service.type is LoadBalancer");
    });
    test("Helm values service.type NodePort fails", async () => {
        const r = helmChart("grafana", { service: { type: "NodePort" } }, "kubernetes:helm.sh/v3:Release");
        assertFails(await one(policy, r), [r], "values.service.type is NodePort");
    });
    test("Helm values LoadBalancer with the internal annotation passes", async () =>
        assertClean(await one(policy, helmChart("ingress-nginx", { controller: { service: { type: "LoadBalancer", annotations: { [INTERNAL]: "true" } } } }))));
    test("Helm values with ClusterIP under any key pass", async () =>
        assertClean(await one(policy, helmChart("app", { ui: { serviceType: "ClusterIP" }, expose: { kind: "ClusterIP" } }))));
    test("Helm values LoadBalancer under a key no convention names (ui.serviceType) fail", async () => {
        const r = helmChart("app", { ui: { serviceType: "LoadBalancer" } });
        assertFails(await one(policy, r), [r], "values.ui.serviceType is LoadBalancer");
    });
    test("Helm values NodePort under expose.kind fail", async () => {
        const r = helmChart("app", { expose: { kind: "NodePort" } });
        assertFails(await one(policy, r), [r], "values.expose.kind is NodePort");
    });

    test("unknown: externalIPs is still reported when the annotations are unknown", async () => {
        const r = withProp(withProp(service(), ["spec", "type"], "LoadBalancer"), ["metadata", "annotations"], UNKNOWN);
        const r2 = withProp(r, ["spec", "externalIPs"], ["203.0.113.10"]);
        assertFails(await one(policy, r2), [r2], "spec.externalIPs");
    });
    test("unknown: a LoadBalancer whose internal annotation is unknown defers once, naming it", async () => {
        const r = lb({ [INTERNAL]: UNKNOWN });
        assertDeferred(await one(policy, r), r, `metadata.annotations["${INTERNAL}"]`);
    });
});
