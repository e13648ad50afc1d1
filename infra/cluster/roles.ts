import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, servicePrincipal } from "../lib/aws";
import { awsManagedPolicyArn } from "../identity/grants";

/** The cluster role gets exactly this: EKS's own policy for managing ENIs, load balancers and volumes. */
export const CLUSTER_ROLE_MANAGED_POLICIES = ["AmazonEKSClusterPolicy"] as const;

/**
 * The node role gets exactly these three. The CNI policy is deliberately absent: `aws-node` gets it through its
 * own IRSA role, so a pod that reaches the node's credentials cannot rewire ENIs (EKS BPG "Update the aws-node
 * daemonset to use IRSA"). ECR access is pull-only (no `ecr:DescribeRepositories`/`ListImages` enumeration).
 */
export const NODE_ROLE_MANAGED_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore"] as const;

/** Trust policy letting one AWS service assume a role. */
export function serviceTrustPolicy(env: AwsEnvironment, service: string): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: servicePrincipal(env, service) }, Action: "sts:AssumeRole" }],
    };
}

export interface ServiceRole {
    role: aws.iam.Role;
    attachments: aws.iam.RolePolicyAttachment[];
}

/**
 * A role for an AWS service with a fixed set of AWS-managed policies and nothing inline. Children are
 * `${name}` and `${name}-<policy name>`.
 */
export function serviceRole(name: string, env: AwsEnvironment, service: string, description: string,
    managedPolicies: readonly string[], parent: pulumi.Resource): ServiceRole {
    const role = new aws.iam.Role(name, {
        description,
        assumeRolePolicy: JSON.stringify(serviceTrustPolicy(env, service)),
    }, { parent });
    const attachments = managedPolicies.map((policyName) => new aws.iam.RolePolicyAttachment(`${name}-${policyName}`, {
        role: role.name,
        policyArn: awsManagedPolicyArn(env, policyName),
    }, { parent }));
    return { role, attachments };
}
