import { createHash } from "node:crypto";

/** What a mock provider knows about the world it pretends to deploy into. */
export interface WorldFacts {
    accountId: string;
    region: string;
    partition: string;
}

export type Props = Record<string, unknown>;

/** Stable pseudo-random hex from a seed, so `up`-mode ids are the same on every run. */
export function hex(seed: string, length: number): string {
    let out = "";
    for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}#${i}`).digest("hex");
    return out.slice(0, length);
}

function str(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

const ID_PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/eip:Eip": "eipalloc",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt",
    "aws:ec2/flowLog:FlowLog": "fl",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
    "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
    "aws:route53/resolverFirewallRuleGroup:ResolverFirewallRuleGroup": "rslvr-frg",
    "aws:route53/resolverFirewallDomainList:ResolverFirewallDomainList": "rslvr-fdl",
    "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation": "rslvr-frgassoc",
    "aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig": "rqlc",
};

/**
 * The computed outputs a provider would return after create, for the types whose outputs programs read.
 * In `preview` mode the engine replaces each of these values with the unknown sentinel, as a real
 * provider's preview does for a new resource.
 */
/** Service-linked role names by service (IAM User Guide, "AWS services that work with IAM"). */
const SERVICE_LINKED_ROLE_NAMES: Record<string, string> = { "autoscaling.amazonaws.com": "AWSServiceRoleForAutoScaling" };

