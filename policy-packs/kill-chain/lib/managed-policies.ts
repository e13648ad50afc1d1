/**
 * What the AWS-managed policies a cluster commonly attaches grant, so the path model judges them by content rather
 * than by name. Each is written as a superset of the published document (a broader pattern where the real one
 * lists many actions of a service): erring broad can only make the model find a path, never miss one. A managed
 * policy not listed here is opaque to the model, and a question that needs it cannot be proved.
 */
import { Statement } from "./iam";

const allow = (action: string[], resource: string[] = ["*"]): Statement => ({ effect: "Allow", action, resource, conditions: [] });

export const MANAGED_POLICY_STATEMENTS: Record<string, Statement[]> = {
    AdministratorAccess: [allow(["*"])],
    PowerUserAccess: [
        { effect: "Allow", notAction: ["iam:*", "organizations:*", "account:*"], resource: ["*"], conditions: [] },
        allow(["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization", "account:ListRegions", "account:GetAccountInformation"]),
    ],
    IAMFullAccess: [allow(["iam:*", "organizations:Describe*", "organizations:List*"])],
    ReadOnlyAccess: [allow(["*:Describe*", "*:Get*", "*:List*", "*:BatchGet*", "*:Query", "*:Scan", "*:Select*", "*:Search*", "*:Lookup*", "*:View*"])],
    AmazonS3FullAccess: [allow(["s3:*", "s3-object-lambda:*"])],
    AmazonS3ReadOnlyAccess: [allow(["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"])],
    AmazonEKSWorkerNodePolicy: [allow(["ec2:Describe*", "eks:DescribeCluster", "eks-auth:AssumeRoleForPodIdentity"])],
    AmazonEKSWorkerNodeMinimalPolicy: [allow(["eks:DescribeCluster", "eks-auth:AssumeRoleForPodIdentity"])],
    AmazonEC2ContainerRegistryPullOnly: [allow(["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchImportUpstreamImage"])],
    AmazonEC2ContainerRegistryReadOnly: [allow(["ecr:Get*", "ecr:Describe*", "ecr:List*", "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage"])],
    AmazonSSMManagedInstanceCore: [allow(["ssm:Describe*", "ssm:Get*", "ssm:List*", "ssm:Put*", "ssm:Update*", "ssmmessages:*", "ec2messages:*"])],
    AmazonEKS_CNI_Policy: [
        allow(["ec2:AssignPrivateIpAddresses", "ec2:AttachNetworkInterface", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
            "ec2:Describe*", "ec2:DetachNetworkInterface", "ec2:ModifyNetworkInterfaceAttribute", "ec2:UnassignPrivateIpAddresses"]),
        allow(["ec2:CreateTags"], ["arn:aws:ec2:*:*:network-interface/*"]),
    ],
    AmazonEKSClusterPolicy: [allow(["autoscaling:*", "ec2:*", "elasticloadbalancing:*", "kms:CreateGrant", "kms:DescribeKey", "iam:CreateServiceLinkedRole"])],
    AmazonEBSCSIDriverPolicy: [allow(["ec2:*Volume*", "ec2:*Snapshot*", "ec2:CreateTags", "ec2:DeleteTags", "ec2:Describe*"])],
    AmazonEFSCSIDriverPolicy: [allow(["elasticfilesystem:*", "ec2:DescribeAvailabilityZones"])],
    AmazonEKSVPCResourceController: [allow(["ec2:*NetworkInterface*", "ec2:*PrivateIpAddresses", "ec2:Describe*"])],
    CloudWatchAgentServerPolicy: [
        allow(["cloudwatch:PutMetricData", "ec2:DescribeVolumes", "ec2:DescribeTags", "logs:PutLogEvents", "logs:PutRetentionPolicy",
            "logs:DescribeLogStreams", "logs:DescribeLogGroups", "logs:CreateLogStream", "logs:CreateLogGroup", "xray:*"]),
        allow(["ssm:GetParameter"], ["arn:aws:ssm:*:*:parameter/AmazonCloudWatch-*"]),
    ],
    AWSXrayWriteOnlyAccess: [allow(["xray:*"])],
    AmazonPrometheusRemoteWriteAccess: [allow(["aps:RemoteWrite"])],
};
