import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../lib/aws";
import { CustomerKey } from "../kms/customer-key";

/**
 * Allowed TLS destinations (by SNI); everything else is denied. TLS only, to agree with the node security group,
 * which opens 443 and nothing else to the internet: a plain-HTTP allowlist would never see a packet, and cleartext
 * HTTP to an allowed name is a download path nobody can verify.
 */
export function domainAllowlistRuleGroup(domains: string[]): aws.types.input.networkfirewall.RuleGroupRuleGroup {
    return {
        rulesSource: {
            rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["TLS_SNI"], targets: [...domains] },
        },
        statefulRuleOptions: { ruleOrder: "STRICT_ORDER" },
    };
}

/**
 * Capacity is fixed at creation (changing it replaces the rule group), so size generously: each domain generates
 * rules per target type, and a few hundred domains fit the minimum without a replacement.
 */
export function domainRuleGroupCapacity(domainCount: number): number {
    return Math.max(1000, Math.ceil((domainCount * 4) / 1000) * 1000);
}

/**
 * A domain list only judges flows it can parse as HTTP or TLS. UDP (QUIC, DNS to outside resolvers, UDP mining
 * protocols) and ICMP are dropped outright: with aws:drop_established alone, a one-way UDP stream would never count
 * as established. The VPC resolver and the Amazon Time Sync address are link-local or in the VPC, so never routed
 * here.
 */
export const NON_TCP_DROP_RULES = [
    'drop udp $HOME_NET any -> !$HOME_NET any (msg:"hardened: UDP egress is not allowed"; sid:4200001; rev:1;)',
    'drop icmp $HOME_NET any -> !$HOME_NET any (msg:"hardened: ICMP egress is not allowed"; sid:4200002; rev:1;)',
].join("\n");

/**
 * Firewall policy: stateless traffic all goes to the stateful engine; stateful rules in strict order; anything no
 * rule passes is dropped once established and alerted on. So raw TCP such as Stratum to a pool on 3333/4444 (no
 * SNI, no Host header) is dropped after the handshake, and the drop is logged.
 */
export function firewallPolicyDocument(ruleGroupArns: { nonTcpDrop: pulumi.Input<string>; domainAllowlist: pulumi.Input<string> }): aws.types.input.networkfirewall.FirewallPolicyFirewallPolicy {
    return {
        statelessDefaultActions: ["aws:forward_to_sfe"],
        statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
        statefulEngineOptions: { ruleOrder: "STRICT_ORDER", streamExceptionPolicy: "DROP" },
        statefulDefaultActions: ["aws:drop_established", "aws:alert_established"],
        statefulRuleGroupReferences: [
            { priority: 10, resourceArn: ruleGroupArns.nonTcpDrop },
            { priority: 20, resourceArn: ruleGroupArns.domainAllowlist },
        ],
    };
}

/** Minimal shape of `Firewall.firewallStatuses` read here. */
export interface FirewallSyncStatus {
    syncStates: { availabilityZone: string; attachments: { endpointId: string }[] }[];
}

/** The firewall endpoint in an AZ; throws if the firewall has none there (routing there would blackhole). */
export function firewallEndpointIdForAz(statuses: FirewallSyncStatus[], az: string): string {
    for (const status of statuses) {
        for (const state of status.syncStates ?? []) {
            const endpointId = state.availabilityZone === az ? state.attachments?.[0]?.endpointId : undefined;
            if (endpointId) return endpointId;
        }
    }
    throw new Error(`Network Firewall has no endpoint in ${az}; node traffic from that zone would have no route`);
}

export interface EgressFirewallArgs {
    env: AwsEnvironment;
    vpcId: pulumi.Input<string>;
    namePrefix: string;
    availabilityZones: string[];
    /** Per AZ, same order as availabilityZones. */
    firewallSubnetCidrs: string[];
    egressSubnetCidrs: string[];
    nodeSubnetCidrs: string[];
    nodeRouteTableIds: pulumi.Input<string>[];
    allowedEgressDomains: string[];
    alertLogGroupName: string;
    flowLogGroupName: string;
    /**
     * Deletion protection on the firewall. Turn it off only for a teardown or a switch to sealed mode,
     * as its own visible update (docs/operations.md, "Teardown").
     * @default true
     */
    deletionProtection?: boolean;
}