export function computedOutputs(type: string, name: string, urn: string, inputs: Props, world: WorldFacts, lookups: {
    subnetAz: (subnetId: string) => string | undefined;
}): Props {
    const { accountId: acct, region, partition: p } = world;
    const h = (n: number) => hex(urn, n);
    if (!type.startsWith("aws:")) {
        // Kubernetes and other packages: ids are names; no ARNs.
        const meta = (inputs.metadata ?? {}) as Props;
        const ns = str(meta.namespace);
        const n = str(meta.name) ?? name;
        return { id: ns ? `${ns}/${n}` : n };
    }
    const prefix = ID_PREFIX[type];
    const out: Props = {};
    switch (type) {
        case "aws:s3/bucket:Bucket": {
            const bucket = str(inputs.bucket) ?? `${name}-${h(7)}`;
            return { id: bucket, bucket, arn: `arn:${p}:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com`,
                bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`, region, hostedZoneId: "Z1BKCTXD74EZPE" };
        }
        case "aws:iam/role:Role": {
            const n = str(inputs.name) ?? `${name}-${h(7)}`;
            return { id: n, name: n, arn: `arn:${p}:iam::${acct}:role${str(inputs.path) ?? "/"}${n}`, uniqueId: `AROA${h(17).toUpperCase()}`, createDate: "2026-01-01T00:00:00Z" };
        }
        case "aws:iam/serviceLinkedRole:ServiceLinkedRole": {
            // IAM names a service-linked role after its service, under /aws-service-role/<service>/; only the names this
            // project creates are known here, any other service falls through to an id alone.
            const service = str(inputs.awsServiceName);
            const base = service ? SERVICE_LINKED_ROLE_NAMES[service] : undefined;
            if (!base) break;
            const n = str(inputs.customSuffix) ? `${base}_${str(inputs.customSuffix)}` : base;
            const path = `/aws-service-role/${service}/`;
            const a = `arn:${p}:iam::${acct}:role${path}${n}`;
            return { id: a, arn: a, name: n, path, uniqueId: `AROA${h(17).toUpperCase()}`, createDate: "2026-01-01T00:00:00Z" };
        }
        case "aws:iam/policy:Policy": {
            const n = str(inputs.name) ?? `${name}-${h(7)}`;
            return { id: `arn:${p}:iam::${acct}:policy/${n}`, name: n, arn: `arn:${p}:iam::${acct}:policy/${n}`, policyId: `ANPA${h(17).toUpperCase()}` };
        }
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
            const url = (str(inputs.url) ?? "").replace(/^https:\/\//, "");
            const a = `arn:${p}:iam::${acct}:oidc-provider/${url}`;
            return { id: a, arn: a };
        }
        case "aws:kms/key:Key": {
            const keyId = `${h(8)}-${h(4)}-4${h(3)}-8${h(3)}-${h(12)}`;
            return { id: keyId, keyId, arn: `arn:${p}:kms:${region}:${acct}:key/${keyId}` };
        }
        case "aws:kms/alias:Alias": {
            const n = str(inputs.name) ?? `alias/${name}`;
            return { id: n, arn: `arn:${p}:kms:${region}:${acct}:${n}`, targetKeyArn: `arn:${p}:kms:${region}:${acct}:key/${str(inputs.targetKeyId) ?? h(8)}` };
        }
        case "aws:cloudwatch/logGroup:LogGroup": {
            const n = str(inputs.name) ?? `${name}-${h(7)}`;
            return { id: n, name: n, arn: `arn:${p}:logs:${region}:${acct}:log-group:${n}` };
        }
        case "aws:eks/cluster:Cluster": {
            const n = str(inputs.name) ?? `${name}-${h(7)}`;
            const oidc = h(32).toUpperCase();
            return {
                id: n, name: n, arn: `arn:${p}:eks:${region}:${acct}:cluster/${n}`,
                endpoint: `https://${oidc}.gr7.${region}.eks.amazonaws.com`,
                certificateAuthority: { data: Buffer.from(`-----BEGIN CERTIFICATE-----\n${h(64)}\n-----END CERTIFICATE-----\n`).toString("base64") },
                identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${oidc}` }] }],
                vpcConfig: { ...((inputs.vpcConfig as Props) ?? {}), clusterSecurityGroupId: `sg-${hex(urn + "csg", 17)}`, vpcId: `vpc-${hex(urn + "v", 17)}` },
                status: "ACTIVE", platformVersion: "eks.1", createdAt: "2026-01-01T00:00:00Z",
            };
        }
        case "aws:eks/nodeGroup:NodeGroup":
            return { id: `${str(inputs.clusterName) ?? "cluster"}:${str(inputs.nodeGroupName) ?? name}`, arn: `arn:${p}:eks:${region}:${acct}:nodegroup/${str(inputs.clusterName) ?? "cluster"}/${str(inputs.nodeGroupName) ?? name}/${h(8)}`, status: "ACTIVE", resources: [{ autoscalingGroups: [{ name: `eks-${h(12)}` }] }] };
        case "aws:ec2/vpc:Vpc":
            return { id: `vpc-${h(17)}`, arn: `arn:${p}:ec2:${region}:${acct}:vpc/vpc-${h(17)}`, defaultSecurityGroupId: `sg-${hex(urn + "d", 17)}`, mainRouteTableId: `rtb-${hex(urn + "m", 17)}`, defaultNetworkAclId: `acl-${hex(urn + "n", 17)}`, defaultRouteTableId: `rtb-${hex(urn + "m", 17)}`, ownerId: acct };
        case "aws:ec2/vpcEndpoint:VpcEndpoint": {
            const id = `vpce-${h(17)}`;
            const svc = str(inputs.serviceName) ?? "";
            return { id, arn: `arn:${p}:ec2:${region}:${acct}:vpc-endpoint/${id}`, prefixListId: `pl-${hex(svc, 8)}`, state: "available",
                dnsEntries: [{ dnsName: `${id}.${svc.split(".").reverse().join(".")}.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" }], networkInterfaceIds: [], ownerId: acct };
        }
        case "aws:networkfirewall/firewall:Firewall": {
            const mappings = Array.isArray(inputs.subnetMappings) ? (inputs.subnetMappings as Props[]) : [];
            const syncStates = mappings.map((m, i) => {
                const subnetId = str(m.subnetId) ?? "";
                return { availabilityZone: lookups.subnetAz(subnetId) ?? `${region}${String.fromCharCode(97 + i)}`, attachments: [{ endpointId: `vpce-${hex(urn + subnetId, 17)}`, subnetId }] };
            });
            const n = str(inputs.name) ?? name;
            return { id: `arn:${p}:network-firewall:${region}:${acct}:firewall/${n}`, arn: `arn:${p}:network-firewall:${region}:${acct}:firewall/${n}`, firewallStatuses: [{ syncStates }], updateToken: h(36) };
        }
        case "aws:guardduty/detector:Detector":
            return { id: h(32), accountId: acct, arn: `arn:${p}:guardduty:${region}:${acct}:detector/${h(32)}` };
        case "aws:cloudtrail/trail:Trail": {
            const n = str(inputs.name) ?? name;
            return { id: n, arn: `arn:${p}:cloudtrail:${region}:${acct}:trail/${n}`, homeRegion: region };
        }
        case "aws:sns/topic:Topic": {
            const n = str(inputs.name) ?? `${name}-${h(7)}`;
            return { id: `arn:${p}:sns:${region}:${acct}:${n}`, name: n, arn: `arn:${p}:sns:${region}:${acct}:${n}` };
        }
        case "aws:cloudwatch/eventRule:EventRule": {
            const n = str(inputs.name) ?? `${name}-${h(7)}`;
            return { id: n, name: n, arn: `arn:${p}:events:${region}:${acct}:rule/${n}` };
        }
        case "aws:ec2/subnet:Subnet":
            return { id: `subnet-${h(17)}`, arn: `arn:${p}:ec2:${region}:${acct}:subnet/subnet-${h(17)}`, ownerId: acct, availabilityZoneId: `${region.slice(0, 3)}-az${(hex(urn, 2).charCodeAt(0) % 3) + 1}` };
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return { id: `lt-${h(17)}`, arn: `arn:${p}:ec2:${region}:${acct}:launch-template/lt-${h(17)}`, latestVersion: 1, defaultVersion: 1 };
        case "aws:ec2/natGateway:NatGateway":
            return { id: `nat-${h(17)}`, privateIp: "10.0.0.10", publicIp: "198.51.100.10", networkInterfaceId: `eni-${h(17)}` };
        case "aws:ec2/eip:Eip":
            return { id: `eipalloc-${h(17)}`, allocationId: `eipalloc-${h(17)}`, publicIp: "198.51.100.10", arn: `arn:${p}:ec2:${region}:${acct}:elastic-ip/eipalloc-${h(17)}` };
        case "aws:ec2/securityGroup:SecurityGroup": {
            const n = str(inputs.name) ?? `${name}-${h(7)}`;
            return { id: `sg-${h(17)}`, name: n, arn: `arn:${p}:ec2:${region}:${acct}:security-group/sg-${h(17)}`, ownerId: acct };
        }
    }
    // Other types: only the id. ARN shapes differ per service, and an invented `arn` on a type that has none
    // would show up in AnalyzeStack outputs where the real engine has nothing.
    out.id = prefix ? `${prefix}-${h(17)}` : (str(inputs.name) ?? `${name}-${h(7)}`);
    return out;
}
