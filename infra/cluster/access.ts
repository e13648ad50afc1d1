import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, parseRoleArn } from "../lib/aws";
import { check } from "../lib/validation";

/** Full cluster admin (`*` on everything), cluster scope. */
export const CLUSTER_ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";
/**
 * Read-only, cluster scope. AmazonEKSViewPolicy rather than AmazonEKSAdminViewPolicy: the latter also reads
 * Secrets, and reading Secrets is how cluster credentials leak to a "read-only" principal.
 */
export const READ_ONLY_POLICY = "AmazonEKSViewPolicy";

export function accessPolicyArn(env: AwsEnvironment, policyName: string): string {
    return `arn:${env.partition}:eks::aws:cluster-access-policy/${policyName}`;
}

export interface AccessGrant {
    /** Child-name key: the role name, prefixed by its account when it is not this account. */
    key: string;
    principalArn: string;
    policyArn: string;
    level: "admin" | "read-only";
}

/**
 * One access entry per role with one cluster-scoped policy. A role in both lists is an error rather than
 * "admin wins": it would mean one of the two lists is wrong. The node role is not here: in API mode EKS creates
 * the EC2_LINUX entry for a managed node group's role itself, and creating it too would conflict.
 */
export function accessGrants(env: AwsEnvironment, adminRoleArns: string[], readOnlyRoleArns: string[], setting: string): AccessGrant[] {
    for (const a of adminRoleArns) {
        check(!readOnlyRoleArns.includes(a), `${setting}.readOnlyRoleArns`, a, "must not also be an admin role; keep each role in one list");
    }
    const grants: AccessGrant[] = [
        ...adminRoleArns.map((principalArn) => ({ principalArn, policyArn: accessPolicyArn(env, CLUSTER_ADMIN_POLICY), level: "admin" as const })),
        ...readOnlyRoleArns.map((principalArn) => ({ principalArn, policyArn: accessPolicyArn(env, READ_ONLY_POLICY), level: "read-only" as const })),
    ].map((g) => {
        const parts = parseRoleArn(env, g.principalArn)!;
        return { ...g, key: parts.accountId === env.accountId ? parts.roleName : `${parts.accountId}-${parts.roleName}` };
    });
    const keys = grants.map((g) => g.key);
    check(new Set(keys).size === keys.length, `${setting}.adminRoleArns`, keys, "must not contain two roles with the same name in the same account (paths do not make IAM role names unique)");
    return grants;
}

export interface ClusterAccessArgs {
    env: AwsEnvironment;
    clusterName: pulumi.Input<string>;
    grants: AccessGrant[];
}

/**
 * EKS access entries and their policy associations (authentication mode API; there is no aws-auth ConfigMap).
 * Type token `hardened:cluster:ClusterAccess`; children `${name}-<key>` and `${name}-<key>-policy`.
 */
export class ClusterAccess extends pulumi.ComponentResource {
    constructor(name: string, args: ClusterAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:cluster:ClusterAccess", name, {}, opts);
        for (const g of args.grants) {
            const entry = new aws.eks.AccessEntry(`${name}-${g.key}`, {
                clusterName: args.clusterName,
                principalArn: g.principalArn,
                type: "STANDARD",
                tags: { "hardened-stack/access": g.level },
            }, { parent: this });
            new aws.eks.AccessPolicyAssociation(`${name}-${g.key}-policy`, {
                clusterName: args.clusterName,
                principalArn: g.principalArn,
                policyArn: g.policyArn,
                accessScope: { type: "cluster" },
            }, { parent: this, dependsOn: [entry] });
        }
        this.registerOutputs({});
    }
}
