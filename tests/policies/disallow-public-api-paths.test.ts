import { describe, test } from "node:test";
import { disallowPublicApiPaths as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-public-api-paths";
import type { TestResource } from "./harness";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack, withConfig } from "./aws-helpers";

const cluster = res("aws:eks/cluster:Cluster", "cluster", { name: "hardened-stack-dev", vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false } });
const nlb = res("aws:lb/loadBalancer:LoadBalancer", "api-nlb", { loadBalancerType: "network", internal: true, subnets: ["subnet-1"] });
const group = res("aws:lb/targetGroup:TargetGroup", "api-targets", { port: 443, protocol: "TCP", targetType: "ip", vpcId: "vpc-1" });
const listener = res("aws:lb/listener:Listener", "api-listener", { loadBalancerArn: "arn:lb", port: 443, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] },
    { loadBalancerArn: [nlb], defaultActions: [group] });
// The private endpoint's addresses, looked up from the cluster (a dynamic resource or lookup computed from it).
const lookup = res("pulumi-nodejs:dynamic:Resource", "api-endpoint-ips", { hostname: "x.gr7.eu-west-1.eks.amazonaws.com" }, { hostname: [cluster] });
const attachment = res("aws:lb/targetGroupAttachment:TargetGroupAttachment", "api-target-a", { targetGroupArn: "arn:tg", targetId: "10.40.1.10", port: 443 },
    { targetGroupArn: [group], targetId: [lookup] });
const apiPath = [cluster, nlb, group, listener, lookup, attachment];

const k8s = (kind: string, apiVersion: string, name: string, body: Record<string, unknown>, deps: Record<string, TestResource[]> = {}) =>
    res(`kubernetes:${apiVersion}:${kind}`, name, { apiVersion, kind, ...body }, deps);
const binding = (service: string, ns = "default") => k8s("TargetGroupBinding", "elbv2.k8s.aws/v1beta1", `tgb-${service}`, {
    metadata: { name: `tgb-${service}`, namespace: ns }, spec: { serviceRef: { name: service, port: 443 }, targetGroupARN: "arn:tg" },
}, { spec: [group] });
const params = (scheme: string) => k8s("IngressClassParams", "elbv2.k8s.aws/v1beta1", "alb-params", { metadata: { name: "alb-params" }, spec: { scheme } });
const ingressClass = k8s("IngressClass", "networking.k8s.io/v1", "alb", {
    metadata: { name: "alb" }, spec: { controller: "ingress.k8s.aws/alb", parameters: { apiGroup: "elbv2.k8s.aws", kind: "IngressClassParams", name: "alb-params" } },
});
const ingress = (service: string) => k8s("Ingress", "networking.k8s.io/v1", `web-${service}`, {
    metadata: { name: "web", namespace: "shop" }, spec: { ingressClassName: "alb", rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: service, port: { number: 80 } } } }] } }] },
});

describe("disallow-public-api-paths: the internet reaches neither the API nor a console by another door", () => {
    test("an internal NLB in front of the API's addresses passes", async () => assertClean(await stack(policy, apiPath)));
    test("an internal ALB class and its Ingress pass", async () => assertClean(await stack(policy, [params("internal"), ingressClass, ingress("shop")])));

    test("the same NLB internet-facing (internal unset): internet -> NLB -> target group -> cluster API", async () => {
        const publicNlb = edit(nlb, { internal: undefined });
        assertFails(await stack(policy, [cluster, publicNlb, group, listener, lookup, attachment]), [nlb],
            "internet -> api-nlb (aws:lb/loadBalancer:LoadBalancer) (internal unset: internet-facing) -> api-listener -> target group api-targets -> the cluster API (target api-target-a computed from cluster (aws:eks/cluster:Cluster))");
    });
    test("a TargetGroupBinding of a public NLB to the default/kubernetes Service fails", async () => {
        const publicNlb = edit(nlb, { internal: false });
        assertFails(await stack(policy, [publicNlb, group, listener, binding("kubernetes")]), [nlb], "the cluster API (Service default/kubernetes) through TargetGroupBinding tgb-kubernetes");
    });
    test("a TargetGroupBinding to a renamed console Service that selects the dashboard's pods fails", async () => {
        const svc = k8s("Service", "core/v1", "tools", { metadata: { name: "tools", namespace: "ops" }, spec: { selector: { "k8s-app": "kubernetes-dashboard" }, ports: [{ port: 443 }] } });
        assertFails(await stack(policy, [edit(nlb, { internal: false }), group, listener, svc, binding("tools", "ops")]), [nlb], "admin console (Service ops/tools selects it)");
    });
    test("a TargetGroupBinding of a public NLB to an ordinary Service is a public Service by another door, unless allowed", async () => {
        const stackOf = [edit(nlb, { internal: false }), group, listener, binding("shop", "shop")];
        assertFails(await stack(policy, stackOf), [nlb], "Service shop/shop through TargetGroupBinding tgb-shop");
        assertClean(await stack(withConfig(policy, { allowedPublicEntryPoints: ["shop/shop"] }), stackOf));
    });
    test("IngressClassParams with scheme internet-facing make the class's Ingresses public without the annotation", async () => {
        const ing = ingress("shop");
        assertFails(await stack(policy, [params("internet-facing"), ingressClass, ing]), [ing], "internet -> ALB (IngressClassParams alb-params: spec.scheme internet-facing, IngressClass alb) -> Ingress shop/web");
    });
    test("a reviewed public Ingress passes when allowed; one routing to a console never does", async () => {
        const allowed = withConfig(policy, { allowedPublicEntryPoints: ["shop/web"] });
        assertClean(await stack(allowed, [params("internet-facing"), ingressClass, ingress("shop")]));
        const toConsole = ingress("kubernetes-dashboard");
        assertFails(await stack(allowed, [params("internet-facing"), ingressClass, toConsole]), [toConsole], "Kubernetes Dashboard admin console");
    });

    test("an unknown internal flag on the path's load balancer defers, naming it", async () => {
        assertDeferred(await stack(policy, [cluster, edit(nlb, { internal: UNKNOWN }), group, listener, lookup, attachment]), nlb, "internal");
    });
});
