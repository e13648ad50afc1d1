import { describe, test } from "node:test";
import { disallowGuardDutyAgentInterference as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-guardduty-agent-interference";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { clusterRole, configMap, defaultDeny, deployment, helmChart, namespace, withProp } from "./k8s-fixtures";

describe("disallow-guardduty-agent-interference: the runtime threat detector is left alone", () => {
    for (const r of [deployment(), namespace(), defaultDeny(), configMap(), clusterRole(), helmChart()]) {
        test(`the reference ${r.type.split(":").pop()} passes`, async () => assertClean(await one(policy, r)));
    }
    const cases = [
        ["a NetworkPolicy in amazon-guardduty (cuts the agent's egress)", defaultDeny("amazon-guardduty"), "metadata.namespace is amazon-guardduty"],
        ["a DaemonSetPatch of aws-guardduty-agent", { ...withProp(withProp(deployment(), ["metadata", "name"], "aws-guardduty-agent"), ["metadata", "namespace"], "amazon-guardduty"),
            type: "kubernetes:apps/v1:DaemonSetPatch" }, "metadata.name is aws-guardduty-agent"],
        ["a look-alike aws-guardduty-agent Deployment elsewhere", withProp(deployment(), ["metadata", "name"], "aws-guardduty-agent"), "aws-guardduty-agent"],
        ["a Namespace named amazon-guardduty", namespace("amazon-guardduty"), "Namespace amazon-guardduty belongs to the GuardDuty add-on"],
        ["a NamespacePatch relabelling amazon-guardduty", { ...namespace("amazon-guardduty"), type: "kubernetes:core/v1:NamespacePatch" }, "Namespace amazon-guardduty"],
        ["a ClusterRolePatch of the agent's role", { ...withProp(clusterRole(), ["metadata", "name"], "aws-guardduty-agent-role"), type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRolePatch" },
            "aws-guardduty-agent-role"],
        ["a zero-pod ResourceQuota in amazon-guardduty (starves the agent)", { type: "kubernetes:core/v1:ResourceQuota", name: "quota",
            props: { metadata: { name: "quiet", namespace: "amazon-guardduty" }, spec: { hard: { pods: "0" } } } }, "ResourceQuota amazon-guardduty/quiet"],
        ["a LimitRange in amazon-guardduty", { type: "kubernetes:core/v1:LimitRange", name: "limits",
            props: { metadata: { name: "tiny", namespace: "amazon-guardduty" }, spec: { limits: [{ type: "Container", max: { cpu: "1m" } }] } } }, "LimitRange amazon-guardduty/tiny"],
        ["a Helm chart installed into amazon-guardduty", withProp(helmChart(), ["namespace"], "amazon-guardduty"), "namespace is amazon-guardduty"],
    ] as const;
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    test("unknown: a known agent name is reported when the namespace is unknown", async () => {
        const r = withProp(withProp(deployment(), ["metadata", "name"], "aws-guardduty-agent"), ["metadata", "namespace"], UNKNOWN);
        assertFails(await one(policy, r), [r], "metadata.name is aws-guardduty-agent");
    });
    test("unknown: an unknown namespace alone defers once, naming it", async () => {
        const r = withProp(configMap(), ["metadata", "namespace"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "metadata.namespace");
    });
});
