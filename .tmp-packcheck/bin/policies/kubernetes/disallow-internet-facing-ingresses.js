"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowInternetFacingIngresses = exports.ALB_SCHEME_ANNOTATION = void 0;
const config_1 = require("../../lib/config");
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_helm_1 = require("../../lib/k8s-helm");
const k8s_images_1 = require("../../lib/k8s-images");
const k8s_meta_1 = require("../../lib/k8s-meta");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
exports.ALB_SCHEME_ANNOTATION = "alb.ingress.kubernetes.io/scheme";
/** Service names an Ingress routes to (v1 `service.name`, v1beta1 `serviceName`, default backends included). */
function backendNames(ingress) {
    const spec = ingress.at("spec");
    const backends = [spec.at("defaultBackend"), spec.at("backend")];
    const rules = spec.at("rules").list();
    if (rules !== unknowns_1.UNKNOWN) {
        for (const rule of rules) {
            const paths = rule.at("http", "paths").list();
            if (paths !== unknowns_1.UNKNOWN)
                for (const p of paths)
                    backends.push(p.at("backend"));
        }
    }
    const names = [];
    for (const b of backends) {
        for (const n of [b.at("service", "name").peek(), b.at("serviceName").peek()])
            if (typeof n === "string")
                names.push(n);
    }
    return names;
}
/**
 * No Ingress asks the AWS Load Balancer Controller for an internet-facing ALB, unless it is named in
 * `allowedInternetFacingIngresses`; an Ingress in front of an admin console is never allowed.
 */
exports.disallowInternetFacingIngresses = (0, policy_1.resourcePolicy)({
    name: "disallow-internet-facing-ingresses",
    description: "No Ingress gets an internet-facing AWS load balancer (alb.ingress.kubernetes.io/scheme: internet-facing) unless "
        + "it is listed in allowedInternetFacingIngresses, and never one that routes to an admin console.",
    step: "console",
    severity: "high",
    remediationSteps: `Remove metadata.annotations["${exports.ALB_SCHEME_ANNOTATION}"] (the AWS Load Balancer Controller defaults to internal) `
        + "or set it to internal. If the Ingress is a reviewed public entry point, add \"<namespace>/<name>\" to the policy's "
        + "allowedInternetFacingIngresses config. An Ingress to a dashboard or other admin UI must be deleted.",
    url: k8s_meta_1.URLS.network,
    framework: (0, frameworks_1.eksBestPractices)("network", "Network security: no internet-facing entry point to cluster administration"),
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
    types: [...(0, k8s_1.k8sTypes)("Ingress"), ...k8s_1.HELM_TYPES],
    check: ({ args, reads, report }) => {
        const allowed = (0, config_1.stringList)((0, config_1.configWithDefaults)(args.getConfig(), { allowedInternetFacingIngresses: [] })
            .allowedInternetFacingIngresses);
        if (k8s_1.HELM_TYPES.includes(args.type)) {
            for (const leaf of (0, k8s_helm_1.helmValues)(k8s_1.View.root(reads, args.props), (k) => k === exports.ALB_SCHEME_ANNOTATION)) {
                if (leaf.view.str() !== "internet-facing")
                    continue;
                report(`${leaf.view.path} is internet-facing: the chart's Ingress gets a public load balancer; set it to internal.`);
            }
            return;
        }
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const scheme = obj.view.at("metadata", "annotations", exports.ALB_SCHEME_ANNOTATION);
            if (scheme.str() !== "internet-facing")
                continue;
            const consoles = backendNames(obj.view).map(k8s_images_1.adminUiOfName).filter((p) => p !== undefined);
            const what = (0, k8s_1.describe)(obj);
            if (consoles.length > 0) {
                report(`${what}: ${scheme.path} is internet-facing and the Ingress routes to the ${consoles[0]} admin console; `
                    + "delete the Ingress and the console (no allowlist applies to admin consoles).");
                continue;
            }
            const ns = obj.view.at("metadata", "namespace").str();
            const name = obj.view.at("metadata", "name").str();
            if (ns === unknowns_1.UNKNOWN || name === unknowns_1.UNKNOWN)
                continue;
            if (allowed.includes(`${ns ?? "default"}/${name ?? ""}`))
                continue;
            report(`${what}: ${scheme.path} is internet-facing, which gives the Ingress a public load balancer; set it to internal `
                + "(the controller's default) or, after review, list the Ingress in allowedInternetFacingIngresses.");
        }
    },
});
//# sourceMappingURL=disallow-internet-facing-ingresses.js.map