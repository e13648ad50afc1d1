import { describe, test } from "node:test";
import { disallowUntrustedEksClusterAdmin as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-untrusted-eks-cluster-admin";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res, withConfig } from "./aws-helpers";

const ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
const PLATFORM = "arn:aws:iam::111122223333:role/platform-admin";
const association = res("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "admin", {
    clusterName: "dev", principalArn: PLATFORM, policyArn: ADMIN, accessScope: { type: "cluster" },
});
const entry = res("aws:eks/accessEntry:AccessEntry", "entry", { clusterName: "dev", principalArn: PLATFORM, type: "STANDARD" });
const trusted = withConfig(policy, { trustedAdminPrincipals: [PLATFORM] });

describe("disallow-untrusted-eks-cluster-admin: cluster admin only for trusted roles", () => {
    test("cluster admin for a trusted role passes", async () => assertClean(await one(trusted, association)));
    test("cluster admin for any role passes when no trusted list is configured", async () => assertClean(await one(policy, association)));
    test("a view policy for an untrusted role passes", async () =>
        assertClean(await one(trusted, edit(association, { principalArn: "arn:aws:iam::111122223333:role/dev", policyArn: VIEW }))));
    test("an access entry without groups passes", async () => assertClean(await one(policy, entry)));

    test("an untrusted role fails", async () =>
        assertFails(await one(trusted, edit(association, { principalArn: "arn:aws:iam::111122223333:role/ci" })), [association], "not in trustedAdminPrincipals"));
    test("AmazonEKSAdminPolicy counts as admin", async () =>
        assertFails(await one(trusted, edit(association, { principalArn: "arn:aws:iam::111122223333:role/ci", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy" })),
            [association], "AmazonEKSAdminPolicy"));
    for (const [name, principal, field] of [
        ["an IAM user", "arn:aws:iam::111122223333:user/alice", "is an IAM user"],
        ["an account root", "arn:aws:iam::111122223333:root", "is a whole AWS account"],
        ["\"*\" in the ARN", "arn:aws:iam::111122223333:role/*", "contains a wildcard"],
    ] as const) {
        test(`${name} fails even without a trusted list`, async () =>
            assertFails(await one(policy, edit(association, { principalArn: principal })), [association], field));
    }
    test("kubernetesGroups system:masters fails", async () =>
        assertFails(await one(policy, edit(entry, { kubernetesGroups: ["viewers", "system:masters"] })), [entry], "kubernetesGroups contains system:masters"));

    test("an unknown principal defers, naming principalArn", async () =>
        assertDeferred(await one(trusted, edit(association, { principalArn: UNKNOWN })), association, "principalArn"));
    test("an unknown principal is not read for a non-admin policy", async () =>
        assertClean(await one(trusted, edit(association, { principalArn: UNKNOWN, policyArn: VIEW }))));
});
