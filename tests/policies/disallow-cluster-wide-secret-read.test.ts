import { describe, test } from "node:test";
import { disallowClusterWideSecretRead as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-cluster-wide-secret-read";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { clusterRole, role, withProp } from "./k8s-fixtures";

const secretsRule = { apiGroups: [""], resources: ["secrets"], verbs: ["get"] };

describe("disallow-cluster-wide-secret-read: no ClusterRole reads every Secret", () => {
    test("a ClusterRole on nodes passes", async () => assertClean(await one(policy, clusterRole())));
    test("a namespaced Role reading secrets is not this policy's concern", async () =>
        assertClean(await one(policy, withProp(role(), ["rules", 0], secretsRule))));
    test("secrets limited by resourceNames passes", async () =>
        assertClean(await one(policy, withProp(clusterRole(), ["rules", 0], { ...secretsRule, resourceNames: ["ca-bundle"] }))));
    test("secrets with verbs [\"create\"] only passes", async () =>
        assertClean(await one(policy, withProp(clusterRole(), ["rules", 0], { ...secretsRule, verbs: ["create"] }))));
    const cases = [
        ["get on secrets", { ...secretsRule }],
        ["list on secrets", { ...secretsRule, verbs: ["list"] }],
        ["watch on secrets", { ...secretsRule, verbs: ["watch"] }],
        ["\"*\" verbs on secrets", { ...secretsRule, verbs: ["*"] }],
        ["get on resources \"*\"", { ...secretsRule, resources: ["*"] }],
        ["apiGroups \"*\"", { ...secretsRule, apiGroups: ["*"] }],
    ] as const;
    for (const [what, rule] of cases) {
        test(`${what} fails`, async () => {
            const r = withProp(clusterRole(), ["rules", 1], rule);
            assertFails(await one(policy, r), [r], "rules[1] grants get/list/watch on Secrets in every namespace");
        });
    }
    test("unknown: a known secret read is reported next to an unknown rule", async () => {
        const r = withProp(withProp(clusterRole(), ["rules", 0, "resources"], UNKNOWN), ["rules", 1], secretsRule);
        assertFails(await one(policy, r), [r], "rules[1]");
    });
    test("unknown: unknown resources on a create-only rule need no verdict and do not defer", async () =>
        assertClean(await one(policy, withProp(clusterRole(), ["rules", 0], { ...secretsRule, verbs: ["create"], resources: UNKNOWN }))));
    test("unknown: unknown resources on a get rule defer once, naming them", async () => {
        const r = withProp(clusterRole(), ["rules", 0, "resources"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "rules[0].resources");
    });
});
