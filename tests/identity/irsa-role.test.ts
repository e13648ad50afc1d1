import { rejections, runTest } from "../lib/plan";
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import type { ProgramRun } from "../../engine";
import {
    irsaTrustPolicy, validateIrsaManagedPolicyArns, validateMaxSessionDuration, validateNamespace, validateOidcIssuer, validateServiceAccountName,
} from "../../infra/identity/irsa-role";
import { AwsEnvironment } from "../../infra/lib/aws";
import { ValidationError } from "../../infra/lib/validation";

const env: AwsEnvironment = { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;
const throwsWith = (fn: () => unknown, message: RegExp) => assert.throws(fn, (e: unknown) => e instanceof ValidationError && message.test(e.message));

describe("irsaTrustPolicy", () => {
    test("trusts exactly one service account, only for the STS audience, only through the cluster's provider", () => {
        assert.deepEqual(irsaTrustPolicy(PROVIDER, ISSUER, "telemetry", "reader"), {
            Version: "2012-10-17",
            Statement: [{
                Effect: "Allow",
                Principal: { Federated: PROVIDER },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${ISSUER}:sub`]: "system:serviceaccount:telemetry:reader",
                        [`${ISSUER}:aud`]: "sts.amazonaws.com",
                    },
                },
            }],
        });
    });
});

describe("IRSA validators", () => {
    test("namespace and service account must be DNS-1123 names without wildcards", () => {
        assert.equal(validateNamespace("kube-system", "IrsaRole.namespace"), "kube-system");
        assert.equal(validateServiceAccountName("aws-node", "IrsaRole.serviceAccount"), "aws-node");
        for (const bad of ["*", "kube-*", "Kube", "-x", "a".repeat(64), ""]) {
            throwsWith(() => validateNamespace(bad, "IrsaRole.namespace"), /^invalid IrsaRole\.namespace: .* wildcards are not allowed/);
        }
        for (const bad of ["*", "reader?", "Reader", "reader.", ""]) {
            throwsWith(() => validateServiceAccountName(bad, "IrsaRole.serviceAccount"), /wildcards are not allowed/);
        }
    });

    test("the issuer must be host and path without scheme or wildcard", () => {
        assert.equal(validateOidcIssuer(ISSUER, "x"), ISSUER);
        for (const bad of [`https://${ISSUER}`, "oidc.eks.eu-west-1.amazonaws.com/id/*", `${ISSUER}/`]) throwsWith(() => validateOidcIssuer(bad, "x"), /without 'https:\/\/'/);
    });

    test("managed policies are limited to the allowlist (AmazonEKS_CNI_Policy)", () => {
        const cni = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";
        assert.deepEqual(validateIrsaManagedPolicyArns(env, [cni], "m"), [cni]);
        for (const bad of ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            "arn:aws:iam::111122223333:policy/AmazonEKS_CNI_Policy", "arn:aws-cn:iam::aws:policy/AmazonEKS_CNI_Policy"]) {
            throwsWith(() => validateIrsaManagedPolicyArns(env, [bad], "m"), /^invalid m\[0\]: .* must be one of arn:aws:iam::aws:policy\/AmazonEKS_CNI_Policy/);
        }
    });

    test("session duration is between one and twelve hours", () => {
        assert.equal(validateMaxSessionDuration(3600, "s"), 3600);
        for (const bad of [0, 900, 43201, 3600.5]) throwsWith(() => validateMaxSessionDuration(bad, "s"), /3600 to 43200/);
    });
});

const runs = new Map<string, Promise<ProgramRun>>();
const runIrsa = (mode: "preview" | "up", overrides: Record<string, unknown> = {}) => {
    const key = `${mode}${JSON.stringify(overrides)}`;
    if (!runs.has(key)) runs.set(key, runTest({ program: "tests/programs/cluster-irsa.ts", mode, config: { "hardened-stack:irsaTest": overrides } }));
    return runs.get(key)!;
};

for (const mode of ["preview", "up"] as const) {
    describe(`IrsaRole (${mode})`, () => {
        test("the role's trust policy pins the service account and the STS audience", async () => {
            const run = await runIrsa(mode);
            const roles = run.resources.filter((r) => r.type === "aws:iam/role:Role");
            assert.equal(roles.length, 1);
            assert.deepEqual(JSON.parse(roles[0].inputs.assumeRolePolicy as string), irsaTrustPolicy(PROVIDER, ISSUER, "telemetry", "reader"));
            assert.equal(roles[0].inputs.maxSessionDuration, 3600);
            assert.ok(run.resources.some((r) => r.type === "hardened:index:IrsaRole" && r.name === "telemetry-reader"));
        });

        test("grants become one inline policy with exactly the read-objects statements", async () => {
            const run = await runIrsa(mode);
            const policies = run.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy");
            assert.equal(policies.length, 1);
            const doc = JSON.parse(policies[0].inputs.policy as string) as { Statement: Array<{ Action: string[]; Resource: string[] }> };
            assert.deepEqual(doc.Statement.map((s) => [s.Action, s.Resource]), [
                [["s3:GetObject", "s3:GetObjectVersion"], ["arn:aws:s3:::hardened-stack-dev-telemetry/*"]],
                [["s3:ListBucket"], ["arn:aws:s3:::hardened-stack-dev-telemetry"]],
                [["kms:Decrypt"], ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]],
            ]);
            assert.equal(run.resources.filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0);
        });

        const rejected: Array<[string, Record<string, unknown>, RegExp]> = [
            ["wildcard service account `*`", { serviceAccount: "*" }, /invalid IrsaRole\.serviceAccount: "\*"/],
            ["wildcard namespace `team-*`", { namespace: "team-*" }, /invalid IrsaRole\.namespace: "team-\*"/],
            ["AdministratorAccess managed policy", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }, /invalid IrsaRole\.managedPolicyArns\[0\]/],
            ["issuer with https://", { oidcIssuer: `https://${ISSUER}` }, /invalid IrsaRole\.oidcIssuer/],
            ["empty grants", { grants: [] }, /invalid IrsaRole\.grants: \[\] — must not be empty/],
        ];
        // Constructor validation runs before anything registers: the same in both modes, so checked once.
        if (mode === "preview") {
            const probe = rejections("tests/programs/cluster-irsa.ts", "irsa", rejected.map(([, overrides]) => overrides));
            for (const [i, [label, , message]] of rejected.entries()) {
                test(`${label} is rejected by the constructor`, async () => {
                    assert.match(await probe(i), message);
                });
            }
            test("a rejected setting fails the whole program before any resource is created", async () => {
                await assert.rejects(runIrsa(mode, rejected[0]![1]), rejected[0]![2]);
            });
        }
    });
}
