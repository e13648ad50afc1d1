import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, arn, servicePrincipal } from "../lib/aws";
import { CustomerKey, KEY_USE_ACTIONS, KeyServiceGrant } from "../kms/customer-key";

/** All five control-plane log types (CIS EKS 2.1.1, CKV_AWS_37): the audit log is what shows an attacker's API calls. */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** The name EKS writes to; pre-creating it is the only way to choose its retention and key. */
export function controlPlaneLogGroupName(clusterName: string): string {
    return `/aws/eks/${clusterName}/cluster`;
}

/** Lets CloudWatch Logs use the key for this one log group only (the encryption context names the group). */
export function logsKeyGrant(env: AwsEnvironment, logGroupName: string): KeyServiceGrant {
    return {
        sid: "CloudWatchLogsControlPlaneGroup",
        service: servicePrincipal(env, `logs.${env.region}`),
        actions: [...KEY_USE_ACTIONS],
        condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": arn(env, "logs", `log-group:${logGroupName}`) } },
    };
}

export interface ControlPlaneLogsArgs {
    env: AwsEnvironment;
    clusterName: string;
    retentionInDays: number;
    /**
     * Deletion protection on the log group. Turn it off only for a teardown, as its own visible update
     * (docs/operations.md, "Teardown").
     * @default true
     */
    deletionProtection?: boolean;
}

/**
 * The control-plane log group, created before the cluster so EKS writes into a KMS-encrypted group with a
 * retention instead of creating an unencrypted never-expiring one. Type token `hardened:cluster:ControlPlaneLogs`;
 * children `${name}-key` (CustomerKey) and `${name}-group`.
 */
export class ControlPlaneLogs extends pulumi.ComponentResource {
    public readonly key: CustomerKey;
    public readonly logGroup: aws.cloudwatch.LogGroup;
    public readonly logGroupName: string;

    constructor(name: string, args: ControlPlaneLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:cluster:ControlPlaneLogs", name, {}, opts);
        this.logGroupName = controlPlaneLogGroupName(args.clusterName);
        this.key = new CustomerKey(`${name}-key`, {
            env: args.env,
            description: `Encrypts the EKS control-plane logs of ${args.clusterName}`,
            alias: `${args.clusterName}-eks-logs`,
            serviceGrants: [logsKeyGrant(args.env, this.logGroupName)],
        }, { parent: this });
        this.logGroup = new aws.cloudwatch.LogGroup(`${name}-group`, {
            name: this.logGroupName,
            retentionInDays: args.retentionInDays,
            kmsKeyId: this.key.arn,
            // Deleting the audit trail is the last step of "nobody noticing"; it takes an explicit change first.
            deletionProtectionEnabled: args.deletionProtection ?? true,
        }, { parent: this });
        this.registerOutputs({ logGroupName: this.logGroupName, keyArn: this.key.arn });
    }
}
