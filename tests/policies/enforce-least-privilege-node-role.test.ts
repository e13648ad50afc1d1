import { describe, test } from "node:test";
import { enforceLeastPrivilegeNodeRole as policy } from "../../policy-packs/kill-chain/policies/aws/enforce-least-privilege-node-role";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack, withConfig } from "./aws-helpers";

const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const trusting = (service: string) => doc({ Effect: "Allow", Principal: { Service: `${service}.amazonaws.com` }, Action: "sts:AssumeRole" });
const node = res("aws:iam/role:Role", "node", { assumeRolePolicy: trusting("ec2") });
const attach = (role: ReturnType<typeof res>, name: string) =>
    res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${role.name}-${name}`, { role: UNKNOWN, policyArn: managed(name) }, { role: [role] });
const baseline = [node, attach(node, "AmazonEKSWorkerNodePolicy"), attach(node, "AmazonEC2ContainerRegistryPullOnly"), attach(node, "AmazonSSMManagedInstanceCore")];
const irsa = res("aws:iam/role:Role", "cni", {
    assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X" }, Action: "sts:AssumeRoleWithWebIdentity" }),
});

describe("enforce-least-privilege-node-role: a pod that reaches node credentials gets nothing useful", () => {
    test("the three node policies pass", async () => assertClean(await stack(policy, baseline)));
    test("AmazonEKS_CNI_Policy on an IRSA role (not a node role) passes", async () => assertClean(await stack(policy, [irsa, attach(irsa, "AmazonEKS_CNI_Policy")])));
    test("a configured extra policy passes", async () => {
        const extra = attach(node, "CloudWatchAgentServerPolicy");
        assertClean(await stack(withConfig(policy, { allowedNodeRoleManagedPolicies: ["CloudWatchAgentServerPolicy"] }), [node, extra]));
    });

    test("AmazonEKS_CNI_Policy on the node role fails", async () => {
        const cni = attach(node, "AmazonEKS_CNI_Policy");
        assertFails(await stack(policy, [...baseline, cni]), [cni], "policyArn attaches AmazonEKS_CNI_Policy");
    });
    test("AmazonS3ReadOnlyAccess on the node role fails", async () => {
        const s3 = attach(node, "AmazonS3ReadOnlyAccess");
        assertFails(await stack(policy, [...baseline, s3]), [s3], "not in allowedNodeRoleManagedPolicies");
    });
    test("managedPolicyArns with AmazonEKS_CNI_Policy on the node role fails", async () => {
        const bad = edit(node, { managedPolicyArns: [managed("AmazonEKSWorkerNodePolicy"), managed("AmazonEKS_CNI_Policy")] });
        assertFails(await stack(policy, [bad]), [node], "managedPolicyArns[1]");
    });
    test("an inline s3:GetObject on one bucket on the node role fails", async () => {
        const grant = res("aws:iam/rolePolicy:RolePolicy", "node-read", { role: UNKNOWN, policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::telemetry/*" }) }, { role: [node] });
        assertFails(await stack(policy, [...baseline, grant]), [grant], "policy allows s3:GetObject");
    });
    test("secretsmanager:GetSecretValue in inlinePolicies fails", async () => {
        const bad = edit(node, { inlinePolicies: [{ name: "s", policy: doc({ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }) }] });
        assertFails(await stack(policy, [bad]), [node], "secretsmanager:GetSecretValue");
    });

    test("an unknown node trust with a forbidden policy defers, naming assumeRolePolicy", async () => {
        const unknownTrust = edit(node, { assumeRolePolicy: UNKNOWN });
        assertDeferred(await stack(policy, [unknownTrust, attach(unknownTrust, "AmazonS3FullAccess")]), node, "assumeRolePolicy");
    });
    test("an unknown trust is not needed when every policy is allowlisted", async () => {
        const unknownTrust = edit(node, { assumeRolePolicy: UNKNOWN });
        assertClean(await stack(policy, [unknownTrust, attach(unknownTrust, "AmazonEKSWorkerNodePolicy")]));
    });
});
