"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ROUTE_TABLE_TYPES = exports.INSTANCE_LAUNCH_TYPES = exports.SECURITY_GROUP_TYPES = exports.BUCKET_OBJECT_TYPES = exports.BUCKET_LOGGING_TYPES = exports.BUCKET_SSE_TYPES = exports.BUCKET_ACL_TYPES = exports.BUCKET_TYPES = exports.AWS = void 0;
/**
 * AWS type tokens matched as strings: the pack never imports @pulumi/aws, so it starts fast and judges programs
 * written against any provider version. Deprecated aliases are listed next to their current token.
 */
exports.AWS = {
    eksCluster: "aws:eks/cluster:Cluster",
    eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
    eksFargateProfile: "aws:eks/fargateProfile:FargateProfile",
    eksAccessEntry: "aws:eks/accessEntry:AccessEntry",
    eksAccessPolicyAssociation: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    instance: "aws:ec2/instance:Instance",
    spotInstanceRequest: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
    launchConfiguration: "aws:ec2/launchConfiguration:LaunchConfiguration",
    autoscalingGroup: "aws:autoscaling/group:Group",
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    defaultSubnet: "aws:ec2/defaultSubnet:DefaultSubnet",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    securityGroupIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    securityGroupEgressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    route: "aws:ec2/route:Route",
    routeTable: "aws:ec2/routeTable:RouteTable",
    defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    mainRouteTableAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    internetGateway: "aws:ec2/internetGateway:InternetGateway",
    natGateway: "aws:ec2/natGateway:NatGateway",
    egressOnlyInternetGateway: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
    flowLog: "aws:ec2/flowLog:FlowLog",
    firewallPolicy: "aws:networkfirewall/firewallPolicy:FirewallPolicy",
    iamUser: "aws:iam/user:User",
    iamAccessKey: "aws:iam/accessKey:AccessKey",
    iamUserLoginProfile: "aws:iam/userLoginProfile:UserLoginProfile",
    iamServiceSpecificCredential: "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
    iamSigningCertificate: "aws:iam/signingCertificate:SigningCertificate",
    iamSshKey: "aws:iam/sshKey:SshKey",
    iamRole: "aws:iam/role:Role",
    iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
    iamRolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    iamPolicyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    iamPolicy: "aws:iam/policy:Policy",
    s3AccountPublicAccessBlock: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    s3BucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    s3BucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    s3BucketOwnershipControls: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    guardDutyDetector: "aws:guardduty/detector:Detector",
    guardDutyDetectorFeature: "aws:guardduty/detectorFeature:DetectorFeature",
    cloudTrail: "aws:cloudtrail/trail:Trail",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    resolverQueryLogConfig: "aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig",
    networkFirewallLogging: "aws:networkfirewall/loggingConfiguration:LoggingConfiguration",
};
/** `aws:s3/bucket:Bucket` is the former BucketV2 in @pulumi/aws 7; BucketV2 is its deprecated alias. */
exports.BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
exports.BUCKET_ACL_TYPES = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"];
exports.BUCKET_SSE_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
exports.BUCKET_LOGGING_TYPES = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];
exports.BUCKET_OBJECT_TYPES = ["aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2"];
exports.SECURITY_GROUP_TYPES = [exports.AWS.securityGroup, exports.AWS.defaultSecurityGroup];
/** Resources that launch EC2 instances from their own settings. */
exports.INSTANCE_LAUNCH_TYPES = [exports.AWS.launchTemplate, exports.AWS.instance, exports.AWS.spotInstanceRequest, exports.AWS.launchConfiguration];
exports.ROUTE_TABLE_TYPES = [exports.AWS.routeTable, exports.AWS.defaultRouteTable];
//# sourceMappingURL=aws-types.js.map