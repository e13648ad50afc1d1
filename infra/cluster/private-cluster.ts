import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../lib/aws";
import { check } from "../lib/validation";
import { CustomerKey } from "../kms/customer-key";
import { cniManagedPolicyArns } from "../identity/grants";
import { IrsaRole } from "../identity/irsa-role";
import { ClusterOidcProvider } from "../identity/oidc-provider";
import { ClusterAccess, accessGrants } from "./access";
import { AddonVersions, managedAddon, vpcCniConfigurationValues } from "./addons";
import { endpointAccess, validatePublicAccessCidrs } from "./endpoint-access";
import { CONTROL_PLANE_LOG_TYPES, ControlPlaneLogs } from "./logging";
import { ManagedNodeGroup } from "./node-group";
import { ServiceLinkedRoleMode, validateServiceLinkedRoleMode } from "./service-linked-role";
import { CLUSTER_ROLE_MANAGED_POLICIES, NODE_ROLE_MANAGED_POLICIES, serviceRole } from "./roles";
import { ClusterSecurityGroups } from "./security-groups";
import {
    DEFAULT_KUBERNETES_VERSION, DEFAULT_LOG_RETENTION_DAYS, EgressMode, NodeGroupSettings, validateClusterName, validateEgressMode,
    validateKubernetesVersion, validateLogRetentionDays, validateNodeGroup, validateRoleArns, validateVpcCidr,
} from "./settings";
import { componentType, withPreviousType } from "../lib/type-token";

export interface PrivateClusterArgs {
    env: AwsEnvironment;
    /** EKS cluster name, deterministic (e.g. `${project}-${stack}`) so log group and key aliases are known in preview. */
    clusterName: string;
    vpcId: pulumi.Input<string>;
    /** The VPC's IPv4 CIDR; node egress is limited to it (plus S3 and, in allowlist mode, firewall-filtered HTTPS). */
    vpcCidr: string;
    /**
     * Private subnets in at least two AZs, for the control-plane ENIs and the nodes. A list, or one Output of a list
     * (what another language's SDK has from `HardenedVpc.privateSubnetIds`), checked once it is known.
     */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The S3 managed prefix list (`com.amazonaws.<region>.s3`) the gateway endpoint routes. */
    s3PrefixListId: pulumi.Input<string>;
    /** `sealed`: AWS endpoints only. `allowlist`: also HTTPS to 0.0.0.0/0, which the network firewall filters by domain. */
    egressMode: EgressMode;
    /**
     * Kubernetes version, one of `SUPPORTED_KUBERNETES_VERSIONS`.
     * @default - the newest version in EKS standard support (`DEFAULT_KUBERNETES_VERSION`).
     */
    version?: string;
    /**
     * DANGEROUS escape hatch: turns on the PUBLIC Kubernetes API endpoint for these IPv4 CIDRs. A reachable API
     * server is the first step of the 2018 Tesla kill chain; use it only for a bootstrap from a fixed office or VPN
     * range and remove it afterwards. Must be a non-empty list of /16-or-narrower IPv4 CIDRs; 0.0.0.0/0, ::/0,
     * an empty list and broad or malformed ranges are rejected.
     * @default - no public endpoint: the API is reachable only from inside the VPC.
     */
    publicAccessCidrs?: string[];
    /** IAM roles given cluster admin through access entries. At least one: the cluster creator gets no admin. */
    adminRoleArns: string[];
    /**
     * IAM roles given cluster-wide read-only access (AmazonEKSViewPolicy, which cannot read Secrets).
     * @default - none.
     */
    readOnlyRoleArns?: string[];
    nodeGroup: NodeGroupSettings;
    /**
     * Days to keep control-plane logs; a CloudWatch retention value of at least 365.
     * @default 365 - one year, the CIS / Checkov minimum.
     */
    logRetentionDays?: number;
    /**
     * Install the EKS Pod Identity agent add-on. Off because workloads use IRSA, and the agent needs the
     * `eks-auth` interface endpoint in a private VPC.
     * @default false
     */
    podIdentityAgent?: boolean;
    /** @default - each add-on at the EKS default version for the cluster's Kubernetes version. */
    addonVersions?: AddonVersions;
    /**
     * Deletion protection on the EKS cluster and its control-plane log group, whose loss blinds or opens the
     * platform. Turn it off only for a teardown, as its own visible update (docs/operations.md, "Teardown").
     * @default true
     */
    deletionProtection?: boolean;
    /**
     * Whether this stack creates EC2 Auto Scaling's service-linked role, which the node-volume key is granted to.
     * `create` where the account has none yet (a fresh account: the grant would name a role that does not exist);
     * `existing` where it exists. The program decides with lookupAutoScalingServiceLinkedRole.
     * @default "existing"
     */
    autoScalingServiceLinkedRole?: ServiceLinkedRoleMode;
}

