import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EgressMode } from "./settings";

/**
 * One security group rule. The peer is exactly one of: another group of this component (`cluster`, `node`,
 * `self`), an IPv4 CIDR, or a managed prefix list.
 */
export interface RuleSpec {
    /** Child-name suffix, stable across changes: renaming one replaces the rule. */
    role: string;
    description: string;
    ipProtocol: "tcp" | "udp" | "-1";
    fromPort?: number;
    toPort?: number;
    peerGroup?: "cluster" | "node";
    cidrIpv4?: string;
    prefixListId?: pulumi.Input<string>;
}

export interface GroupRules {
    ingress: RuleSpec[];
    egress: RuleSpec[];
}

/** HTTPS: the API server, AWS endpoints, S3, and (in allowlist mode) the firewall-filtered internet. */
const HTTPS = { ipProtocol: "tcp", fromPort: 443, toPort: 443 } as const;
/** Kubelet (10250) and the webhook / metrics ports extension API servers listen on. */
const EPHEMERAL_TCP = { ipProtocol: "tcp", fromPort: 1025, toPort: 65535 } as const;

/**
 * Rules for the control-plane security group EKS attaches (next to its own) to the API server ENIs.
 * Ingress is only from the node group, so nothing outside the VPC can reach the private endpoint through it.
 */
export function clusterSecurityGroupRules(): GroupRules {
    return {
        ingress: [{ role: "https-from-nodes", description: "Kubernetes API from worker nodes", ...HTTPS, peerGroup: "node" }],
        egress: [
            { role: "https-to-nodes", description: "Webhooks served on 443 by pods", ...HTTPS, peerGroup: "node" },
            { role: "kubelet-to-nodes", description: "Kubelet and webhook ports on worker nodes", ...EPHEMERAL_TCP, peerGroup: "node" },
        ],
    };
}

/**
 * Rules for the worker nodes. Ingress: the control plane and other nodes, nothing else. Egress:
 * - the VPC CIDR on all ports: pods get VPC addresses, so pod-to-pod, DNS and the interface endpoints all live there;
 * - the S3 prefix list on 443: S3 is reached through the gateway endpoint, whose addresses are outside the VPC CIDR;
 * - in allowlist mode only, 0.0.0.0/0 on 443. A security group sees the final destination, not the next hop, so
 *   it cannot say "via the firewall"; the route table sends this traffic through the network firewall, which
 *   filters it by domain. Every other port stays closed, so stratum mining ports (3333, 4444, 14444...) are
 *   refused even before the firewall.
 */
export function nodeSecurityGroupRules(args: { egressMode: EgressMode; vpcCidr: string; s3PrefixListId: pulumi.Input<string> }): GroupRules {
    const egress: RuleSpec[] = [
        { role: "vpc", description: "Pods, nodes, VPC DNS and interface endpoints inside the VPC", ipProtocol: "-1", cidrIpv4: args.vpcCidr },
        { role: "s3", description: "S3 through the gateway endpoint", ...HTTPS, prefixListId: args.s3PrefixListId },
    ];
    if (args.egressMode === "allowlist") {
        egress.push({ role: "https-via-firewall", description: "HTTPS to allowlisted domains; filtered by the network firewall", ...HTTPS, cidrIpv4: "0.0.0.0/0" });
    }
    return {
        ingress: [
            { role: "self", description: "Node-to-node and pod-to-pod traffic", ipProtocol: "-1", peerGroup: "node" },
            { role: "https-from-cluster", description: "Control plane to webhooks on 443", ...HTTPS, peerGroup: "cluster" },
            { role: "kubelet-from-cluster", description: "Control plane to kubelet and webhook ports", ...EPHEMERAL_TCP, peerGroup: "cluster" },
        ],
        egress,
    };
}

export interface ClusterSecurityGroupsArgs {
    vpcId: pulumi.Input<string>;
    vpcCidr: string;
    s3PrefixListId: pulumi.Input<string>;
    egressMode: EgressMode;
    /** Used in group names and descriptions. */
    clusterName: string;
}

/**
 * The control-plane and node security groups, with every rule a separate resource (`aws.vpc.*Rule`) so
 * policies and tests see each one. Type token `hardened:cluster:ClusterSecurityGroups`; children
 * `${name}-cluster`, `${name}-node` and `${name}-<group>-<in|out>-<role>`. The groups are created without
 * inline rules, which also removes AWS's default allow-all egress.
 */
export class ClusterSecurityGroups extends pulumi.ComponentResource {
    public readonly clusterSecurityGroup: aws.ec2.SecurityGroup;
    public readonly nodeSecurityGroup: aws.ec2.SecurityGroup;
    public readonly clusterSecurityGroupId: pulumi.Output<string>;
    public readonly nodeSecurityGroupId: pulumi.Output<string>;

    constructor(name: string, args: ClusterSecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:cluster:ClusterSecurityGroups", name, {}, opts);
        this.clusterSecurityGroup = new aws.ec2.SecurityGroup(`${name}-cluster`, {
            vpcId: args.vpcId,
            description: `EKS control plane of ${args.clusterName}: API from nodes only`,
            tags: { Name: `${args.clusterName}-control-plane` },
        }, { parent: this });
        this.nodeSecurityGroup = new aws.ec2.SecurityGroup(`${name}-node`, {
            vpcId: args.vpcId,
            description: `Worker nodes of ${args.clusterName}: ingress from the control plane and nodes only`,
            tags: { Name: `${args.clusterName}-nodes` },
        }, { parent: this });
        this.clusterSecurityGroupId = this.clusterSecurityGroup.id;
        this.nodeSecurityGroupId = this.nodeSecurityGroup.id;

        const groups = { cluster: this.clusterSecurityGroupId, node: this.nodeSecurityGroupId };
        const create = (group: "cluster" | "node", rules: GroupRules): void => {
            for (const [direction, specs] of [["in", rules.ingress], ["out", rules.egress]] as const) {
                for (const spec of specs) {
                    const ruleArgs = {
                        securityGroupId: groups[group],
                        description: spec.description,
                        ipProtocol: spec.ipProtocol,
                        fromPort: spec.fromPort,
                        toPort: spec.toPort,
                        cidrIpv4: spec.cidrIpv4,
                        prefixListId: spec.prefixListId,
                        referencedSecurityGroupId: spec.peerGroup ? groups[spec.peerGroup] : undefined,
                    };
                    const child = `${name}-${group}-${direction}-${spec.role}`;
                    if (direction === "in") new aws.vpc.SecurityGroupIngressRule(child, ruleArgs, { parent: this });
                    else new aws.vpc.SecurityGroupEgressRule(child, ruleArgs, { parent: this });
                }
            }
        };
        create("cluster", clusterSecurityGroupRules());
        create("node", nodeSecurityGroupRules(args));
        this.registerOutputs({ clusterSecurityGroupId: this.clusterSecurityGroupId, nodeSecurityGroupId: this.nodeSecurityGroupId });
    }
}
