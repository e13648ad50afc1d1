/**
 * The compliant baseline of the path-model policies: the reference stack's identity and data resources as `pulumi up`
 * sends them (values known, joined by propertyDependencies as the engine joins them). Each test changes one thing.
 */
import { TestResource } from "./harness";
import { res } from "./aws-helpers";

export const ACCOUNT = "111122223333";
export const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/C288198B28910DC9AF8D20857E06E434";
export const BUCKET = "hardened-stack-dev-telemetry-111122223333-eu-west-1";
export const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
export const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/** An IRSA trust statement pinned to `subject` (or with the given :sub condition). */
export function irsaStatement(sub: Record<string, unknown> = { StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:telemetry:telemetry-reader" } }): Record<string, unknown> {
    const cond: Record<string, Record<string, unknown>> = { StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" } };
    for (const [op, kv] of Object.entries(sub)) cond[op] = { ...(cond[op] ?? {}), ...(kv as Record<string, unknown>) };
    return { Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: cond };
}
export const pinnedTo = (ns: string, sa: string) => irsaStatement({ StringEquals: { [`${ISSUER}:sub`]: `system:serviceaccount:${ns}:${sa}` } });

export function role(name: string, trust: string, extra: Record<string, unknown> = {}): TestResource {
    return res("aws:iam/role:Role", name, { name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, assumeRolePolicy: trust, ...extra });
}
export const attach = (r: TestResource, policyArn: string) =>
    res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${r.name}-${policyArn.split("/").pop()}`, { role: r.props.name, policyArn }, { role: [r] });
export const inline = (r: TestResource, name: string, ...statements: Record<string, unknown>[]) =>
    res("aws:iam/rolePolicy:RolePolicy", name, { role: r.props.name, policy: doc(...statements) }, { role: [r] });

export const key = res("aws:kms/key:Key", "telemetry-key", {
    policy: doc({ Sid: "AccountIamPoliciesDecide", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }),
});
export const bucket = res("aws:s3/bucket:Bucket", "telemetry-bucket", { bucket: BUCKET });

/** The reference bucket policy: TLS only, and object reads and listing only through this account's VPC endpoints. */
export const PERIMETER = {
    Sid: "DenyObjectAccessOutsideAccountVpcEndpoints", Effect: "Deny", Principal: "*",
    Action: ["s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*", "s3:RestoreObject"], Resource: `arn:aws:s3:::${BUCKET}/*`,
    Condition: { StringNotEqualsIfExists: { "aws:VpceAccount": ACCOUNT }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" }, ArnNotEquals: { "aws:PrincipalArn": [`arn:aws:iam::${ACCOUNT}:role/data-break-glass`] } },
};
export const TLS_ONLY = { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };
export const bucketPolicy = (...statements: Record<string, unknown>[]) =>
    res("aws:s3/bucketPolicy:BucketPolicy", "telemetry-policy", { bucket: BUCKET, policy: doc(...statements) }, { bucket: [bucket] });
export const telemetryPolicy = bucketPolicy(TLS_ONLY, PERIMETER);

export const endpoint = res("aws:ec2/vpcEndpoint:VpcEndpoint", "s3-gateway", {
    serviceName: "com.amazonaws.eu-west-1.s3", vpcEndpointType: "Gateway",
    policy: doc({ Sid: "OwnAccountPrincipalsOnOwnAccountBuckets", Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT, "aws:ResourceAccount": ACCOUNT } } }),
});

export const readerRole = role("telemetry-reader-role", doc(irsaStatement()));
export const READ_TELEMETRY = { Sid: "ReadObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: [`arn:aws:s3:::${BUCKET}/*`] };
export const readerGrants = inline(readerRole, "telemetry-reader-grants", READ_TELEMETRY,
    { Sid: "DecryptViaS3", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [`arn:aws:kms:eu-west-1:${ACCOUNT}:key/k`], Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } });

export const cniRole = role("cluster-vpc-cni-role", doc(pinnedTo("kube-system", "aws-node")));
export const cniPolicy = attach(cniRole, managed("AmazonEKS_CNI_Policy"));

export const nodeRole = role("cluster-node-role", doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }));
export const launchTemplate = res("aws:ec2/launchTemplate:LaunchTemplate", "nodes-lt", { metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 } });
export const nodeGroup = res("aws:eks/nodeGroup:NodeGroup", "nodes", { nodeRoleArn: nodeRole.props.arn, launchTemplate: { id: "lt-1", version: "1" } }, { nodeRoleArn: [nodeRole], launchTemplate: [launchTemplate] });
export const nodePolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore"].map((p) => attach(nodeRole, managed(p)));

export const adminEntry = res("aws:eks/accessEntry:AccessEntry", "platform-admins", { principalArn: `arn:aws:iam::${ACCOUNT}:role/platform-admins`, type: "STANDARD" });
export const adminPolicy = res("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "platform-admins-policy", {
    principalArn: `arn:aws:iam::${ACCOUNT}:role/platform-admins`, policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" },
});

/** The whole compliant baseline. */
export const BASELINE: TestResource[] = [
    key, bucket, telemetryPolicy, endpoint, readerRole, readerGrants, cniRole, cniPolicy, nodeRole, launchTemplate, nodeGroup, ...nodePolicies, adminEntry, adminPolicy,
];

/** The baseline with `r` replaced by `by` (same URN). */
export function replacing(r: TestResource, by: TestResource, base: TestResource[] = BASELINE): TestResource[] {
    return base.map((x) => (x === r ? by : x));
}

/** A second workload: its own IRSA role pinned to payments/api, reading its own bucket. */
export function secondWorkload(): TestResource[] {
    const own = res("aws:s3/bucket:Bucket", "payments-bucket", { bucket: "hardened-stack-dev-payments-111122223333-eu-west-1" });
    const r = role("payments-api-role", doc(pinnedTo("payments", "api")));
    return [own, r, inline(r, "payments-api-grants", { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::hardened-stack-dev-payments-111122223333-eu-west-1/*"] })];
}