/** Throws unless `ids` lists at least two subnets (EKS needs two availability zones); returns them. */
export function requireTwoSubnets<T>(ids: T[], setting: string): T[] {
    check(Array.isArray(ids) && ids.length >= 2, setting, ids, "must list at least two private subnets (EKS needs two availability zones)");
    return ids;
}

/**
 * The subnet list, checked: at once when it is a list (a TypeScript caller), when known otherwise (an Output from
 * another language's SDK; in a first preview it is unknown and the check runs at `up`, before EKS is called).
 */
export function checkedSubnetIds(value: pulumi.Input<pulumi.Input<string>[]>, setting: string): pulumi.Input<pulumi.Input<string>[]> {
    if (Array.isArray(value)) return requireTwoSubnets(value, setting);
    check(pulumi.Output.isInstance(value) || value instanceof Promise, setting, value, "must be a list of subnet ids, or an Output of one");
    return pulumi.output(value).apply((ids) => requireTwoSubnets(ids, setting));
}

/**
 * An EKS cluster whose API is private, whose nodes cannot reach the internet except through the firewall, whose
 * pods cannot borrow node credentials, and whose control plane logs everything to an encrypted, retained group.
 * Type token `hardened:index:PrivateCluster` (formerly `hardened:cluster:PrivateCluster`, kept as an alias).
 */
export class PrivateCluster extends pulumi.ComponentResource {
    public readonly cluster: aws.eks.Cluster;
    public readonly clusterName: string;
    public readonly endpoint: pulumi.Output<string>;
    public readonly certificateAuthorityData: pulumi.Output<string>;
    public readonly oidcProviderArn: pulumi.Output<string>;
    /** Issuer host and path without `https://`, as IRSA trust conditions use it. */
    public readonly oidcIssuer: pulumi.Output<string>;
    public readonly nodeRole: aws.iam.Role;
    public readonly nodeRoleArn: pulumi.Output<string>;
    /** The control-plane security group this component creates (EKS also attaches its own managed group). */
    public readonly clusterSecurityGroupId: pulumi.Output<string>;
    public readonly nodeSecurityGroupId: pulumi.Output<string>;
    public readonly secretsKeyArn: pulumi.Output<string>;
    public readonly logGroupName: string;

