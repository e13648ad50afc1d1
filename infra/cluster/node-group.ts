import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, arn } from "../lib/aws";
import { CustomerKey } from "../kms/customer-key";
import { NodeGroupSettings, amiTypeFor } from "./settings";
import { AUTOSCALING_SERVICE, OWNER_TAG, ServiceLinkedRoleMode } from "./service-linked-role";

/** The role EC2 Auto Scaling launches instances with; EKS managed node groups run on an Auto Scaling group. */
export function autoScalingServiceLinkedRoleArn(env: AwsEnvironment): string {
    return arn(env, "iam", "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling", { region: false });
}

/** What Auto Scaling needs to create and attach volumes encrypted with a customer key (AWS Auto Scaling guide). */
export const AUTOSCALING_VOLUME_KEY_OPERATIONS = [
    "Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "DescribeKey", "CreateGrant",
];

/** IMDSv2 only, and a hop limit of 1 so a packet from a pod's network namespace never reaches the node's credentials. */
export const NODE_METADATA_OPTIONS = {
    httpEndpoint: "enabled",
    httpTokens: "required",
    httpPutResponseHopLimit: 1,
    httpProtocolIpv6: "disabled",
    instanceMetadataTags: "disabled",
} as const;

/** AL2023 boots from /dev/xvda; the whole node filesystem lives on this one volume. */
export const ROOT_DEVICE_NAME = "/dev/xvda";

export interface ManagedNodeGroupArgs {
    env: AwsEnvironment;
    clusterName: pulumi.Input<string>;
    /** Plain name for aliases and descriptions. */
    clusterNameLiteral: string;
    kubernetesVersion: pulumi.Input<string>;
    nodeRoleArn: pulumi.Input<string>;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    nodeSecurityGroupId: pulumi.Input<string>;
    settings: NodeGroupSettings;
    /**
     * Resources the node group itself must wait for (the CNI add-on, the node role's policy attachments).
     * @default - none beyond its inputs.
     */
    waitFor?: pulumi.Resource[];
    /**
     * `create`: the account has no AWSServiceRoleForAutoScaling yet; create it (tagged with `owner`) before the grant.
     * @default "existing"
     */
    autoScalingServiceLinkedRole?: ServiceLinkedRoleMode;
    /** Written into the created role's `hardened-stack:created-by` tag. @default - the project and stack names */
    owner?: string;
}

/**
 * An EKS managed node group on a launch template that pins the security-relevant instance settings.
 * Type token `hardened:cluster:ManagedNodeGroup`; children `${name}-volume-key` (CustomerKey),
 * `${name}-autoscaling-grant`, `${name}-launch-template` and `${name}-group`.
 *
 * The volume key is granted to the AWSServiceRoleForAutoScaling service-linked role; with
 * `autoScalingServiceLinkedRole: "create"` the group also creates that role (`${name}-autoscaling-role`) first.
 */
export class ManagedNodeGroup extends pulumi.ComponentResource {
    public readonly volumeKey: CustomerKey;
    public readonly launchTemplate: aws.ec2.LaunchTemplate;
    public readonly nodeGroup: aws.eks.NodeGroup;

    constructor(name: string, args: ManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:cluster:ManagedNodeGroup", name, {}, opts);
        const s = args.settings;

        this.volumeKey = new CustomerKey(`${name}-volume-key`, {
            env: args.env,
            description: `Encrypts the EBS volumes of ${args.clusterNameLiteral} worker nodes`,
            alias: `${args.clusterNameLiteral}-eks-node-volumes`,
        }, { parent: this });
        let serviceLinkedRole: aws.iam.ServiceLinkedRole | undefined;
        if ((args.autoScalingServiceLinkedRole ?? "existing") === "create") {
            serviceLinkedRole = new aws.iam.ServiceLinkedRole(`${name}-autoscaling-role`, {
                awsServiceName: AUTOSCALING_SERVICE,
                description: "EC2 Auto Scaling (created for the EKS node group's encrypted volumes)",
                tags: { [OWNER_TAG]: args.owner ?? `${pulumi.getProject()}/${pulumi.getStack()}` },
            }, {
                parent: this,
                // Every Auto Scaling group of the account comes to use this one role: a teardown of this stack must
                // not delete it from under them (and IAM refuses while any group uses it).
                retainOnDelete: true,
            });
        }
        // Auto Scaling's service-linked role has no access to customer keys by default; without this grant the
        // group cannot launch a single encrypted node. A grant (not a key-policy statement) because CustomerKey's
        // policy only names service principals.
        const grant = new aws.kms.Grant(`${name}-autoscaling-grant`, {
            keyId: this.volumeKey.keyId,
            // The ARN is fixed by IAM, so it is known in a preview; dependsOn orders the grant after a created role.
            granteePrincipal: autoScalingServiceLinkedRoleArn(args.env),
            operations: AUTOSCALING_VOLUME_KEY_OPERATIONS,
        }, { parent: this, dependsOn: serviceLinkedRole ? [serviceLinkedRole] : [] });

        this.launchTemplate = new aws.ec2.LaunchTemplate(`${name}-launch-template`, {
            description: `Worker nodes of ${args.clusterNameLiteral}`,
            updateDefaultVersion: true,
            metadataOptions: { ...NODE_METADATA_OPTIONS },
            blockDeviceMappings: [{
                deviceName: ROOT_DEVICE_NAME,
                ebs: {
                    volumeSize: s.diskSizeGiB,
                    volumeType: "gp3",
                    encrypted: "true",
                    kmsKeyId: this.volumeKey.arn,
                    deleteOnTermination: "true",
                },
            }],
            // Stated, not inherited from the subnet's map-public-ip setting: a node must never get a public address.
            networkInterfaces: [{
                deviceIndex: 0,
                associatePublicIpAddress: "false",
                deleteOnTermination: "true",
                securityGroups: [args.nodeSecurityGroupId],
            }],
            // No keyName: nodes are reached through SSM Session Manager only, never SSH.
            tagSpecifications: [
                { resourceType: "instance", tags: { Name: `${args.clusterNameLiteral}-node` } },
                { resourceType: "volume", tags: { Name: `${args.clusterNameLiteral}-node` } },
            ],
        }, { parent: this });

        this.nodeGroup = new aws.eks.NodeGroup(`${name}-group`, {
            clusterName: args.clusterName,
            version: args.kubernetesVersion,
            nodeRoleArn: args.nodeRoleArn,
            subnetIds: args.subnetIds,
            amiType: amiTypeFor(s.instanceTypes),
            capacityType: "ON_DEMAND",
            instanceTypes: s.instanceTypes,
            scalingConfig: { minSize: s.minSize, maxSize: s.maxSize, desiredSize: s.desiredSize },
            updateConfig: { maxUnavailable: 1 },
            launchTemplate: { id: this.launchTemplate.id, version: pulumi.interpolate`${this.launchTemplate.latestVersion}` },
            // No remoteAccess and no diskSize: both would make EKS generate its own launch template around ours.
        }, { parent: this, dependsOn: [grant, ...(args.waitFor ?? [])] });

        this.registerOutputs({ nodeGroupName: this.nodeGroup.nodeGroupName, volumeKeyArn: this.volumeKey.arn });
    }
}
