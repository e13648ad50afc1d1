import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../lib/aws";
import { check } from "../lib/validation";
import { SubnetPlan, planSubnets } from "./cidr";
import { DnsFirewall } from "./dns-firewall";
import { EgressFirewall } from "./egress-firewall";
import { PrivateEndpoints } from "./endpoints";
import { NetworkLogKind, NetworkLogs } from "./flow-logs";
import {
    EgressMode, ManagedDomainListIds, validateAvailabilityZones, validateEgressDomains, validateEgressMode,
    validateFlowLogRetentionDays, validateManagedDomainListIds, validateNamePrefix, validateVpcCidr,
} from "./validate";
import { componentType, withPreviousType } from "../lib/type-token";

export interface HardenedVpcArgs {
    /** Account, region and partition; names, ARNs and policies are built from it at preview time. */
    env: AwsEnvironment;
    /**
     * IPv4 CIDR of the VPC, /16 to /24, inside RFC 1918.
     * @default "10.40.0.0/16"
     */
    cidr?: string;
    /** Availability zones of `env.region`, at least 2, distinct. One private node subnet per zone. */
    availabilityZones: string[];
    /**
     * `sealed`: no internet gateway, no NAT, no default route; AWS is reached only through VPC endpoints.
     * `allowlist`: the same endpoints, plus internet egress through NAT gateways behind AWS Network Firewall,
     * which passes only TLS/HTTP to `allowedEgressDomains`.
     * @default "sealed"
     */
    egressMode?: EgressMode;
    /**
     * Domains pods and nodes may reach in allowlist mode: `example.com` (that host) or `.example.com` (the domain
     * and its subdomains). Required and non-empty in allowlist mode; must be unset in sealed mode.
     * @default - none (sealed mode has no internet egress at all)
     */
    allowedEgressDomains?: string[];
    /**
     * Retention of the VPC flow log, resolver query log and firewall log groups; a CloudWatch value >= 365.
     * @default 365
     */
    flowLogRetentionDays?: number;
    /**
     * Prefix of AWS names (log groups, KMS aliases, firewall, DNS rule group).
     * @default "hardened-stack"
     */
    namePrefix?: string;
    /**
     * Region-specific ids of the four AWS-managed DNS Firewall threat lists, resolved by the program (the ids
     * differ per region and no provider resource or data source looks them up by name).
     */
    dnsFirewallManagedListIds: ManagedDomainListIds;
    /**
     * DANGEROUS: drops the DNS Firewall's final "block everything else" rule, so any workload can resolve any
     * name — the channel DNS tunnelling and mining-pool discovery use. Only for a private hosted zone that must
     * resolve, until it is added to the allow lists.
     * @default false
     */
    dangerouslyAllowAllDnsQueries?: boolean;
    /**
     * Deletion protection on the Network Firewall (allowlist mode). Turn it off only for a teardown or a switch to sealed mode,
     * as its own visible update (docs/operations.md, "Teardown").
     * @default true
     */
    deletionProtection?: boolean;
}

/** The validated, defaulted settings a HardenedVpc is built from. */
export interface HardenedVpcSettings {
    cidr: string;
    availabilityZones: string[];
    egressMode: EgressMode;
    allowedEgressDomains?: string[];
    flowLogRetentionDays: number;
    namePrefix: string;
    dnsFirewallManagedListIds: ManagedDomainListIds;
    allowAllDnsQueries: boolean;
    deletionProtection: boolean;
    subnets: SubnetPlan;
}

