// Shared body of the network test programs: a HardenedVpc built from `hardened-stack:network` config, with the
// test's egress mode as the default. Config values are passed through unchecked on purpose, so tests can prove
// the component itself rejects bad values.
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../../../infra/lib/aws";
import { HardenedVpc, HardenedVpcArgs } from "../../../infra/network/vpc";
import { EgressMode, ManagedDomainListIds } from "../../../infra/network/validate";

/** Made-up ids of the managed lists (the real ones differ per region and come from the program's config). */
export const TEST_MANAGED_LIST_IDS: ManagedDomainListIds = {
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-a99e1a11a99e1a11",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-9d0d9d0d9d0d9d0d",
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-3a1e3a1e3a1e3a1e",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-b07b07b07b07b07b",
};

export function buildNetwork(defaultMode: EgressMode, defaultDomains?: string[]): Record<string, unknown> {
    const region = new pulumi.Config("aws").get("region") ?? "eu-west-1";
    const env: AwsEnvironment = { partition: "aws", region, accountId: "111122223333", dnsSuffix: "amazonaws.com" };
    const net = new pulumi.Config("hardened-stack").getObject<Record<string, unknown>>("network") ?? {};
    const has = (k: string) => Object.prototype.hasOwnProperty.call(net, k);
    const vpc = new HardenedVpc("net", {
        env,
        cidr: net.cidr as HardenedVpcArgs["cidr"],
        availabilityZones: (has("availabilityZones") ? net.availabilityZones : [`${region}a`, `${region}b`, `${region}c`]) as string[],
        egressMode: (has("egressMode") ? net.egressMode : defaultMode) as EgressMode,
        allowedEgressDomains: (has("allowedEgressDomains") ? net.allowedEgressDomains : defaultDomains) as string[] | undefined,
        flowLogRetentionDays: net.flowLogRetentionDays as number | undefined,
        namePrefix: (net.namePrefix as string | undefined) ?? "hs-test",
        dnsFirewallManagedListIds: (has("dnsFirewallManagedListIds") ? net.dnsFirewallManagedListIds : TEST_MANAGED_LIST_IDS) as ManagedDomainListIds,
        dangerouslyAllowAllDnsQueries: net.dangerouslyAllowAllDnsQueries as boolean | undefined,
    });
    return {
        vpcId: vpc.vpcId,
        cidrBlock: vpc.cidrBlock,
        privateSubnetIds: vpc.privateSubnetIds,
        privateRouteTableIds: vpc.privateRouteTableIds,
        endpointSecurityGroupId: vpc.endpointSecurityGroupId,
        s3GatewayEndpointId: vpc.s3GatewayEndpointId,
        egressMode: vpc.egressMode,
        interfaceEndpointIds: vpc.interfaceEndpointIds,
        flowLogGroupName: vpc.flowLogGroupName,
    };
}
