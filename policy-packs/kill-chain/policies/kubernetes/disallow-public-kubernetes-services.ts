import { HELM_TYPES, View, describe, k8sObjects, k8sTypes } from "../../lib/k8s";
import { helmValues } from "../../lib/k8s-helm";
import { configWithDefaults } from "../../lib/config";
import { eksBestPractices } from "../../lib/frameworks";
import { URLS } from "../../lib/k8s-meta";
import { isObject } from "../../lib/values";
import { resourcePolicy } from "../../lib/policy";
import { Maybe, UNKNOWN } from "../../lib/unknowns";

export const SCHEME_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-scheme";
export const INTERNAL_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-internal";
const LB_TYPE_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-type";
/** loadBalancerClass values handled by the AWS Load Balancer Controller / EKS Auto Mode, which honour the scheme annotation. */
const LBC_CLASSES = ["service.k8s.aws/nlb", "eks.amazonaws.com/nlb"];

const DEFAULTS: { internalLoadBalancerAnnotations: Record<string, string> } = { internalLoadBalancerAnnotations: {} };

/**
 * Whether a LoadBalancer Service's load balancer is internal. `aws-load-balancer-internal: "true"` is honoured by
 * both the in-tree controller and the AWS Load Balancer Controller. `aws-load-balancer-scheme: internal` is honoured
 * only by the AWS Load Balancer Controller: the in-tree controller ignores it and builds an internet-facing ELB, so it
 * counts only when the Service is handed to that controller (type `external`/`nlb-ip` or its loadBalancerClass).
 * An explicit `internet-facing` scheme is public whatever else is set.
 */
export function isInternalLoadBalancer(annotations: View, spec: View, extra: Record<string, string>): Maybe<boolean> {
    const scheme = annotations.at(SCHEME_ANNOTATION).str();
    if (scheme === "internet-facing") return false;
    const internal = annotations.at(INTERNAL_ANNOTATION).str();
    if (internal === "true") return true;
    for (const [k, v] of Object.entries(extra)) if (annotations.at(k).str() === v) return true;
    if (scheme === "internal") {
        const lbType = annotations.at(LB_TYPE_ANNOTATION).str();
        const lbClass = spec.at("loadBalancerClass").str();
        if (lbType === "external" || lbType === "nlb-ip" || (typeof lbClass === "string" && LBC_CLASSES.includes(lbClass))) return true;
        if (lbType === UNKNOWN || lbClass === UNKNOWN) return UNKNOWN;
    }
    if (scheme === UNKNOWN || internal === UNKNOWN) return UNKNOWN;
    return false;
}

const INTERNAL_FIX = `set metadata.annotations["${INTERNAL_ANNOTATION}"] to "true" (honoured by both the in-tree controller and the `
    + "AWS Load Balancer Controller) or use type ClusterIP";

/** No Service opens a port to the internet: no NodePort, no internet-facing LoadBalancer, no externalIPs. */
export const disallowPublicKubernetesServices = resourcePolicy({
    name: "disallow-public-kubernetes-services",
    description: "No Kubernetes Service is reachable from outside the private network: no NodePort, no LoadBalancer that is not "
        + "explicitly internal, no externalIPs, including Services a Helm chart creates from its values.",
    step: "console",
    severity: "high",
    remediationSteps: `Use spec.type ClusterIP. When a load balancer is needed inside the VPC, keep spec.type LoadBalancer and set `
        + `metadata.annotations["${INTERNAL_ANNOTATION}"]: "true" (and "${SCHEME_ANNOTATION}": internal for the AWS Load Balancer `
        + "Controller), with spec.loadBalancerSourceRanges limited to private CIDRs. Remove spec.externalIPs. For Helm charts, set the "
        + "service `type` value to ClusterIP.",
    url: URLS.network,
    framework: eksBestPractices("network", "Network security: expose workloads only through internal load balancers"),
    references: ["CIS EKS 5.4.5", "EKS-BP network", "kyverno restrict-loadbalancer", "kyverno restrict-node-port", "kyverno restrict-external-ips"],
    configSchema: {
        properties: {
            internalLoadBalancerAnnotations: {
                type: "object",
                additionalProperties: { type: "string" },
                default: {},
                description: "Extra annotation name -> value pairs that make a LoadBalancer Service internal for a load-balancer "
                    + "controller this pack does not know. The AWS annotations are always understood.",
            },
        },
    },
    types: [...k8sTypes("Service"), ...HELM_TYPES],
    check: ({ args, reads, report }) => {
        const configured = configWithDefaults(args.getConfig(), DEFAULTS).internalLoadBalancerAnnotations;
        const extra: Record<string, string> = isObject(configured) ? configured as Record<string, string> : {};
        if (HELM_TYPES.includes(args.type)) {
            const root = View.root(reads, args.props);
            // Charts name the switch freely (`service.type`, `serviceType`, `expose.kind`, `ui.svcType`...): the values
            // LoadBalancer and NodePort mean a Service type under any key.
            for (const leaf of helmValues(root, () => true)) {
                if (leaf.value !== "LoadBalancer" && leaf.value !== "NodePort") continue;
                const value = leaf.view.str();
                if (value !== "LoadBalancer" && value !== "NodePort") continue;
                if (value === "LoadBalancer" && isInternalLoadBalancer(leaf.parent.at("annotations"), leaf.parent, extra) !== false) continue;
                report(`${leaf.view.path} is ${value}: the chart will expose its Service outside the cluster; set it to ClusterIP `
                    + `(or, for a load balancer inside the VPC, set ${leaf.parent.at("annotations").path}["${INTERNAL_ANNOTATION}"] to "true").`);
            }
            return;
        }
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const spec = obj.view.at("spec");
            const what = describe(obj);
            const type = spec.at("type").str();
            if (type === "NodePort") {
                report(`${what}: ${spec.at("type").path} is NodePort, which opens the port on every node's address; use ClusterIP.`);
            } else if (type === "LoadBalancer") {
                const internal = isInternalLoadBalancer(obj.view.at("metadata", "annotations"), spec, extra);
                if (internal === false) {
                    const scheme = obj.view.at("metadata", "annotations", SCHEME_ANNOTATION).peek();
                    const why = scheme === "internet-facing" ? `${SCHEME_ANNOTATION} is internet-facing`
                        : scheme === "internal" ? `${SCHEME_ANNOTATION}: internal is ignored by the in-tree controller, which then builds an internet-facing ELB`
                            : "no internal annotation is set, so the load balancer is internet-facing";
                    report(`${what}: ${spec.at("type").path} is LoadBalancer and ${why}; ${INTERNAL_FIX}.`);
                }
            }
            const externalIPs = spec.at("externalIPs").list();
            if (externalIPs !== UNKNOWN && externalIPs.length > 0) {
                report(`${what}: ${spec.at("externalIPs").path} is set, which routes traffic for those addresses to the Service `
                    + "(and can hijack them, CVE-2020-8554); remove it.");
            }
        }
    },
});
