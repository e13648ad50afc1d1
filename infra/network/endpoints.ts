import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, arn } from "../lib/aws";

/** One AWS service reached through an interface endpoint instead of the internet. */
export interface InterfaceEndpointSpec {
    /** Service suffix of `com.amazonaws.<region>.<service>`. */
    service: string;
    /** Why a private cluster needs it. */
    why: string;
    /**
     * Whether we attach the account-scoped endpoint policy. Off where we could not confirm the service accepts
     * endpoint policies: an endpoint given a policy its service does not support fails to create.
     */
    accountScopedPolicy: boolean;
}

/**
 * The interface endpoints what this stack deploys actually calls, after the EKS "private cluster requirements"
 * page: each costs an hourly fee per Availability Zone (docs/cost.md), so an endpoint nothing uses is left out.
 * Left out on purpose: `eks` (managed node groups boot from the arguments EKS writes into their user data, no
 * DescribeCluster), `kms` (EBS and S3 call KMS themselves; no workload here calls it), `logs` (no log shipper runs in
 * the cluster; flow logs and the control-plane logs are delivered by AWS), `elasticloadbalancing` and `autoscaling`
 * (no load balancer controller or cluster autoscaler is deployed), `ec2messages` (only SSM Agent releases older than
 * 3.3.40.0 use it; AL2023 node images ship newer ones) and an S3 interface endpoint (the free gateway endpoint
 * carries S3 and the ECR layer downloads, and sets `aws:VpceAccount` like an interface endpoint does, so the
 * buckets' VPC-only policy holds). Add an entry when you deploy something that calls another service.
 */
export const INTERFACE_ENDPOINTS: readonly InterfaceEndpointSpec[] = [
    { service: "ecr.api", why: "kubelet's ECR credential provider gets registry tokens and image manifests", accountScopedPolicy: true },
    { service: "ecr.dkr", why: "container image pulls from private ECR (the only registry a sealed VPC can reach)", accountScopedPolicy: true },
    { service: "ec2", why: "the VPC CNI attaches ENIs and assigns pod IPs; nodes describe themselves at bootstrap", accountScopedPolicy: true },
    { service: "sts", why: "IRSA exchanges projected service-account tokens for role credentials (regional STS)", accountScopedPolicy: true },
    { service: "eks-auth", why: "the EKS Pod Identity agent exchanges pod tokens (AssumeRoleForPodIdentity)", accountScopedPolicy: false },
    { service: "ssm", why: "Session Manager replaces SSH to nodes; agent registration", accountScopedPolicy: true },
    { service: "ssmmessages", why: "Session Manager's interactive shell channel", accountScopedPolicy: false },
];

/** Resource name of an endpoint: `ecr.api` -> `ecr-api`. */
export function endpointRole(service: string): string {
    return service.replace(/\./g, "-");
}

export function endpointServiceName(env: AwsEnvironment, service: string): string {
    return `com.amazonaws.${env.region}.${service}`;
}

/**
 * AWS-owned buckets nodes must read through the S3 endpoints even though they are not in this account.
 * Read-only (`s3:GetObject`), so they cannot carry data out.
 */
export function awsOwnedReadOnlyBuckets(region: string): { bucket: string; why: string }[] {
    return [
        { bucket: `prod-${region}-starport-layer-bucket`, why: "ECR stores image layers here; pulls fail without it" },
        { bucket: `al2023-repos-${region}-de612dc2`, why: "Amazon Linux 2023 package repositories used by node images" },
        { bucket: `amazonlinux-2-repos-${region}`, why: "Amazon Linux 2 package repositories" },
        { bucket: `amazon-ssm-${region}`, why: "SSM agent updates" },
        { bucket: `aws-ssm-${region}`, why: "SSM documents and plugins" },
        { bucket: `amazon-ssm-packages-${region}`, why: "SSM Distributor packages" },
        { bucket: `${region}-birdwatcher-prod`, why: "SSM agent inventory and patch metadata" },
    ];
}

/**
 * S3 endpoint policy. Principals of this account may use buckets of this account; anything else is limited to
 * reading the AWS-owned buckets above. This stops a stolen node credential (the Tesla step) from copying data to
 * a bucket the attacker owns, which an IAM policy alone cannot stop once the credential is in hand.
 *
 * The read-only statement carries no principal condition on purpose: ECR hands out layer URLs presigned by the
 * ECR service, and dnf reads the repositories anonymously, so neither request has a principal of this account.
 */
export function s3EndpointPolicy(env: AwsEnvironment): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "OwnAccountPrincipalsOnOwnAccountBuckets",
                Effect: "Allow",
                Principal: "*",
                Action: "s3:*",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalAccount": env.accountId, "aws:ResourceAccount": env.accountId } },
            },
            {
                Sid: "ReadAwsOwnedBuckets",
                Effect: "Allow",
                Principal: "*",
                Action: ["s3:GetObject"],
                Resource: awsOwnedReadOnlyBuckets(env.region).map((b) => `arn:${env.partition}:s3:::${b.bucket}/*`),
            },
        ],
    });
}

/** Only principals of this account may call the service through the endpoint. */
export function accountScopedEndpointPolicy(env: AwsEnvironment): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: [accountPrincipalsStatement(env)] });
}

