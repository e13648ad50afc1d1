import { describe, test } from "node:test";
import { disallowRbacEscalationVerbs as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-rbac-escalation-verbs";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { clusterRole, role, withProp } from "./k8s-fixtures";

describe("disallow-rbac-escalation-verbs: no role can grant itself more", () => {
    test("the reference read-only Role passes", async () => assertClean(await one(policy, role())));
    test("a narrow ClusterRole passes", async () => assertClean(await one(policy, clusterRole())));
    for (const verb of ["bind", "escalate", "impersonate"]) {
        test(`verbs ["${verb}"] fails`, async () => {
            const r = withProp(clusterRole(), ["rules", 1], { apiGroups: ["rbac.authorization.k8s.io", ""], resources: ["clusterroles", "users"], verbs: [verb] });
            assertFails(await one(policy, r), [r], `rules[1].verbs contains ${verb}`);
        });
    }
    test("unknown: a known escalate is reported next to unknown verbs", async () => {
        const r = withProp(withProp(role(), ["rules", 0, "verbs"], UNKNOWN), ["rules", 1, "verbs"], ["escalate"]);
        assertFails(await one(policy, r), [r], "rules[1].verbs contains escalate");
    });
    test("unknown: unknown verbs alone defer once, naming them", async () => {
        const r = withProp(role(), ["rules", 1, "verbs"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "rules[1].verbs");
    });
});
