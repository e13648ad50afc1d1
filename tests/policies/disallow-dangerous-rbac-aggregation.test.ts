import { describe, test } from "node:test";
import { disallowDangerousRbacAggregation as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-dangerous-rbac-aggregation";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { clusterRole, withProp } from "./k8s-fixtures";

const aggregatedTo = (target: string) => withProp(clusterRole(), ["metadata", "labels"], { [`rbac.authorization.k8s.io/aggregate-to-${target}`]: "true" });

describe("disallow-dangerous-rbac-aggregation: nothing dangerous flows into admin, edit or view", () => {
    test("the reference read-only ClusterRole passes", async () => assertClean(await one(policy, clusterRole())));
    test("a read-only ClusterRole aggregated into view passes", async () => assertClean(await one(policy, aggregatedTo("view"))));
    test("an aggregating ClusterRole with its own label selector passes", async () =>
        assertClean(await one(policy, withProp(clusterRole(), ["aggregationRule"], { clusterRoleSelectors: [{ matchLabels: { "example.com/aggregate-to-monitoring": "true" } }] }))));
    test("a wildcard ClusterRole without an aggregate label is left to disallow-wildcard-rbac-rules", async () =>
        assertClean(await one(policy, withProp(clusterRole(), ["rules", 0, "resources"], ["*"]))));

    test("aggregate-to-edit with resources \"*\" fails", async () => {
        const r = withProp(aggregatedTo("edit"), ["rules", 0, "resources"], ["*"]);
        assertFails(await one(policy, r), [r], "built-in edit role");
    });
    test("aggregate-to-view with reads of secrets fails", async () => {
        const r = withProp(aggregatedTo("view"), ["rules", 0, "resources"], ["secrets"]);
        assertFails(await one(policy, r), [r], "on secrets");
    });
    test("aggregate-to-admin with serviceaccounts/token fails", async () => {
        const r = withProp(withProp(aggregatedTo("admin"), ["rules", 0, "resources"], ["serviceaccounts/token"]), ["rules", 0, "verbs"], ["create"]);
        assertFails(await one(policy, r), [r], "serviceaccounts/token");
    });
    test("an aggregationRule with an empty selector fails", async () => {
        const r = withProp(clusterRole(), ["aggregationRule"], { clusterRoleSelectors: [{ matchLabels: {} }] });
        assertFails(await one(policy, r), [r], "collects the rules of every labelled ClusterRole");
    });
    test("unknown selectors defer, naming them", async () => {
        const r = withProp(clusterRole(), ["aggregationRule", "clusterRoleSelectors"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "aggregationRule.clusterRoleSelectors");
    });
});
