import { describe, test } from "node:test";
import { disallowBroadRolePermissions as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-broad-role-permissions";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const role = res("aws:iam/role:Role", "reader", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }) });
const readOne = doc({ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::telemetry/*"] }, { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::telemetry"] });
const inline = res("aws:iam/rolePolicy:RolePolicy", "reader-grants", { role: UNKNOWN, policy: readOne }, { role: [role] });
const attachment = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "reader-ssm", { role: UNKNOWN, policyArn: managed("AmazonSSMManagedInstanceCore") }, { role: [role] });
const customer = res("aws:iam/policy:Policy", "custom", { policy: readOne });
const customerAttachment = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "reader-custom", { role: UNKNOWN, policyArn: UNKNOWN }, { role: [role], policyArn: [customer] });
const baseline = [role, inline, attachment, customer, customerAttachment];

describe("disallow-broad-role-permissions: stolen role credentials reach only one job's resources", () => {
    test("scoped grants pass", async () => assertClean(await stack(policy, baseline)));

    for (const name of ["AdministratorAccess", "PowerUserAccess", "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess", "ReadOnlyAccess"]) {
        test(`RolePolicyAttachment ${name} fails`, async () => {
            const bad = edit(attachment, { policyArn: managed(name) });
            assertFails(await stack(policy, [role, bad]), [bad], `policyArn attaches ${name}`);
        });
    }
    test("a PolicyAttachment with AdministratorAccess fails", async () => {
        const bad = res("aws:iam/policyAttachment:PolicyAttachment", "admins", { roles: [UNKNOWN], policyArn: managed("AdministratorAccess") }, { roles: [role] });
        assertFails(await stack(policy, [role, bad]), [bad], "AdministratorAccess");
    });
    test("managedPolicyArns [AdministratorAccess] on the role fails", async () => {
        const bad = edit(role, { managedPolicyArns: [managed("AdministratorAccess")] });
        assertFails(await stack(policy, [bad]), [role], "managedPolicyArns[0] attaches AdministratorAccess");
    });
    for (const [name, statement, field] of [
        ["Action \"*\"", { Effect: "Allow", Action: "*", Resource: "*" }, "Statement[0] allows *"],
        ["Action \"s3:*\"", { Effect: "Allow", Action: ["s3:*"], Resource: ["arn:aws:s3:::telemetry/*"] }, "Statement[0] allows s3:*"],
        ["NotAction with Allow", { Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }, "NotAction"],
        ["s3:GetObject on \"*\"", { Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }, "s3:GetObject on Resource \"*\""],
        ["s3:Get* on \"*\"", { Effect: "Allow", Action: ["s3:Get*"], Resource: "*" }, "s3:GetObject on Resource \"*\""],
        ["iam:PassRole on \"*\"", { Effect: "Allow", Action: "iam:PassRole", Resource: "*" }, "iam:PassRole"],
    ] as const) {
        test(`RolePolicy with ${name} fails`, async () => {
            const bad = edit(inline, { policy: doc(statement) });
            assertFails(await stack(policy, [role, bad]), [bad], field);
        });
    }
    test("an inlinePolicies entry with \"*\" fails", async () => {
        const bad = edit(role, { inlinePolicies: [{ name: "all", policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) }] });
        assertFails(await stack(policy, [bad]), [role], "inlinePolicies[0].policy");
    });
    test("a customer-managed policy with s3:* attached to the role fails on the attachment", async () => {
        const bad = edit(customer, { policy: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) });
        assertFails(await stack(policy, [role, bad, customerAttachment]), [customerAttachment], "whose policy Statement[0] allows s3:*");
    });
    test("a policy that is not JSON fails with a clear message", async () => {
        const bad = edit(inline, { policy: "Allow everything" });
        assertFails(await stack(policy, [role, bad]), [bad], "policy is not valid JSON");
    });

    test("an unknown document next to an admin attachment still reports the attachment", async () => {
        const unknownDoc = edit(inline, { policy: UNKNOWN });
        const admin = edit(attachment, { policyArn: managed("AdministratorAccess") });
        assertFails(await stack(policy, [role, unknownDoc, admin]), [admin], "AdministratorAccess");
    });
    test("an unknown document alone defers, naming the path", async () => {
        const unknownDoc = edit(inline, { policy: UNKNOWN });
        assertDeferred(await stack(policy, [role, unknownDoc]), unknownDoc, "policy");
    });
});
