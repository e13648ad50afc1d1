import { configWithDefaults, stringList } from "../../lib/config";
import { eksBestPractices } from "../../lib/frameworks";
import { HELM_TYPES, View, describe, k8sObjects, k8sTypes } from "../../lib/k8s";
import { helmValues } from "../../lib/k8s-helm";
import { adminUiOfName } from "../../lib/k8s-images";
import { URLS } from "../../lib/k8s-meta";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

export const ALB_SCHEME_ANNOTATION = "alb.ingress.kubernetes.io/scheme";

/** Service names an Ingress routes to (v1 `service.name`, v1beta1 `serviceName`, default backends included). */
function backendNames(ingress: View): string[] {
    const spec = ingress.at("spec");
    const backends = [spec.at("defaultBackend"), spec.at("backend")];
    const rules = spec.at("rules").list();
    if (rules !== UNKNOWN) {
        for (const rule of rules) {
            const paths = rule.at("http", "paths").list();
            if (paths !== UNKNOWN) for (const p of paths) backends.push(p.at("backend"));
        }
    }
    const names: string[] = [];
    for (const b of backends) {
        for (const n of [b.at("service", "name").peek(), b.at("serviceName").peek()]) if (typeof n === "string") names.push(n);
    }
    return names;
}

/**
 * No Ingress asks the AWS Load Balancer Controller for an internet-facing ALB, unless it is named in
 * `allowedInternetFacingIngresses`; an Ingress in front of an admin console is never allowed.
 */
export const disallowInternetFacingIngresses = resourcePolicy({
    name: "disallow-internet-facing-ingresses",
    description: "No Ingress gets an internet-facing AWS load balancer (alb.ingress.kubernetes.io/scheme: internet-facing) unless "
        + "it is listed in allowedInternetFacingIngresses, and never one that routes to an admin console.",
    step: "console",
    severity: "high",
    remediationSteps: `Remove metadata.annotations["${ALB_SCHEME_ANNOTATION}"] (the AWS Load Balancer Controller defaults to internal) `
        + "or set it to internal. If the Ingress is a reviewed public entry point, add \"<namespace>/<name>\" to the policy's "
        + "allowedInternetFacingIngresses config. An Ingress to a dashboard or other admin UI must be deleted.",
    url: URLS.network,
    framework: eksBestPractices("network", "Network security: no internet-facing entry point to cluster administration"),
    references: ["EKS-BP network", "CIS EKS 5.4.5", "GuardDuty Policy:Kubernetes/ExposedDashboard"],
    configSchema: {
        properties: {
            allowedInternetFacingIngresses: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Reviewed public Ingresses, as \"<namespace>/<name>\". Never applies to Ingresses routing to an admin console.",
            },
        },
    },
    types: [...k8sTypes("Ingress"), ...HELM_TYPES],
    check: ({ args, reads, report }) => {
        const allowed = stringList(configWithDefaults(args.getConfig(), { allowedInternetFacingIngresses: [] as string[] })
            .allowedInternetFacingIngresses);
        if (HELM_TYPES.includes(args.type)) {
            for (const leaf of helmValues(View.root(reads, args.props), (k) => k === ALB_SCHEME_ANNOTATION)) {
                if (leaf.view.str() !== "internet-facing") continue;
                report(`${leaf.view.path} is internet-facing: the chart's Ingress gets a public load balancer; set it to internal.`);
            }
            return;
        }
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const scheme = obj.view.at("metadata", "annotations", ALB_SCHEME_ANNOTATION);
            if (scheme.str() !== "internet-facing") continue;
            const consoles = backendNames(obj.view).map(adminUiOfName).filter((p): p is string => p !== undefined);
            const what = describe(obj);
            if (consoles.length > 0) {
                report(`${what}: ${scheme.path} is internet-facing and the Ingress routes to the ${consoles[0]} admin console; `
                    + "delete the Ingress and the console (no allowlist applies to admin consoles).");
                continue;
            }
            const ns = obj.view.at("metadata", "namespace").str();
            const name = obj.view.at("metadata", "name").str();
            if (ns === UNKNOWN || name === UNKNOWN) continue;
            if (allowed.includes(`${ns ?? "default"}/${name ?? ""}`)) continue;
            report(`${what}: ${scheme.path} is internet-facing, which gives the Ingress a public load balancer; set it to internal `
                + "(the controller's default) or, after review, list the Ingress in allowedInternetFacingIngresses.");
        }
    },
});