/** Validates every prop (settings named `HardenedVpc.<prop>`) and applies the secure defaults. */
export function resolveHardenedVpcSettings(args: HardenedVpcArgs): HardenedVpcSettings {
    const s = "HardenedVpc";
    check(args.env.partition !== "aws-cn", `${s}.env.partition`, args.env.partition,
        "China regions are not supported: several endpoint service names there use the cn.com.amazonaws prefix");
    const cidr = validateVpcCidr(args.cidr ?? "10.40.0.0/16", `${s}.cidr`);
    const availabilityZones = validateAvailabilityZones(args.availabilityZones, `${s}.availabilityZones`, args.env.region);
    const egressMode = validateEgressMode(args.egressMode ?? "sealed", `${s}.egressMode`);
    const allowedEgressDomains = validateEgressDomains(egressMode, args.allowedEgressDomains, `${s}.allowedEgressDomains`);
    const flowLogRetentionDays = validateFlowLogRetentionDays(args.flowLogRetentionDays ?? 365, `${s}.flowLogRetentionDays`);
    const namePrefix = validateNamePrefix(args.namePrefix ?? "hardened-stack", `${s}.namePrefix`);
    const dnsFirewallManagedListIds = validateManagedDomainListIds(args.dnsFirewallManagedListIds, `${s}.dnsFirewallManagedListIds`);
    const allowAll = args.dangerouslyAllowAllDnsQueries ?? false;
    check(typeof allowAll === "boolean", `${s}.dangerouslyAllowAllDnsQueries`, allowAll, "must be true or false");
    const deletionProtection = args.deletionProtection ?? true;
    check(typeof deletionProtection === "boolean", `${s}.deletionProtection`, deletionProtection, "must be true or false");
    let subnets: SubnetPlan | undefined;
    try {
        subnets = planSubnets(cidr, availabilityZones.length);
    } catch {
        check(false, `${s}.cidr`, cidr, `is too small for ${availabilityZones.length} availability zones; use a larger VPC or fewer zones`);
    }
    return { cidr, availabilityZones, egressMode, allowedEgressDomains, flowLogRetentionDays, namePrefix, dnsFirewallManagedListIds, allowAllDnsQueries: allowAll, deletionProtection, subnets: subnets! };
}

/**
 * The VPC a private EKS cluster runs in, closed to the internet by default. Type token `hardened:index:HardenedVpc` (formerly `hardened:network:Vpc`, kept as an alias).
 *
 * Children: `${name}-vpc`, `${name}-default-sg`, `${name}-default-rt`, per AZ `${name}-private-subnet-<az>`,
 * `${name}-private-rt-<az>`, `${name}-private-rt-assoc-<az>`; components `${name}-logs` (key, log groups, flow
 * log), `${name}-endpoints`, `${name}-dns-firewall`, and in allowlist mode `${name}-egress`.
 */
export class HardenedVpc extends pulumi.ComponentResource {
    public readonly vpcId: pulumi.Output<string>;
    public readonly cidrBlock: string;
    public readonly availabilityZones: string[];
    public readonly privateSubnetIds: pulumi.Output<string>[];
    public readonly privateSubnetCidrs: string[];
    public readonly privateRouteTableIds: pulumi.Output<string>[];
    public readonly endpointSecurityGroupId: pulumi.Output<string>;
    public readonly s3GatewayEndpointId: pulumi.Output<string>;
    /** The S3 gateway endpoint's prefix list id (for security group rules allowing S3). */
    public readonly s3PrefixListId: pulumi.Output<string>;
    public readonly egressMode: EgressMode;
    public readonly interfaceEndpointIds: Record<string, pulumi.Output<string>>;
    public readonly flowLogGroupName: string;

    constructor(name: string, args: HardenedVpcArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = resolveHardenedVpcSettings(args);
        super(componentType("HardenedVpc"), name, {}, withPreviousType("HardenedVpc", opts));
        const { env } = args;
        const { namePrefix: prefix, availabilityZones: azs, subnets } = settings;

        const vpc = new aws.ec2.Vpc(`${name}-vpc`, {
            cidrBlock: settings.cidr,
            // Both on: interface endpoints' private DNS and the EKS private API endpoint need them.
            enableDnsSupport: true,
            enableDnsHostnames: true,
            tags: { Name: `${prefix}-vpc` },
        }, { parent: this });

        // Taken over so nothing can use the default group's allow-all-within-group rules (CIS / CKV2_AWS_12).
        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, {
            vpcId: vpc.id,
            ingress: [],
            egress: [],
            tags: { Name: `${prefix}-default-do-not-use` },
        }, { parent: this });

        // The main route table: any subnet created later without an explicit association lands here, with no routes.
        new aws.ec2.DefaultRouteTable(`${name}-default-rt`, {
            defaultRouteTableId: vpc.defaultRouteTableId,
            routes: [],
            tags: { Name: `${prefix}-main-no-routes` },
        }, { parent: this });

