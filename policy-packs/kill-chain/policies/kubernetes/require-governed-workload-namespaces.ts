import { cisEks } from "../../lib/frameworks";
import { describe } from "../../lib/k8s";
import { fromCreatedNamespace, missingGovernance, namespaceGovernance, workloads } from "../../lib/k8s-governed-namespaces";
import { scoped } from "../../lib/k8s-namespaces";
import { URLS } from "../../lib/k8s-meta";
import { psaLabel } from "../../lib/k8s-psa";
import { stackPolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/**
 * The namespace policies (enforce restricted, default-deny egress) judge the Namespaces a program declares; this one
 * makes them cover every namespace the program deploys a pod into. A miner Deployment placed in kube-system, or in a
 * namespace some other team created, otherwise meets neither Pod Security admission nor a default deny.
 */
export const requireGovernedWorkloadNamespaces = stackPolicy({
    name: "require-governed-workload-namespaces",
    description: "Every namespace the program deploys a pod spec into (workloads, CronJobs, custom resources with a pod template) is "
        + "one it creates, or one it patches with the Pod Security enforce, audit and warn labels restricted and gives a default-deny egress "
        + "NetworkPolicy: no workload escapes the namespace policies by landing in kube-system or a namespace created elsewhere. Namespaces "
        + "count per cluster (Kubernetes provider): one cluster's Namespace does not govern another's pods.",
    step: "mining",
    severity: "high",
    remediationSteps: "Deploy the workload into a Namespace the program creates (with the restricted labels and a default deny), or "
        + `declare for the existing namespace a NamespacePatch setting metadata.labels["${psaLabel("enforce")}"] (and audit, warn) to "restricted" and a `
        + "NetworkPolicy { podSelector: {}, policyTypes: [\"Ingress\", \"Egress\"] } in it.",
    url: URLS.psa,
    framework: cisEks("4.3.2", "Ensure that all Namespaces have Network Policies defined (and 4.2 Pod Security Standards)"),
    references: ["CIS EKS 4.3.2", "CIS EKS 4.2", "EKS-BP pods: Pod Security Standards (PSS) and Pod Security Admission (PSA)",
        "EKS-BP network: Create a default deny policy"],
    check: ({ args, reads, report }) => {
        const list = workloads(args.resources, reads);
        if (list.length === 0) return;
        const g = namespaceGovernance(args.resources, reads);
        for (const w of list) {
            // A namespace name computed from a Namespace the program creates is that Namespace's: its own policies judge it.
            if (w.namespace === UNKNOWN ? fromCreatedNamespace(w, g) : g.created.has(scoped(w.cluster, w.namespace))) continue;
            if (w.namespace === UNKNOWN) {
                w.record(); // neither value nor dependency says where it lands: the verdict waits for `up`
                continue;
            }
            const unnamed = g.unknownNames.get(w.cluster);
            if (unnamed) {
                // A Namespace of the same cluster whose name is not known yet may be this one: the verdict waits for `up`.
                unnamed.forEach((record) => record());
                continue;
            }
            const { missing } = missingGovernance(scoped(w.cluster, w.namespace), g);
            if (missing.length === 0) continue;
            report(w.resource, `${describe(w.obj)} is deployed into namespace ${w.namespace}, which the program does not create: `
                + `${missing.join("; ")}, so its pods escape Pod Security admission and the default deny; deploy it into a namespace the `
                + "program creates, or add what is missing.");
        }
    },
});
