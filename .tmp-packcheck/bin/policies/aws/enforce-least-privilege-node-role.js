"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.enforceLeastPrivilegeNodeRole = exports.NODE_ROLE_FORBIDDEN_ACTIONS = exports.DEFAULT_NODE_ROLE_MANAGED_POLICIES = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const config_1 = require("../../lib/config");
const frameworks_1 = require("../../lib/frameworks");
const iam_1 = require("../../lib/iam");
const role_permissions_1 = require("../../lib/role-permissions");
const stack_1 = require("../../lib/stack");
/** What a worker node needs: join the cluster, pull images, be reached through SSM. */
exports.DEFAULT_NODE_ROLE_MANAGED_POLICIES = [
    "AmazonEKSWorkerNodePolicy",
    "AmazonEKSWorkerNodeMinimalPolicy",
    "AmazonEC2ContainerRegistryPullOnly",
    "AmazonEC2ContainerRegistryReadOnly",
    "AmazonSSMManagedInstanceCore",
];
/** Data and identity actions a node role must not have: any pod that reaches the node's credentials gets them. */
exports.NODE_ROLE_FORBIDDEN_ACTIONS = [
    "s3:GetObject", "s3:ListBucket", "s3:PutObject", "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters",
    "ssm:GetParametersByPath", "kms:Decrypt", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "sts:AssumeRole", "iam:PassRole",
];
/**
 * Node roles (trusted by ec2.amazonaws.com) carry only what a node needs: the allowlisted managed policies, no
 * AmazonEKS_CNI_Policy (aws-node gets it through IRSA), and no data or identity actions. Whatever a node role
 * holds, a pod on the host network or past the hop limit holds too.
 */
exports.enforceLeastPrivilegeNodeRole = (0, policy_1.stackPolicy)({
    name: "enforce-least-privilege-node-role",
    description: "Roles trusted by EC2 (node roles) carry only allowlisted managed policies, no AmazonEKS_CNI_Policy, and no data or identity actions.",
    step: "creds",
    severity: "high",
    remediationSteps: "Attach only AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryPullOnly and AmazonSSMManagedInstanceCore to node roles (or what allowedNodeRoleManagedPolicies lists). Move AmazonEKS_CNI_Policy to an IRSA role for kube-system/aws-node, and data access (S3, Secrets Manager, KMS) to IRSA roles of the workloads that need it.",
    url: "https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_update_the_aws_node_daemonset_to_use_irsa",
    framework: (0, frameworks_1.eksBestPractices)("iam", "Update the aws-node daemonset to use IRSA; Restrict access to the instance profile assigned to the worker node"),
    references: ["CIS EKS 5.1.3", "EKS-BP iam: Update the aws-node daemonset to use IRSA", "CKV_AWS_288"],
    configSchema: (0, config_1.stringListSchema)({
        allowedNodeRoleManagedPolicies: {
            description: "Names of AWS-managed policies node roles may carry.",
            default: exports.DEFAULT_NODE_ROLE_MANAGED_POLICIES,
        },
    }),
    check: ({ args, reads, report }) => {
        const allowed = (0, config_1.stringList)((0, config_1.configWithDefaults)(args.getConfig(), { allowedNodeRoleManagedPolicies: exports.DEFAULT_NODE_ROLE_MANAGED_POLICIES }).allowedNodeRoleManagedPolicies);
        const nodeRole = new Map();
        const isNodeRole = (role) => {
            if (!nodeRole.has(role.urn)) {
                const trust = reads(role).get("assumeRolePolicy", () => role.props.assumeRolePolicy);
                const doc = trust === unknowns_1.UNKNOWN ? undefined : (0, iam_1.parsePolicyDocument)(trust);
                nodeRole.set(role.urn, doc?.statements !== undefined && (0, iam_1.trustsService)(doc.statements, "ec2"));
            }
            return nodeRole.get(role.urn);
        };
        for (const g of (0, role_permissions_1.roleGrants)(args.resources, reads)) {
            if (g.roles.length === 0)
                continue;
            let problem;
            if (g.policyArn !== undefined) {
                const name = (0, iam_1.awsManagedPolicyName)(g.policyArn);
                if (name !== undefined && allowed.includes(name))
                    continue;
                problem = name === "AmazonEKS_CNI_Policy"
                    ? `${g.field} attaches AmazonEKS_CNI_Policy, which lets any pod reaching the node's credentials rewire ENIs; give it to an IRSA role for kube-system/aws-node`
                    : name !== undefined
                        ? `${g.field} attaches ${name}, which is not in allowedNodeRoleManagedPolicies (${allowed.join(", ")}); move it to an IRSA role of the workload that needs it`
                        : undefined;
                if (problem === undefined)
                    continue;
            }
            else {
                const doc = (0, iam_1.parsePolicyDocument)(g.document);
                if (doc.error !== undefined)
                    continue; // disallow-broad-role-permissions reports malformed documents
                const hits = exports.NODE_ROLE_FORBIDDEN_ACTIONS.filter((a) => doc.statements.some((s) => (0, iam_1.allowsAction)(s, a)));
                if (hits.length === 0)
                    continue;
                const where = g.documentFrom ? `${g.field} (${(0, stack_1.label)(g.documentFrom)})` : g.field;
                problem = `${where} allows ${hits.join(", ")}; move data and identity permissions to IRSA roles of the workloads that need them`;
            }
            const nodeRoles = g.roles.filter(isNodeRole);
            if (nodeRoles.length > 0)
                report(g.via, `node role ${nodeRoles.map(stack_1.label).join(", ")}: ${problem}`);
        }
    },
});
//# sourceMappingURL=enforce-least-privilege-node-role.js.map