/**
 * Allowlist-mode egress, after the AWS Network Firewall "internet gateway and NAT gateway" model, per AZ:
 *   node subnet   0.0.0.0/0 -> firewall endpoint (same AZ)
 *   firewall sub. 0.0.0.0/0 -> NAT gateway (same AZ)
 *   NAT subnet    0.0.0.0/0 -> internet gateway; node subnet CIDR -> firewall endpoint (the return path)
 * Return traffic is steered by the NAT subnet's table, not an internet-gateway edge table: the internet gateway
 * only ever sees the NAT gateways' addresses, so the firewall inspects both directions either way.
 * Type token `hardened:network:EgressFirewall`.
 */
export class EgressFirewall extends pulumi.ComponentResource {
    public readonly firewallArn: pulumi.Output<string>;
    public readonly firewallSubnetIds: pulumi.Output<string>[];
    public readonly egressSubnetIds: pulumi.Output<string>[];
    public readonly natGatewayIds: pulumi.Output<string>[];
    public readonly internetGatewayId: pulumi.Output<string>;

    constructor(name: string, args: EgressFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:network:EgressFirewall", name, {}, opts);
        const { env, availabilityZones: azs } = args;

        const key = new CustomerKey(`${name}-key`, {
            env,
            description: `${args.namePrefix} Network Firewall rules, policy and firewall`,
            alias: `${args.namePrefix}-network-firewall`,
        }, { parent: this });
        const encryptionConfiguration = { type: "CUSTOMER_KMS", keyId: key.arn };

        const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: args.vpcId, tags: { Name: `${args.namePrefix}-igw` } }, { parent: this });

        const firewallSubnets: aws.ec2.Subnet[] = [];
        const egressSubnets: aws.ec2.Subnet[] = [];
        const firewallTables: aws.ec2.RouteTable[] = [];
        const egressTables: aws.ec2.RouteTable[] = [];
        const nats: aws.ec2.NatGateway[] = [];
        azs.forEach((az, i) => {
            const fwSubnet = new aws.ec2.Subnet(`${name}-firewall-subnet-${az}`, {
                vpcId: args.vpcId, availabilityZone: az, cidrBlock: args.firewallSubnetCidrs[i], mapPublicIpOnLaunch: false,
                tags: { Name: `${args.namePrefix}-firewall-${az}` },
            }, { parent: this });
            // The NAT gateway gets its own Elastic IP; nothing launched here should get a public address.
            const egSubnet = new aws.ec2.Subnet(`${name}-egress-subnet-${az}`, {
                vpcId: args.vpcId, availabilityZone: az, cidrBlock: args.egressSubnetCidrs[i], mapPublicIpOnLaunch: false,
                tags: { Name: `${args.namePrefix}-egress-${az}` },
            }, { parent: this });
            const fwTable = new aws.ec2.RouteTable(`${name}-firewall-rt-${az}`, { vpcId: args.vpcId, tags: { Name: `${args.namePrefix}-firewall-${az}` } }, { parent: this });
            const egTable = new aws.ec2.RouteTable(`${name}-egress-rt-${az}`, { vpcId: args.vpcId, tags: { Name: `${args.namePrefix}-egress-${az}` } }, { parent: this });
            new aws.ec2.RouteTableAssociation(`${name}-firewall-rt-assoc-${az}`, { subnetId: fwSubnet.id, routeTableId: fwTable.id }, { parent: this });
            new aws.ec2.RouteTableAssociation(`${name}-egress-rt-assoc-${az}`, { subnetId: egSubnet.id, routeTableId: egTable.id }, { parent: this });
            const eip = new aws.ec2.Eip(`${name}-nat-eip-${az}`, { domain: "vpc", tags: { Name: `${args.namePrefix}-nat-${az}` } }, { parent: this });
            const nat = new aws.ec2.NatGateway(`${name}-nat-${az}`, {
                subnetId: egSubnet.id, allocationId: eip.id, connectivityType: "public", tags: { Name: `${args.namePrefix}-nat-${az}` },
            }, { parent: this, dependsOn: [igw] });
            firewallSubnets.push(fwSubnet);
            egressSubnets.push(egSubnet);
            firewallTables.push(fwTable);
            egressTables.push(egTable);
            nats.push(nat);
        });

        const nonTcp = new aws.networkfirewall.RuleGroup(`${name}-non-tcp-drop`, {
            name: `${args.namePrefix}-egress-non-tcp-drop`,
            description: "Drop UDP and ICMP leaving the VPC",
            type: "STATEFUL",
            capacity: 100,
            ruleGroup: { rulesSource: { rulesString: NON_TCP_DROP_RULES }, statefulRuleOptions: { ruleOrder: "STRICT_ORDER" } },
            encryptionConfiguration,
        }, { parent: this });
        const domains = new aws.networkfirewall.RuleGroup(`${name}-domains`, {
            name: `${args.namePrefix}-egress-domains`,
            description: "Egress domain allowlist (TLS SNI, HTTPS only)",
            type: "STATEFUL",
            capacity: domainRuleGroupCapacity(args.allowedEgressDomains.length),
            ruleGroup: domainAllowlistRuleGroup(args.allowedEgressDomains),
            encryptionConfiguration,
        }, { parent: this });
        const policy = new aws.networkfirewall.FirewallPolicy(`${name}-policy`, {
            name: `${args.namePrefix}-egress-policy`,
            description: "Default drop; only allow-listed domains leave the VPC",
            firewallPolicy: firewallPolicyDocument({ nonTcpDrop: nonTcp.arn, domainAllowlist: domains.arn }),
            encryptionConfiguration,
        }, { parent: this });

        const firewall = new aws.networkfirewall.Firewall(`${name}-firewall`, {
            name: `${args.namePrefix}-egress`,
            description: "Egress inspection for the node subnets",
            vpcId: args.vpcId,
            firewallPolicyArn: policy.arn,
            subnetMappings: firewallSubnets.map((s) => ({ subnetId: s.id })),
            // Deleting the firewall, swapping its policy or moving its subnets would open or cut egress; each
            // needs its protection turned off first, as a separate, visible change.
            deleteProtection: args.deletionProtection ?? true,
            firewallPolicyChangeProtection: true,
            subnetChangeProtection: true,
            encryptionConfiguration,
        }, { parent: this });

        new aws.networkfirewall.LoggingConfiguration(`${name}-logging`, {
            firewallArn: firewall.arn,
            loggingConfiguration: {
                logDestinationConfigs: [
                    { logType: "ALERT", logDestinationType: "CloudWatchLogs", logDestination: { logGroup: args.alertLogGroupName } },
                    { logType: "FLOW", logDestinationType: "CloudWatchLogs", logDestination: { logGroup: args.flowLogGroupName } },
                ],
            },
        }, { parent: this });

        azs.forEach((az, i) => {
            const endpointId = firewall.firewallStatuses.apply((s) => firewallEndpointIdForAz(s, az));
            new aws.ec2.Route(`${name}-node-default-${az}`, {
                routeTableId: args.nodeRouteTableIds[i], destinationCidrBlock: "0.0.0.0/0", vpcEndpointId: endpointId,
            }, { parent: this });
            new aws.ec2.Route(`${name}-firewall-default-${az}`, {
                routeTableId: firewallTables[i].id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nats[i].id,
            }, { parent: this });
            new aws.ec2.Route(`${name}-egress-default-${az}`, {
                routeTableId: egressTables[i].id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id,
            }, { parent: this });
            new aws.ec2.Route(`${name}-egress-return-${az}`, {
                routeTableId: egressTables[i].id, destinationCidrBlock: args.nodeSubnetCidrs[i], vpcEndpointId: endpointId,
            }, { parent: this });
        });

        this.firewallArn = firewall.arn;
        this.firewallSubnetIds = firewallSubnets.map((s) => s.id);
        this.egressSubnetIds = egressSubnets.map((s) => s.id);
        this.natGatewayIds = nats.map((n) => n.id);
        this.internetGatewayId = igw.id;
        this.registerOutputs({
            firewallArn: this.firewallArn,
            firewallSubnetIds: this.firewallSubnetIds,
            egressSubnetIds: this.egressSubnetIds,
            natGatewayIds: this.natGatewayIds,
            internetGatewayId: this.internetGatewayId,
        });
    }
}