        const privateSubnets: aws.ec2.Subnet[] = [];
        const privateTables: aws.ec2.RouteTable[] = [];
        azs.forEach((az, i) => {
            const subnet = new aws.ec2.Subnet(`${name}-private-subnet-${az}`, {
                vpcId: vpc.id,
                availabilityZone: az,
                cidrBlock: subnets.private[i],
                // Explicit, not the AWS default: nodes must never get a public address.
                mapPublicIpOnLaunch: false,
                tags: { Name: `${prefix}-private-${az}`, "kubernetes.io/role/internal-elb": "1" },
            }, { parent: this });
            // One table per AZ so allowlist mode can send each zone's traffic to its own firewall endpoint.
            const table = new aws.ec2.RouteTable(`${name}-private-rt-${az}`, { vpcId: vpc.id, tags: { Name: `${prefix}-private-${az}` } }, { parent: this });
            new aws.ec2.RouteTableAssociation(`${name}-private-rt-assoc-${az}`, { subnetId: subnet.id, routeTableId: table.id }, { parent: this });
            privateSubnets.push(subnet);
            privateTables.push(table);
        });
        const privateSubnetIds = privateSubnets.map((s) => s.id);
        const privateRouteTableIds = privateTables.map((t) => t.id);

        const logKinds: NetworkLogKind[] = settings.egressMode === "allowlist"
            ? ["resolverQuery", "firewallAlert", "firewallFlow"]
            : ["resolverQuery"];
        const logs = new NetworkLogs(`${name}-logs`, {
            env, vpcId: vpc.id, namePrefix: prefix, retentionInDays: settings.flowLogRetentionDays, kinds: logKinds,
        }, { parent: this });

        const endpoints = new PrivateEndpoints(`${name}-endpoints`, {
            env, vpcId: vpc.id, vpcCidr: settings.cidr, subnetIds: privateSubnetIds, routeTableIds: privateRouteTableIds, namePrefix: prefix,
        }, { parent: this });

        new DnsFirewall(`${name}-dns-firewall`, {
            env,
            vpcId: vpc.id,
            namePrefix: prefix,
            managedDomainListIds: settings.dnsFirewallManagedListIds,
            egressMode: settings.egressMode,
            allowedEgressDomains: settings.allowedEgressDomains,
            allowAllDnsQueries: settings.allowAllDnsQueries,
            queryLogGroupArn: logs.groupArns.resolverQuery!,
        }, { parent: this });

        if (settings.egressMode === "allowlist") {
            new EgressFirewall(`${name}-egress`, {
                env,
                vpcId: vpc.id,
                namePrefix: prefix,
                availabilityZones: azs,
                firewallSubnetCidrs: subnets.firewall,
                egressSubnetCidrs: subnets.egress,
                nodeSubnetCidrs: subnets.private,
                nodeRouteTableIds: privateRouteTableIds,
                allowedEgressDomains: settings.allowedEgressDomains!,
                alertLogGroupName: logs.groupNames.firewallAlert!,
                flowLogGroupName: logs.groupNames.firewallFlow!,
                deletionProtection: settings.deletionProtection,
                // The firewall's logging names its log groups as strings; they (and their key) must exist first.
            }, { parent: this, dependsOn: [logs] });
        }

        this.vpcId = vpc.id;
        this.cidrBlock = settings.cidr;
        this.availabilityZones = azs;
        this.privateSubnetIds = privateSubnetIds;
        this.privateSubnetCidrs = subnets.private;
        this.privateRouteTableIds = privateRouteTableIds;
        this.endpointSecurityGroupId = endpoints.securityGroupId;
        this.s3GatewayEndpointId = endpoints.s3GatewayEndpointId;
        this.s3PrefixListId = endpoints.s3PrefixListId;
        this.egressMode = settings.egressMode;
        this.interfaceEndpointIds = endpoints.interfaceEndpointIds;
        this.flowLogGroupName = logs.groupNames.flow;
        this.registerOutputs({
            vpcId: this.vpcId,
            cidrBlock: this.cidrBlock,
            privateSubnetIds: this.privateSubnetIds,
            privateRouteTableIds: this.privateRouteTableIds,
            endpointSecurityGroupId: this.endpointSecurityGroupId,
            s3GatewayEndpointId: this.s3GatewayEndpointId,
            s3PrefixListId: this.s3PrefixListId,
            egressMode: this.egressMode,
            interfaceEndpointIds: this.interfaceEndpointIds,
            flowLogGroupName: this.flowLogGroupName,
        });
    }
}
