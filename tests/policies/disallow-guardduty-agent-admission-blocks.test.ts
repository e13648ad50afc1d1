import { describe, test } from "node:test";
import { disallowGuardDutyAgentAdmissionBlocks as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-guardduty-agent-admission-blocks";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { withProp } from "./k8s-fixtures";
import type { TestResource } from "./harness";

const EXCLUDE = { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["amazon-guardduty", "kube-system"] }] };
const webhook: TestResource = {
    type: "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration", name: "webhook",
    props: { metadata: { name: "image-policy" }, webhooks: [{ name: "pods.image-policy.example", failurePolicy: "Fail", namespaceSelector: EXCLUDE,
        rules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"] }], clientConfig: { service: { name: "s", namespace: "policy" } } }] },
};
const binding: TestResource = {
    type: "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding", name: "binding",
    props: { metadata: { name: "restrict" }, spec: { policyName: "restrict", validationActions: ["Deny"], matchResources: { namespaceSelector: EXCLUDE } } },
};
const kyverno: TestResource = {
    type: "kubernetes:kyverno.io/v1:ClusterPolicy", name: "kyverno",
    props: { metadata: { name: "require-labels" }, spec: { validationFailureAction: "Enforce", rules: [{ name: "labels",
        match: { any: [{ resources: { kinds: ["Pod"] } }] }, exclude: { any: [{ resources: { namespaces: ["amazon-guardduty"] } }] },
        validate: { message: "m", pattern: { metadata: { labels: { team: "?*" } } } } }] } },
};

describe("disallow-guardduty-agent-admission-blocks: nothing in the cluster can keep the runtime agent from running", () => {
    for (const r of [webhook, binding, kyverno]) test(`a ${r.type.split(":").pop()} that excludes amazon-guardduty passes`, async () => assertClean(await one(policy, r)));
    test("a webhook on Services only passes", async () =>
        assertClean(await one(policy, withProp(withProp(webhook, ["webhooks", 0, "namespaceSelector"], undefined), ["webhooks", 0, "rules", 0, "resources"], ["services"]))));
    test("a Kyverno policy in Audit mode passes", async () => {
        const audit = withProp(withProp(kyverno, ["spec", "validationFailureAction"], "Audit"), ["spec", "rules", 0, "exclude"], undefined);
        assertClean(await one(policy, audit));
    });
    test("a binding that only warns passes", async () =>
        assertClean(await one(policy, withProp(withProp(binding, ["spec", "validationActions"], ["Warn", "Audit"]), ["spec", "matchResources"], {}))));
    const cases: [string, TestResource, string][] = [
        ["a pod webhook for every namespace", withProp(webhook, ["webhooks", 0, "namespaceSelector"], undefined), "webhooks[0] (pods.image-policy.example) intercepts pods or DaemonSets in amazon-guardduty"],
        ["a mutating pod webhook excluding only kube-system", { ...withProp(webhook, ["webhooks", 0, "namespaceSelector"],
            { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["kube-system"] }] }),
        type: "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration" }, "MutatingWebhookConfiguration image-policy"],
        ["a webhook on apps/daemonsets", withProp(withProp(webhook, ["webhooks", 0, "namespaceSelector"], {}), ["webhooks", 0, "rules", 0], { apiGroups: ["apps"], resources: ["daemonsets"] }), "intercepts pods or DaemonSets"],
        ["a Deny binding for every namespace", withProp(binding, ["spec", "matchResources"], {}), "spec.matchResources selects amazon-guardduty with validationActions Deny"],
        ["an enforcing Kyverno rule without the exclusion", withProp(kyverno, ["spec", "rules", 0, "exclude"], undefined), "spec.rules[0] (labels) enforces on pods in amazon-guardduty"],
        ["a Kyverno rule enforcing per rule (failureAction)", withProp(withProp(withProp(kyverno, ["spec", "validationFailureAction"], undefined), ["spec", "rules", 0, "exclude"], undefined),
            ["spec", "rules", 0, "validate", "failureAction"], "Enforce"), "enforces on pods"],
    ];
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    test("unknown: an unknown namespaceSelector on a pod webhook defers, naming it", async () => {
        const r = withProp(webhook, ["webhooks", 0, "namespaceSelector"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "webhooks[0].namespaceSelector");
    });
});
