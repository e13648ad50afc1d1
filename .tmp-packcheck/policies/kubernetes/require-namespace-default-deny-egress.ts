import { cisEks } from "../../lib/frameworks";
import { URLS } from "../../lib/k8s-meta";
import { coverage, namespacedObjects, namespacesCreated, NamespacedObject } from "../../lib/k8s-namespaces";
import { isDefaultDenyEgress } from "../../lib/k8s-network";
import { stackPolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/**
 * Every namespace the program creates has a default-deny NetworkPolicy covering Egress, so a miner started in it
 * reaches nothing (its pool included) unless another policy allows that exact destination.
 *
 * Join: a NetworkPolicy belongs to a Namespace when its `metadata.namespace` value equals the Namespace's
 * `metadata.name` (both usually literals, known in preview), or, when a name is unknown, when its `metadata` was
 * computed from that Namespace resource (propertyDependencies). Otherwise the verdict waits for `up`.
 */
export const requireNamespaceDefaultDenyEgress = stackPolicy({
    name: "require-namespace-default-deny-egress",
    description: "Every Namespace the program creates (or a Helm release creates with createNamespace) has a NetworkPolicy with "
        + "podSelector {}, policyTypes including Egress and no egress rules: nothing leaves the namespace unless allowed explicitly.",
    step: "mining",
    severity: "critical",
    remediationSteps: "Add to each namespace a NetworkPolicy { metadata: { name: \"default-deny-all\", namespace }, spec: { podSelector: {}, "
        + "policyTypes: [\"Ingress\", \"Egress\"] } }, then allow DNS to kube-dns and each needed destination in separate policies.",
    url: URLS.network,
    framework: cisEks("4.3.2", "Ensure that all Namespaces have Network Policies defined"),
    references: ["CIS EKS 4.3.2", "EKS-BP network: Create a default deny policy", "CKV2_K8S_6", "kyverno add-networkpolicy"],
    check: ({ args, reads, report }) => {
        const policies = namespacedObjects(args.resources, reads, ["NetworkPolicy"]);
        const denies = (o: NamespacedObject, record: boolean) => {
            const spec = o.obj.view.at("spec");
            return isDefaultDenyEgress(record ? spec.with(reads(o.resource)) : spec);
        };
        const { missing } = coverage(namespacesCreated(args.resources, reads), policies, denies);
        for (const ns of missing) {
            const name = ns.name === UNKNOWN ? "?" : ns.name;
            report(ns.resource, `${ns.byHelm ? `Helm createNamespace creates namespace ${name}, which` : `Namespace ${name}`} has no `
                + "default-deny egress NetworkPolicy (spec.podSelector {}, spec.policyTypes including \"Egress\", no spec.egress rules), so its "
                + `pods can reach any address, a mining pool included; add one with metadata.namespace "${name}".`);
        }
    },
});
