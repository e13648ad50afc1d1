import { HELM_TYPES, K8sObject, View, describe, k8sObjects, k8sTypes, WORKLOAD_KINDS } from "../../lib/k8s";
import { adminUiOfChart, adminUiOfImage, adminUiOfName } from "../../lib/k8s-images";
import { adminUiOfArgs } from "../../lib/k8s-consoles";
import { helmChartOf } from "../../lib/k8s-helm";
import { checkovKubernetes, URLS } from "../../lib/k8s-meta";
import { containersOf, mayHoldPodSpec, podTemplatesOf } from "../../lib/k8s-workloads";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

const LABELS = ["k8s-app", "app.kubernetes.io/name", "app"];
const LISTED = new Set([...k8sTypes(...WORKLOAD_KINDS, "Service", "Ingress", "ServiceAccount", "Namespace", "RoleBinding", "ClusterRoleBinding"), ...HELM_TYPES]);
const FIX = "remove it: this platform has no in-cluster console; operators use kubectl through the private API endpoint with IAM-authenticated access entries";

interface Finding {
    path: string;
    value: string;
    product: string;
}

function byName(view: View, findings: Finding[]): void {
    const v = view.str();
    if (typeof v !== "string") return;
    const product = adminUiOfName(v);
    if (product) findings.push({ path: view.path, value: v, product });
}

function labels(metadata: View, findings: Finding[]): void {
    for (const label of LABELS) byName(metadata.at("labels", label), findings);
}

function objectFindings(obj: K8sObject, type: string): Finding[] {
    const findings: Finding[] = [];
    const v = obj.view;
    byName(v.at("metadata", "name"), findings);
    labels(v.at("metadata"), findings);
    for (const pod of podTemplatesOf(obj, type)) {
        labels(pod.metadata, findings);
        for (const c of containersOf(pod.spec)) {
            const image = c.at("image").str();
            const product = typeof image === "string" ? adminUiOfImage(image) : undefined;
            if (product && typeof image === "string") findings.push({ path: c.at("image").path, value: image, product });
            // By what it does: a renamed or mirrored image still takes its console's flags.
            for (const key of ["command", "args"] as const) {
                const list = c.at(key).peek();
                const byFlag = Array.isArray(list) ? adminUiOfArgs(list) : undefined;
                if (byFlag) findings.push({ path: c.at(key).path, value: byFlag.flag, product: byFlag.product });
            }
        }
    }
    if (obj.kind === "Ingress") {
        const backends = [v.at("spec", "defaultBackend", "service", "name"), v.at("spec", "backend", "serviceName")];
        const rules = v.at("spec", "rules").list();
        if (rules !== UNKNOWN) {
            for (const rule of rules) {
                const paths = rule.at("http", "paths").list();
                if (paths === UNKNOWN) continue;
                for (const p of paths) backends.push(p.at("backend", "service", "name"), p.at("backend", "serviceName"));
            }
        }
        for (const b of backends) byName(b, findings);
    }
    if (obj.kind === "RoleBinding" || obj.kind === "ClusterRoleBinding") {
        const subjects = v.at("subjects").list();
        if (subjects !== UNKNOWN) for (const s of subjects) byName(s.at("name"), findings);
    }
    return findings;
}

/** No Kubernetes Dashboard or other admin UI, however it is deployed: manifests, YAML, Helm. */
export const disallowKubernetesAdminConsoles = resourcePolicy({
    name: "disallow-kubernetes-admin-consoles",
    description: "No Kubernetes Dashboard or other in-cluster admin console (Headlamp, Rancher, Portainer, Weave Scope, Kubeapps, "
        + "Octant, Skooner...) is deployed, by manifest, YAML or Helm chart: the Tesla breach began at an open Kubernetes console.",
    step: "console",
    severity: "critical",
    remediationSteps: "Delete the admin console: the workload (its container image, e.g. kubernetesui/dashboard), its Service, "
        + "Ingress, ServiceAccount and bindings, or the Helm chart (`chart`) that installs it. Inspect the cluster with kubectl "
        + "over the private API endpoint, authenticated by an EKS access entry.",
    url: URLS.iam,
    framework: checkovKubernetes("CKV_K8S_33", "Ensure the Kubernetes dashboard is not deployed"),
    references: ["CKV_K8S_33", "EKS-BP iam", "GuardDuty Policy:Kubernetes/ExposedDashboard"],
    // Custom resources count too: a console shipped as an Argo Rollout is still a console.
    types: (t) => LISTED.has(t) || mayHoldPodSpec(t),
    check: ({ args, reads, report }) => {
        if (HELM_TYPES.includes(args.type)) {
            const root = View.root(reads, args.props);
            const { chart, repo } = helmChartOf(root);
            if (chart === UNKNOWN || repo === UNKNOWN) return;
            const product = adminUiOfChart(chart, repo);
            if (product) {
                report(`chart "${chart}"${repo ? ` from ${repo}` : ""} installs the ${product} admin console; ${FIX}.`);
            }
            return;
        }
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const findings = objectFindings(obj, args.type);
            if (findings.length === 0) continue;
            const products = [...new Set(findings.map((f) => f.product))].join(", ");
            const evidence = findings.map((f) => `${f.path} is "${f.value}"`).join("; ");
            report(`${describe(obj)} is part of the ${products} admin console (${evidence}); ${FIX}.`);
        }
    },
});
