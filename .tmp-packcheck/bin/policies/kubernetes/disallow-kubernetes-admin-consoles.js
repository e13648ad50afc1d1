"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowKubernetesAdminConsoles = void 0;
const k8s_1 = require("../../lib/k8s");
const k8s_images_1 = require("../../lib/k8s-images");
const k8s_helm_1 = require("../../lib/k8s-helm");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_workloads_1 = require("../../lib/k8s-workloads");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const LABELS = ["k8s-app", "app.kubernetes.io/name", "app"];
const FIX = "remove it: this platform has no in-cluster console; operators use kubectl through the private API endpoint with IAM-authenticated access entries";
function byName(view, findings) {
    const v = view.str();
    if (typeof v !== "string")
        return;
    const product = (0, k8s_images_1.adminUiOfName)(v);
    if (product)
        findings.push({ path: view.path, value: v, product });
}
function labels(metadata, findings) {
    for (const label of LABELS)
        byName(metadata.at("labels", label), findings);
}
function objectFindings(obj) {
    const findings = [];
    const v = obj.view;
    byName(v.at("metadata", "name"), findings);
    labels(v.at("metadata"), findings);
    const pod = (0, k8s_workloads_1.podTemplateOf)(obj);
    if (pod) {
        labels(pod.metadata, findings);
        for (const c of (0, k8s_workloads_1.containersOf)(pod.spec)) {
            const image = c.at("image").str();
            if (typeof image !== "string")
                continue;
            const product = (0, k8s_images_1.adminUiOfImage)(image);
            if (product)
                findings.push({ path: c.at("image").path, value: image, product });
        }
    }
    if (obj.kind === "Ingress") {
        const backends = [v.at("spec", "defaultBackend", "service", "name"), v.at("spec", "backend", "serviceName")];
        const rules = v.at("spec", "rules").list();
        if (rules !== unknowns_1.UNKNOWN) {
            for (const rule of rules) {
                const paths = rule.at("http", "paths").list();
                if (paths === unknowns_1.UNKNOWN)
                    continue;
                for (const p of paths)
                    backends.push(p.at("backend", "service", "name"), p.at("backend", "serviceName"));
            }
        }
        for (const b of backends)
            byName(b, findings);
    }
    if (obj.kind === "RoleBinding" || obj.kind === "ClusterRoleBinding") {
        const subjects = v.at("subjects").list();
        if (subjects !== unknowns_1.UNKNOWN)
            for (const s of subjects)
                byName(s.at("name"), findings);
    }
    return findings;
}
/** No Kubernetes Dashboard or other admin UI, however it is deployed: manifests, YAML, Helm. */
exports.disallowKubernetesAdminConsoles = (0, policy_1.resourcePolicy)({
    name: "disallow-kubernetes-admin-consoles",
    description: "No Kubernetes Dashboard or other in-cluster admin console (Headlamp, Rancher, Portainer, Weave Scope, Kubeapps, "
        + "Octant, Skooner...) is deployed, by manifest, YAML or Helm chart: the Tesla breach began at an open Kubernetes console.",
    step: "console",
    severity: "critical",
    remediationSteps: "Delete the admin console: the workload (its container image, e.g. kubernetesui/dashboard), its Service, "
        + "Ingress, ServiceAccount and bindings, or the Helm chart (`chart`) that installs it. Inspect the cluster with kubectl "
        + "over the private API endpoint, authenticated by an EKS access entry.",
    url: k8s_meta_1.URLS.iam,
    framework: (0, k8s_meta_1.checkovKubernetes)("CKV_K8S_33", "Ensure the Kubernetes dashboard is not deployed"),
    references: ["CKV_K8S_33", "EKS-BP iam", "GuardDuty Policy:Kubernetes/ExposedDashboard"],
    types: [
        ...(0, k8s_1.k8sTypes)(...k8s_1.WORKLOAD_KINDS, "Service", "Ingress", "ServiceAccount", "Namespace", "RoleBinding", "ClusterRoleBinding"),
        ...k8s_1.HELM_TYPES,
    ],
    check: ({ args, reads, report }) => {
        if (k8s_1.HELM_TYPES.includes(args.type)) {
            const root = k8s_1.View.root(reads, args.props);
            const { chart, repo } = (0, k8s_helm_1.helmChartOf)(root);
            if (chart === unknowns_1.UNKNOWN || repo === unknowns_1.UNKNOWN)
                return;
            const product = (0, k8s_images_1.adminUiOfChart)(chart, repo);
            if (product) {
                report(`chart "${chart}"${repo ? ` from ${repo}` : ""} installs the ${product} admin console; ${FIX}.`);
            }
            return;
        }
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const findings = objectFindings(obj);
            if (findings.length === 0)
                continue;
            const products = [...new Set(findings.map((f) => f.product))].join(", ");
            const evidence = findings.map((f) => `${f.path} is "${f.value}"`).join("; ");
            report(`${(0, k8s_1.describe)(obj)} is part of the ${products} admin console (${evidence}); ${FIX}.`);
        }
    },
});
//# sourceMappingURL=disallow-kubernetes-admin-consoles.js.map