function accountPrincipalsStatement(env: AwsEnvironment): Record<string, unknown> {
    return {
        Sid: "OwnAccountPrincipalsOnly",
        Effect: "Allow",
        Principal: "*",
        Action: "*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalAccount": env.accountId } },
    };
}

/**
 * STS endpoint policy: account principals, plus AssumeRoleWithWebIdentity into this account's roles only.
 * IRSA's call is unsigned (the caller has no AWS identity yet), so an aws:PrincipalAccount condition alone would
 * break every pod that uses IRSA; the resource restriction keeps it from reaching roles of other accounts.
 */
export function stsEndpointPolicy(env: AwsEnvironment): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            accountPrincipalsStatement(env),
            {
                Sid: "WebIdentityIntoOwnAccountRolesOnly",
                Effect: "Allow",
                Principal: "*",
                Action: ["sts:AssumeRoleWithWebIdentity"],
                Resource: arn(env, "iam", "role/*", { region: false }),
            },
        ],
    });
}

/** The endpoint policy for an interface endpoint, or undefined where the service keeps its full-access default. */
export function interfaceEndpointPolicy(env: AwsEnvironment, spec: InterfaceEndpointSpec): string | undefined {
    if (!spec.accountScopedPolicy) return undefined;
    return spec.service === "sts" ? stsEndpointPolicy(env) : accountScopedEndpointPolicy(env);
}

/** The endpoint security group's only rule: HTTPS from inside the VPC. Endpoints answer; they never dial out. */
export function endpointIngressRules(vpcCidr: string): aws.types.input.ec2.SecurityGroupIngress[] {
    return [{ description: "HTTPS to AWS APIs from inside the VPC", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [vpcCidr] }];
}

export interface PrivateEndpointsArgs {
    env: AwsEnvironment;
    vpcId: pulumi.Input<string>;
    vpcCidr: string;
    /** Subnets the interface endpoint ENIs go in (the private node subnets, one per AZ). */
    subnetIds: pulumi.Input<string>[];
    /** Route tables that get the S3 gateway route (the private node route tables). */
    routeTableIds: pulumi.Input<string>[];
    namePrefix: string;
}

/**
 * The VPC endpoints that let a cluster with no internet path reach AWS: the S3 gateway endpoint on the node route
 * tables and one interface endpoint per entry of INTERFACE_ENDPOINTS, with private DNS, behind one security group.
 * Type token `hardened:network:Endpoints`.
 */
export class PrivateEndpoints extends pulumi.ComponentResource {
    public readonly securityGroupId: pulumi.Output<string>;
    public readonly s3GatewayEndpointId: pulumi.Output<string>;
    /**
     * The S3 gateway endpoint's prefix list (com.amazonaws.<region>.s3, AWS-managed): what node security groups name
     * for S3 traffic, taken from the endpoint rather than looked up, so nothing depends on a data source's answer.
     */
    public readonly s3PrefixListId: pulumi.Output<string>;
    public readonly interfaceEndpointIds: Record<string, pulumi.Output<string>>;

    constructor(name: string, args: PrivateEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:network:Endpoints", name, {}, opts);
        const { env } = args;

        const sg = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "VPC interface endpoints: HTTPS from inside the VPC only",
            ingress: endpointIngressRules(args.vpcCidr),
            // Stated as empty so the provider removes AWS's default allow-all egress rule.
            egress: [],
            revokeRulesOnDelete: true,
            tags: { Name: `${args.namePrefix}-endpoints` },
        }, { parent: this });

        const s3Policy = s3EndpointPolicy(env);
        const s3Gateway = new aws.ec2.VpcEndpoint(`${name}-s3-gateway`, {
            vpcId: args.vpcId,
            serviceName: endpointServiceName(env, "s3"),
            vpcEndpointType: "Gateway",
            routeTableIds: args.routeTableIds,
            policy: s3Policy,
            tags: { Name: `${args.namePrefix}-s3-gateway` },
        }, { parent: this });

        this.interfaceEndpointIds = {};
        for (const spec of INTERFACE_ENDPOINTS) {
            const endpoint = new aws.ec2.VpcEndpoint(`${name}-${endpointRole(spec.service)}`, {
                vpcId: args.vpcId,
                serviceName: endpointServiceName(env, spec.service),
                vpcEndpointType: "Interface",
                subnetIds: args.subnetIds,
                securityGroupIds: [sg.id],
                privateDnsEnabled: true,
                ipAddressType: "ipv4",
                policy: interfaceEndpointPolicy(env, spec),
                tags: { Name: `${args.namePrefix}-${endpointRole(spec.service)}` },
            }, { parent: this });
            this.interfaceEndpointIds[spec.service] = endpoint.id;
        }

        this.securityGroupId = sg.id;
        this.s3GatewayEndpointId = s3Gateway.id;
        this.s3PrefixListId = s3Gateway.prefixListId;
        this.registerOutputs({
            securityGroupId: this.securityGroupId,
            s3GatewayEndpointId: this.s3GatewayEndpointId,
            s3PrefixListId: this.s3PrefixListId,
            interfaceEndpointIds: this.interfaceEndpointIds,
        });
    }
}
