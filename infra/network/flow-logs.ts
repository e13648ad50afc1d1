import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, arn, servicePrincipal } from "../lib/aws";
import { CustomerKey, KEY_USE_ACTIONS, KeyServiceGrant } from "../kms/customer-key";

/** The network's CloudWatch log groups. Names are fixed strings so key policies and IAM scopes are known at preview. */
export interface NetworkLogGroupNames {
    flow: string;
    resolverQuery: string;
    firewallAlert: string;
    firewallFlow: string;
}

export type NetworkLogKind = keyof NetworkLogGroupNames;

export function networkLogGroupNames(namePrefix: string): NetworkLogGroupNames {
    return {
        flow: `/hardened/${namePrefix}/vpc-flow-logs`,
        resolverQuery: `/hardened/${namePrefix}/resolver-query-logs`,
        firewallAlert: `/hardened/${namePrefix}/network-firewall/alert`,
        firewallFlow: `/hardened/${namePrefix}/network-firewall/flow`,
    };
}

export function logGroupArn(env: AwsEnvironment, groupName: string): string {
    return arn(env, "logs", `log-group:${groupName}`);
}

/**
 * Key grant for CloudWatch Logs, limited by the encryption context to exactly these log groups, so the key
 * cannot be borrowed to encrypt (and so hide) some other log group.
 */
export function logsKeyGrant(env: AwsEnvironment, groupNames: string[]): KeyServiceGrant {
    return {
        sid: "CloudWatchLogsForNetworkLogGroups",
        service: servicePrincipal(env, `logs.${env.region}`),
        actions: KEY_USE_ACTIONS,
        condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": groupNames.map((n) => logGroupArn(env, n)) } },
    };
}

/**
 * Trust policy of the flow-log delivery role: only the VPC Flow Logs service, and only for flow logs of this
 * account (aws:SourceAccount / aws:SourceArn stop the confused-deputy case).
 */
export function flowLogsTrustPolicy(env: AwsEnvironment): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Sid: "VpcFlowLogsOfThisAccount",
            Effect: "Allow",
            Principal: { Service: servicePrincipal(env, "vpc-flow-logs") },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": env.accountId },
                ArnLike: { "aws:SourceArn": arn(env, "ec2", "vpc-flow-log/*") },
            },
        }],
    });
}

/** Delivery permissions scoped to the one flow-log group (no CreateLogGroup: the group is ours, with its key). */
export function flowLogsDeliveryPolicy(env: AwsEnvironment, groupName: string): string {
    const group = logGroupArn(env, groupName);
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WriteFlowLogGroupOnly",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [group, `${group}:*`],
            },
            {
                // The VPC Flow Logs guide's delivery-role policy includes DescribeLogGroups; it is a list call that
                // takes no resource ARN, so it is granted on "*" (it reveals group names, not log events).
                Sid: "FindFlowLogGroup",
                Effect: "Allow",
                Action: ["logs:DescribeLogGroups"],
                Resource: "*",
            },
        ],
    });
}

/**
 * Default fields plus the ones an investigation needs behind NAT and the firewall: the packet-level addresses
 * (the pod or node behind a translated flow), TCP flags, direction and the path the traffic took.
 */
export const FLOW_LOG_FORMAT = [
    "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes",
    "start", "end", "action", "log-status", "vpc-id", "subnet-id", "instance-id", "az-id", "tcp-flags", "type",
    "pkt-srcaddr", "pkt-dstaddr", "flow-direction", "traffic-path",
].map((f) => `\${${f}}`).join(" ");

export interface NetworkLogsArgs {
    env: AwsEnvironment;
    vpcId: pulumi.Input<string>;
    namePrefix: string;
    /** Retention of every network log group; validated by the caller (>= 365 and a CloudWatch value). */
    retentionInDays: number;
    /** Which log groups to create besides the flow-log group (firewall groups only exist in allowlist mode). */
    kinds: NetworkLogKind[];
}

/**
 * A customer key for the network's logs, the KMS-encrypted log groups, and VPC flow logs (all traffic) into one
 * of them through a delivery role that can write only there. Type token `hardened:network:Logs`.
 */
export class NetworkLogs extends pulumi.ComponentResource {
    public readonly keyArn: pulumi.Output<string>;
    public readonly groupNames: Partial<NetworkLogGroupNames> & { flow: string };
    public readonly groupArns: Partial<Record<NetworkLogKind, pulumi.Output<string>>>;

    constructor(name: string, args: NetworkLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:network:Logs", name, {}, opts);
        const { env } = args;
        const all = networkLogGroupNames(args.namePrefix);
        const kinds: NetworkLogKind[] = ["flow", ...args.kinds.filter((k) => k !== "flow")];
        const names = kinds.map((k) => all[k]);

        const key = new CustomerKey(`${name}-key`, {
            env,
            description: `${args.namePrefix} network logs (VPC flow logs, resolver query logs, firewall logs)`,
            alias: `${args.namePrefix}-network-logs`,
            serviceGrants: [logsKeyGrant(env, names)],
        }, { parent: this });

        this.groupNames = { flow: all.flow };
        this.groupArns = {};
        const groups: Partial<Record<NetworkLogKind, aws.cloudwatch.LogGroup>> = {};
        for (const kind of kinds) {
            const group = new aws.cloudwatch.LogGroup(`${name}-${kind}`, {
                name: all[kind],
                retentionInDays: args.retentionInDays,
                kmsKeyId: key.arn,
            }, { parent: this });
            groups[kind] = group;
            this.groupNames[kind] = all[kind];
            this.groupArns[kind] = group.arn;
        }

        const role = new aws.iam.Role(`${name}-flow-role`, {
            description: "VPC flow log delivery to its one log group",
            assumeRolePolicy: flowLogsTrustPolicy(env),
        }, { parent: this });
        const rolePolicy = new aws.iam.RolePolicy(`${name}-flow-write`, {
            role: role.id,
            policy: flowLogsDeliveryPolicy(env, all.flow),
        }, { parent: this });

        new aws.ec2.FlowLog(`${name}-flow`, {
            vpcId: args.vpcId,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: groups.flow!.arn,
            iamRoleArn: role.arn,
            logFormat: FLOW_LOG_FORMAT,
            // One-minute records: a short-lived miner connection still shows up promptly.
            maxAggregationInterval: 60,
        }, { parent: this, dependsOn: [rolePolicy] });

        this.keyArn = key.arn;
        this.registerOutputs({ keyArn: this.keyArn, groupNames: this.groupNames, groupArns: this.groupArns });
    }
}
