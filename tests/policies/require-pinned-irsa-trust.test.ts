import { describe, test } from "node:test";
import { requirePinnedIrsaTrust as policy } from "../../policy-packs/kill-chain/policies/aws/require-pinned-irsa-trust";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;
const trust = (condition: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) => JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Federated: PROVIDER }, Action: "sts:AssumeRoleWithWebIdentity", ...(condition ? { Condition: condition } : {}), ...extra }],
});
const pinned = { StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:telemetry:reader", [`${ISSUER}:aud`]: "sts.amazonaws.com" } };
const role = res("aws:iam/role:Role", "irsa", { assumeRolePolicy: trust(pinned) });
const nodeRole = res("aws:iam/role:Role", "node", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
});

describe("require-pinned-irsa-trust: one service account, and only it, can assume an IRSA role", () => {
    test("StringEquals on :sub and :aud passes", async () => assertClean(await one(policy, role)));
    test("a role trusting a service passes (not IRSA)", async () => assertClean(await one(policy, nodeRole)));
    test("a trust policy given as an object passes", async () => assertClean(await one(policy, edit(role, { assumeRolePolicy: JSON.parse(trust(pinned)) }))));

    test("no Condition fails", async () =>
        assertFails(await one(policy, edit(role, { assumeRolePolicy: trust(undefined) })), [role], `no StringEquals condition on ${ISSUER}:sub`));
    test("StringLike on :sub fails", async () =>
        assertFails(await one(policy, edit(role, { assumeRolePolicy: trust({ StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:telemetry:*" }, StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" } }) })),
            [role], "StringLike"));
    test("\"*\" in a StringEquals :sub fails", async () =>
        assertFails(await one(policy, edit(role, { assumeRolePolicy: trust({ StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:*:*", [`${ISSUER}:aud`]: "sts.amazonaws.com" } }) })),
            [role], "without wildcards"));
    test("two service accounts on one role fail", async () =>
        assertFails(await one(policy, edit(role, { assumeRolePolicy: trust({ StringEquals: { [`${ISSUER}:sub`]: ["system:serviceaccount:a:x", "system:serviceaccount:b:y"], [`${ISSUER}:aud`]: "sts.amazonaws.com" } }) })),
            [role], "exactly one"));
    test(":aud missing fails", async () =>
        assertFails(await one(policy, edit(role, { assumeRolePolicy: trust({ StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:telemetry:reader" } }) })),
            [role], `${ISSUER}:aud = "sts.amazonaws.com"`));
    test("a condition on another issuer's :sub does not pin this one", async () =>
        assertFails(await one(policy, edit(role, { assumeRolePolicy: trust({ StringEquals: { "oidc.eks.eu-west-1.amazonaws.com/id/OTHER:sub": "system:serviceaccount:a:b", [`${ISSUER}:aud`]: "sts.amazonaws.com" } }) })),
            [role], `no StringEquals condition on ${ISSUER}:sub`));

    test("an unknown trust policy (built from the provider ARN) defers, naming assumeRolePolicy", async () =>
        assertDeferred(await one(policy, edit(role, { assumeRolePolicy: UNKNOWN })), role, "assumeRolePolicy"));
});
