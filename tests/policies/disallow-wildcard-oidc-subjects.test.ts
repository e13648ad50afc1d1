import { describe, test } from "node:test";
import { disallowWildcardOidcSubjects as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-wildcard-oidc-subjects";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";
import { cniRole, doc } from "./path-fixtures";

const GITHUB = "token.actions.githubusercontent.com";
const gh = (condition?: Record<string, unknown>) => ({
    Effect: "Allow", Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GITHUB}` }, Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" }, ...(condition ?? {}) },
});
const deployer = res("aws:iam/role:Role", "deployer", { assumeRolePolicy: doc(gh({ StringLike: { [`${GITHUB}:sub`]: "repo:org/infra:ref:refs/heads/main" } })) });

describe("disallow-wildcard-oidc-subjects: a CI trust admits one repository's workflows", () => {
    test("GitHub pinned to one repository and branch passes", async () => assertClean(await one(policy, deployer)));
    test("GitHub pinned to one repository's environments (literal org/repo, wildcard after) passes", async () =>
        assertClean(await one(policy, edit(deployer, { assumeRolePolicy: doc(gh({ StringLike: { [`${GITHUB}:sub`]: "repo:org/infra:environment:*" } })) }))));
    test("the reference IRSA roles are left to require-pinned-irsa-trust", async () => assertClean(await one(policy, cniRole)));

    test("StringLike \"?*\" on :sub fails", async () => {
        const r = edit(deployer, { assumeRolePolicy: doc(gh({ StringLike: { [`${GITHUB}:sub`]: "?*" } })) });
        assertFails(await one(policy, r), [deployer], "no positive :sub condition that narrows it");
    });
    test("a whole organisation (repo:org/*) fails", async () => {
        const r = edit(deployer, { assumeRolePolicy: doc(gh({ StringLike: { [`${GITHUB}:sub`]: "repo:org/*" } })) });
        assertFails(await one(policy, r), [deployer], "does not name one repository");
    });
    test("StringNotEquals on :sub pins nothing", async () => {
        const r = edit(deployer, { assumeRolePolicy: doc(gh({ StringNotEquals: { [`${GITHUB}:sub`]: "repo:evil/x:ref:refs/heads/main" } })) });
        assertFails(await one(policy, r), [deployer], "Statement[0]");
    });
    test("a second statement without :sub undoes the first", async () => {
        const r = edit(deployer, { assumeRolePolicy: doc(gh({ StringEquals: { [`${GITHUB}:sub`]: "repo:org/infra:ref:refs/heads/main" } }), gh()) });
        assertFails(await one(policy, r), [deployer], "Statement[1]");
    });
    test("an unknown trust policy defers, naming assumeRolePolicy", async () =>
        assertDeferred(await one(policy, edit(deployer, { assumeRolePolicy: UNKNOWN })), deployer, "assumeRolePolicy"));
});
