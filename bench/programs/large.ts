// A large platform program for the engine benchmark: `bench:resources` resources (default 3,000) in components of
// eight, shaped like the reference stack's data and identity layers (a KMS-encrypted private bucket with its
// controls, a workload role and its grant), every input literal or taken from another resource.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const total = new pulumi.Config("bench").getNumber("resources") ?? 3000;

class Tenant extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("bench:index:Tenant", name, {}, opts);
        const p = { parent: this };
        const bucket = new aws.s3.Bucket(`${name}-data`, { bucket: `${name}-data`, tags: { tenant: name } }, p);
        new aws.s3.BucketPublicAccessBlock(`${name}-pab`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, p);
        new aws.s3.BucketOwnershipControls(`${name}-owner`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, p);
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }] }, p);
        new aws.s3.BucketPolicy(`${name}-tls`, {
            bucket: bucket.id,
            policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
                Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }] }),
        }, p);
        const role = new aws.iam.Role(`${name}-reader`, {
            name: `${name}-reader`,
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
        }, p);
        new aws.iam.RolePolicy(`${name}-grant`, {
            role: role.name,
            policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: pulumi.interpolate`${bucket.arn}/*` }] }),
        }, p);
        this.registerOutputs({ bucket: bucket.bucket });
    }
}

for (let i = 0; i < Math.max(1, Math.round(total / 8)); i++) new Tenant(`t${i}`);
