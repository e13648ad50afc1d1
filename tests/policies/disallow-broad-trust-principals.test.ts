import { describe, test } from "node:test";
import { disallowBroadTrustPrincipals as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-broad-trust-principals";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res, withConfig } from "./aws-helpers";

const doc = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const assume = (principal: unknown, extra: Record<string, unknown> = {}) => doc({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra });
const role = res("aws:iam/role:Role", "eks", { assumeRolePolicy: assume({ Service: "eks.amazonaws.com" }) });
const GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

describe("disallow-broad-trust-principals: a role names who may assume it", () => {
    test("a service principal passes", async () => assertClean(await one(policy, role)));
    test("an exact role ARN passes", async () => assertClean(await one(policy, edit(role, { assumeRolePolicy: assume({ AWS: "arn:aws:iam::444455556666:role/deployer" }) }))));
    test("another account's root with sts:ExternalId passes", async () =>
        assertClean(await one(policy, edit(role, { assumeRolePolicy: assume({ AWS: "arn:aws:iam::444455556666:root" }, { Condition: { StringEquals: { "sts:ExternalId": "x1" } } }) }))));
    test("a configured trusted account root passes", async () =>
        assertClean(await one(withConfig(policy, { trustedAccountIds: ["111122223333"] }), edit(role, { assumeRolePolicy: assume({ AWS: "111122223333" }) }))));
    test("GitHub OIDC pinned on :sub passes", async () =>
        assertClean(await one(policy, edit(role, { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/app:ref:refs/heads/main" } } }) }))));
    test("a Deny for \"*\" passes", async () => assertClean(await one(policy, edit(role, { assumeRolePolicy: doc({ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }) }))));

    for (const [name, principal, field] of [
        ["Principal \"*\"", "*", "trusts Principal \"*\""],
        ["Principal { AWS: \"*\" }", { AWS: "*" }, "trusts Principal \"*\""],
        ["another account's root without a condition", { AWS: "arn:aws:iam::444455556666:root" }, "trusts the whole account arn:aws:iam::444455556666:root"],
        ["a bare account id", { AWS: "444455556666" }, "trusts the whole account 444455556666"],
        ["a wildcard role ARN", { AWS: "arn:aws:iam::444455556666:role/*" }, "wildcard principals"],
    ] as const) {
        test(`${name} fails`, async () => assertFails(await one(policy, edit(role, { assumeRolePolicy: assume(principal) })), [role], field));
    }
    test("a root trust whose only condition is ...IfExists fails", async () =>
        assertFails(await one(policy, edit(role, { assumeRolePolicy: assume({ AWS: "444455556666" }, { Condition: { StringEqualsIfExists: { "sts:ExternalId": "x" } } }) })), [role], "whole account"));
    test("NotPrincipal with Allow fails", async () =>
        assertFails(await one(policy, edit(role, { assumeRolePolicy: doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:role/x" }, Action: "sts:AssumeRole" }) })), [role], "NotPrincipal"));
    test("GitHub OIDC without a :sub condition fails", async () =>
        assertFails(await one(policy, edit(role, { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } }) })),
            [role], "token.actions.githubusercontent.com:sub"));
    test("a trust policy that is not JSON fails with a clear message", async () =>
        assertFails(await one(policy, edit(role, { assumeRolePolicy: "{not json" })), [role], "assumeRolePolicy is not valid JSON"));

    test("an unknown trust policy defers, naming assumeRolePolicy", async () =>
        assertDeferred(await one(policy, edit(role, { assumeRolePolicy: UNKNOWN })), role, "assumeRolePolicy"));
});