    constructor(name: string, args: PrivateClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const p = "PrivateCluster";
        const env = args.env;
        const clusterName = validateClusterName(args.clusterName, `${p}.clusterName`);
        const version = validateKubernetesVersion(args.version ?? DEFAULT_KUBERNETES_VERSION, `${p}.version`);
        const publicAccessCidrs = validatePublicAccessCidrs(args.publicAccessCidrs, `${p}.publicAccessCidrs`);
        const egressMode = validateEgressMode(args.egressMode, `${p}.egressMode`);
        const vpcCidr = validateVpcCidr(args.vpcCidr, `${p}.vpcCidr`);
        const subnetIds = checkedSubnetIds(args.subnetIds, `${p}.subnetIds`);
        const adminRoleArns = validateRoleArns(env, args.adminRoleArns, `${p}.adminRoleArns`, {
            nonEmpty: "must list at least one role: the cluster creator is given no admin access, so nobody else could manage the cluster",
        });
        const readOnlyRoleArns = validateRoleArns(env, args.readOnlyRoleArns ?? [], `${p}.readOnlyRoleArns`);
        const grants = accessGrants(env, adminRoleArns, readOnlyRoleArns, p);
        const nodeGroup = validateNodeGroup(args.nodeGroup, `${p}.nodeGroup`);
        const retention = validateLogRetentionDays(args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS, `${p}.logRetentionDays`);
        const deletionProtection = args.deletionProtection ?? true;
        check(typeof deletionProtection === "boolean", `${p}.deletionProtection`, deletionProtection, "must be true or false");
        const slrMode = validateServiceLinkedRoleMode(args.autoScalingServiceLinkedRole ?? "existing", `${p}.autoScalingServiceLinkedRole`);
        super(componentType("PrivateCluster"), name, {}, withPreviousType("PrivateCluster", opts));

        this.clusterName = clusterName;

        const secretsKey = new CustomerKey(`${name}-secrets-key`, {
            env,
            description: `Envelope-encrypts Kubernetes Secrets of ${clusterName}`,
            alias: `${clusterName}-eks-secrets`,
        }, { parent: this });
        const logs = new ControlPlaneLogs(`${name}-logs`, { env, clusterName, retentionInDays: retention, deletionProtection }, { parent: this });
        this.logGroupName = logs.logGroupName;

        const clusterRole = serviceRole(`${name}-cluster-role`, env, "eks", `EKS control plane of ${clusterName}`, CLUSTER_ROLE_MANAGED_POLICIES, this);
        const sgs = new ClusterSecurityGroups(`${name}-sg`, {
            vpcId: args.vpcId, vpcCidr, s3PrefixListId: args.s3PrefixListId, egressMode, clusterName,
        }, { parent: this });

        this.cluster = new aws.eks.Cluster(`${name}-cluster`, {
            name: clusterName,
            version,
            roleArn: clusterRole.role.arn,
            vpcConfig: {
                subnetIds,
                securityGroupIds: [sgs.clusterSecurityGroupId],
                ...endpointAccess(publicAccessCidrs),
            },
            encryptionConfig: { provider: { keyArn: secretsKey.arn }, resources: ["secrets"] },
            enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
            accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
            // The self-managed aws-node would run on the node role's credentials, which lack the CNI policy by design;
            // the managed add-ons below replace all three bootstrap add-ons.
            bootstrapSelfManagedAddons: false,
            deletionProtection,
        }, {
            parent: this,
            // The log group must exist before EKS first writes, or EKS creates an unencrypted one with no retention.
            dependsOn: [logs.logGroup, ...clusterRole.attachments],
        });

        const oidc = new ClusterOidcProvider(`${name}-oidc`, {
            issuerUrl: this.cluster.identities.apply((ids) => ids[0].oidcs![0].issuer!),
        }, { parent: this });
        this.oidcProviderArn = oidc.arn;
        this.oidcIssuer = oidc.issuer;

        const cniRole = new IrsaRole(`${name}-vpc-cni`, {
            env,
            oidcProviderArn: oidc.arn,
            oidcIssuer: oidc.issuer,
            namespace: "kube-system",
            serviceAccount: "aws-node",
            description: `VPC CNI (kube-system/aws-node) of ${clusterName}`,
            managedPolicyArns: cniManagedPolicyArns(env),
        }, { parent: this });

        const versions = args.addonVersions ?? {};
        const vpcCni = managedAddon(`${name}-vpc-cni`, {
            clusterName: this.cluster.name,
            addonName: "vpc-cni",
            version: versions.vpcCni,
            serviceAccountRoleArn: cniRole.arn,
            configurationValues: vpcCniConfigurationValues(),
        }, { parent: this });
        const kubeProxy = managedAddon(`${name}-kube-proxy`, { clusterName: this.cluster.name, addonName: "kube-proxy", version: versions.kubeProxy }, { parent: this });
        const nodeAddons: pulumi.Resource[] = [vpcCni, kubeProxy];
        if (args.podIdentityAgent) {
            nodeAddons.push(managedAddon(`${name}-pod-identity-agent`, {
                clusterName: this.cluster.name, addonName: "eks-pod-identity-agent", version: versions.eksPodIdentityAgent,
            }, { parent: this }));
        }

        const nodeRole = serviceRole(`${name}-node-role`, env, "ec2", `Worker nodes of ${clusterName}`, NODE_ROLE_MANAGED_POLICIES, this);
        this.nodeRole = nodeRole.role;
        this.nodeRoleArn = nodeRole.role.arn;

        const nodes = new ManagedNodeGroup(`${name}-nodes`, {
            env,
            clusterName: this.cluster.name,
            clusterNameLiteral: clusterName,
            kubernetesVersion: this.cluster.version,
            nodeRoleArn: nodeRole.role.arn,
            subnetIds,
            nodeSecurityGroupId: sgs.nodeSecurityGroupId,
            settings: nodeGroup,
            autoScalingServiceLinkedRole: slrMode,
            // Nodes only turn Ready once the CNI runs, and must not start with a half-attached role.
            waitFor: [...nodeAddons, ...nodeRole.attachments],
        }, { parent: this });
        // CoreDNS is a Deployment: it only becomes healthy once there are nodes to schedule it on.
        managedAddon(`${name}-coredns`, { clusterName: this.cluster.name, addonName: "coredns", version: versions.coredns }, { parent: this, dependsOn: [nodes.nodeGroup] });

        new ClusterAccess(`${name}-access`, { env, clusterName: this.cluster.name, grants }, { parent: this });

        this.endpoint = this.cluster.endpoint;
        this.certificateAuthorityData = this.cluster.certificateAuthority.apply((ca) => ca.data!);
        this.clusterSecurityGroupId = sgs.clusterSecurityGroupId;
        this.nodeSecurityGroupId = sgs.nodeSecurityGroupId;
        this.secretsKeyArn = secretsKey.arn;
        this.registerOutputs({
            clusterName: this.clusterName,
            endpoint: this.endpoint,
            certificateAuthorityData: this.certificateAuthorityData,
            oidcProviderArn: this.oidcProviderArn,
            oidcIssuer: this.oidcIssuer,
            nodeRoleArn: this.nodeRoleArn,
            clusterSecurityGroupId: this.clusterSecurityGroupId,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
            secretsKeyArn: this.secretsKeyArn,
            logGroupName: this.logGroupName,
        });
    }
}

