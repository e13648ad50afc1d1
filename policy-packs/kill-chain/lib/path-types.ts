/** Type tokens the path model reads besides those in aws-types.ts (kept apart so the model's inputs are listed in one place). */
export const PATH = {
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    podIdentityAssociation: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    addon: "aws:eks/addon:Addon",
    lambdaFunction: "aws:lambda/function:Function",
    lambdaFunctionUrl: "aws:lambda/functionUrl:FunctionUrl",
    kmsKey: "aws:kms/key:Key",
    oidcProvider: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    karpenterNodeClass: "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass",
    karpenterNodeClassBeta: "kubernetes:karpenter.k8s.aws/v1beta1:EC2NodeClass",
} as const;
