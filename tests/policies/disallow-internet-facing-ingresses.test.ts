import { describe, test } from "node:test";
import { disallowInternetFacingIngresses as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-internet-facing-ingresses";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one, withConfig } from "./aws-helpers";
import { helmChart, ingress, withProp } from "./k8s-fixtures";

const SCHEME = ["metadata", "annotations", "alb.ingress.kubernetes.io/scheme"];
const publicIngress = withProp(ingress(), SCHEME, "internet-facing");

describe("disallow-internet-facing-ingresses: no Ingress gets a public load balancer", () => {
    test("an internal ALB Ingress passes", async () => assertClean(await one(policy, ingress())));
    test("scheme undefined (the controller's default, internal) passes", async () => assertClean(await one(policy, withProp(ingress(), SCHEME, undefined))));
    test("scheme internet-facing fails", async () =>
        assertFails(await one(policy, publicIngress), [publicIngress], 'metadata.annotations["alb.ingress.kubernetes.io/scheme"] is internet-facing'));
    test("an allowlisted namespace/name passes", async () =>
        assertClean(await one(withConfig(policy, { allowedInternetFacingIngresses: ["telemetry/api"] }), publicIngress)));
    test("an internet-facing Ingress to the dashboard fails even when allowlisted", async () => {
        const r = withProp(publicIngress, ["spec", "rules", 0, "http", "paths", 0, "backend", "service", "name"], "kubernetes-dashboard");
        assertFails(await one(withConfig(policy, { allowedInternetFacingIngresses: ["telemetry/api"] }), r), [r], "Kubernetes Dashboard admin console");
    });
    test("a v1beta1 Ingress (serviceName backend) to headlamp fails", async () => {
        const r = { ...withProp(withProp(publicIngress, ["spec"], { backend: { serviceName: "headlamp", servicePort: 80 } }), ["metadata", "name"], "ui"),
            type: "kubernetes:extensions/v1beta1:Ingress" };
        assertFails(await one(policy, r), [r], "Headlamp");
    });
    test("Helm values with an internet-facing scheme annotation fail", async () => {
        const r = helmChart("app", { ingress: { annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } } });
        assertFails(await one(policy, r), [r], 'values.ingress.annotations["alb.ingress.kubernetes.io/scheme"] is internet-facing');
    });
    test("unknown: an internet-facing Ingress whose name is unknown still fails when it routes to a console", async () => {
        const r = withProp(withProp(publicIngress, ["metadata", "name"], UNKNOWN), ["spec", "rules", 0, "http", "paths", 0, "backend", "service", "name"], "kubernetes-dashboard");
        assertFails(await one(policy, r), [r], "admin console");
    });
    test("unknown: an unknown scheme defers once, naming it", async () => {
        const r = withProp(ingress(), SCHEME, UNKNOWN);
        assertDeferred(await one(policy, r), r, 'metadata.annotations["alb.ingress.kubernetes.io/scheme"]');
    });
});
