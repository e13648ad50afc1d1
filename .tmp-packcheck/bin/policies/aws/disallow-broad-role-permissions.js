"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowBroadRolePermissions = exports.BROAD_MANAGED_POLICIES = void 0;
exports.documentProblems = documentProblems;
const policy_1 = require("../../lib/policy");
const iam_1 = require("../../lib/iam");
const frameworks_1 = require("../../lib/frameworks");
const role_permissions_1 = require("../../lib/role-permissions");
const stack_1 = require("../../lib/stack");
/** AWS-managed policies that give admin, IAM, or read access to every bucket: no workload or node needs them. */
exports.BROAD_MANAGED_POLICIES = {
    AdministratorAccess: "full admin",
    PowerUserAccess: "everything except IAM",
    IAMFullAccess: "IAM admin, which is admin",
    AmazonS3FullAccess: "read and write access to every bucket",
    AmazonS3ReadOnlyAccess: "read access to every bucket",
    ReadOnlyAccess: "read access to every bucket, secret metadata and more",
    AmazonEC2FullAccess: "control of every instance, security group and route",
    SecretsManagerReadWrite: "every Secrets Manager secret",
};
/** Actions that, on every resource, hand over data or another identity. */
const DANGEROUS_ON_ANY_RESOURCE = ["s3:GetObject", "iam:PassRole", "sts:AssumeRole", "secretsmanager:GetSecretValue", "kms:Decrypt"];
/** Problems of one document's statements; `undefined` entries are skipped. */
function documentProblems(statements) {
    const out = [];
    statements.forEach((s, i) => {
        const wild = (0, iam_1.wildcardGrants)(s);
        if (wild.length > 0)
            out.push(`Statement[${i}] allows ${wild.join(", ")}`);
        else if (s.effect === "Allow" && (0, iam_1.onAnyResource)(s)) {
            const hits = DANGEROUS_ON_ANY_RESOURCE.filter((a) => (0, iam_1.allowsAction)(s, a));
            if (hits.length > 0)
                out.push(`Statement[${i}] allows ${hits.join(", ")} on Resource "*"`);
        }
    });
    return out;
}
function roleNames(g) {
    return g.roles.length > 0 ? ` (role ${g.roles.map(stack_1.label).join(", ")})` : "";
}
/**
 * No role gets admin, IAM, or account-wide data access: AdministratorAccess, PowerUserAccess, S3 full/read-only,
 * inline `*` / `service:*` actions, NotAction allows, or s3:GetObject / iam:PassRole / sts:AssumeRole on every
 * resource. Stolen pod or node credentials then reach only what that one job needs.
 */
exports.disallowBroadRolePermissions = (0, policy_1.stackPolicy)({
    name: "disallow-broad-role-permissions",
    description: "IAM roles get no admin, IAM or account-wide data permissions (broad AWS-managed policies, wildcard actions, data actions on Resource \"*\").",
    step: "creds",
    severity: "critical",
    remediationSteps: "Replace the broad managed policy or wildcard statement with statements naming exact actions and resources (for S3: s3:GetObject on arn:<partition>:s3:::<bucket>/*, as infra/identity/grants.ts builds). Attach policies with aws.iam.RolePolicy / RolePolicyAttachment scoped to the one role that needs them.",
    url: "https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_employ_least_privileged_access_to_aws_resources",
    framework: (0, frameworks_1.checkov)("CKV_AWS_355", "Ensure no IAM policies documents allow \"*\" as a statement's resource for restrictable actions"),
    references: ["EKS-BP iam: Employ least privileged access to AWS Resources", "CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_286", "CKV_AWS_288", "CKV_AWS_355"],
    check: ({ args, reads, report }) => {
        for (const g of (0, role_permissions_1.roleGrants)(args.resources, reads)) {
            if (g.policyArn !== undefined) {
                const name = (0, iam_1.awsManagedPolicyName)(g.policyArn);
                if (name && exports.BROAD_MANAGED_POLICIES[name]) {
                    report(g.via, `${g.field} attaches ${name} (${exports.BROAD_MANAGED_POLICIES[name]})${roleNames(g)}; attach a policy with only the actions and resources the role's job needs`);
                }
                continue;
            }
            const doc = (0, iam_1.parsePolicyDocument)(g.document);
            const where = g.documentFrom ? `${g.field} attaches ${(0, stack_1.label)(g.documentFrom)}, whose policy` : g.field;
            if (doc.error !== undefined) {
                report(g.via, `${where} ${doc.error}; write it as a JSON policy document with exact actions and resources`);
                continue;
            }
            const problems = documentProblems(doc.statements);
            if (problems.length > 0) {
                report(g.via, `${where} ${problems.join("; ")}${roleNames(g)}; name exact actions and resources instead`);
            }
        }
    },
});
//# sourceMappingURL=disallow-broad-role-permissions.js.map