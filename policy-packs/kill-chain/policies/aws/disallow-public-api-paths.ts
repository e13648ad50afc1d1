import { stackPolicy } from "../../lib/policy";
import { configWithDefaults, stringList } from "../../lib/config";
import { eksBestPractices } from "../../lib/frameworks";
import { publicApiPaths } from "../../lib/path-exposure";

/**
 * The Tesla breach began at a console the internet could reach. The endpoint and Service policies close the usual
 * doors; this closes the others: a public load balancer put in front of the API's private addresses or, through a
 * TargetGroupBinding, in front of the API Service or a console, and an Ingress made public by its class's
 * IngressClassParams rather than by the annotation the Ingress policy reads.
 */
export const disallowPublicApiPaths = stackPolicy({
    name: "disallow-public-api-paths",
    description: "No internet-facing load balancer reaches the Kubernetes API or an admin console (target groups computed from the cluster, TargetGroupBindings to the API Service or a console), and no other Service (TargetGroupBinding) or Ingress (IngressClassParams) is made public by another door unless allowed.",
    step: "console",
    severity: "critical",
    remediationSteps: "Make the load balancer internal (internal: true) or remove it: operators reach the private API from inside the VPC. Never bind a target group to the default/kubernetes Service or an admin console. Set IngressClassParams spec.scheme to internal; a reviewed public Ingress or Service goes in allowedPublicEntryPoints (never the API or a console).",
    url: "https://docs.aws.amazon.com/eks/latest/best-practices/network-security.html",
    framework: eksBestPractices("network", "Network security: no internet-facing entry point to cluster administration"),
    references: ["EKS-BP network", "CIS EKS 5.4.2", "CIS EKS 5.4.5", "GuardDuty Policy:Kubernetes/ExposedDashboard", "docs/path-model.md"],
    configSchema: {
        properties: {
            allowedPublicEntryPoints: {
                type: "array", items: { type: "string" }, default: [],
                description: "Reviewed public Ingresses and Services, as \"<namespace>/<name>\". Never applies to the API or a console.",
            },
        },
    },
    check: ({ args, reads, report }) => {
        const allowed = stringList(configWithDefaults(args.getConfig(), { allowedPublicEntryPoints: [] as string[] }).allowedPublicEntryPoints);
        for (const e of publicApiPaths(args.resources, reads)) {
            if (e.entryPoint !== undefined && allowed.includes(e.entryPoint)) continue;
            report(e.resource, e.entryPoint !== undefined
                ? `${e.path}: it gets a public load balancer; make it internal (IngressClassParams spec.scheme, the load balancer's internal), or after review list ${e.entryPoint} in allowedPublicEntryPoints.`
                : `${e.path}. Remove the path: make the load balancer internal, and never expose the API or a console.`);
        }
    },
});
