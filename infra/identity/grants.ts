import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../lib/aws";
import { PolicyStatement } from "./policy";

/**
 * Intent-named grants for workload roles, built from the action lists below so a reviewer reads one constant
 * to know what "read objects" means. Each helper returns statements for one resource and nothing else.
 */

/** Reading object bodies and their versions; no ACL, tagging or retention reads. */
export const S3_READ_OBJECT_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion"];
/** Listing keys, needed so a reader can tell "missing" from "denied". */
export const S3_LIST_BUCKET_ACTIONS = ["s3:ListBucket"];
/** Decrypting SSE-KMS objects; encrypting is not part of reading. */
export const KMS_DECRYPT_ACTIONS = ["kms:Decrypt"];

/**
 * Read the objects of one bucket: GetObject on its objects, ListBucket on the bucket, and kms:Decrypt on the
 * bucket's key only when S3 calls KMS on the role's behalf (`kms:ViaService`), so the role cannot use the key
 * to decrypt anything else it gets hold of.
 */
export function grantReadObjects(env: AwsEnvironment, bucketArn: pulumi.Input<string>, keyArn: pulumi.Input<string>): PolicyStatement[] {
    return [
        { Sid: "ReadObjects", Effect: "Allow", Action: [...S3_READ_OBJECT_ACTIONS], Resource: [pulumi.interpolate`${bucketArn}/*`] },
        { Sid: "ListBucket", Effect: "Allow", Action: [...S3_LIST_BUCKET_ACTIONS], Resource: [bucketArn] },
        {
            Sid: "DecryptViaS3",
            Effect: "Allow",
            Action: [...KMS_DECRYPT_ACTIONS],
            Resource: [keyArn],
            Condition: { StringEquals: { "kms:ViaService": `s3.${env.region}.${env.dnsSuffix}` } },
        },
    ];
}

/**
 * AWS-managed policies an IRSA role may attach. The VPC CNI's policy is the only one: AWS keeps it in step with
 * what `aws-node` needs (ENI and IP management), and writing it inline would drift from the add-on.
 */
export const IRSA_MANAGED_POLICY_ALLOWLIST = ["AmazonEKS_CNI_Policy"] as const;
export type IrsaManagedPolicyName = (typeof IRSA_MANAGED_POLICY_ALLOWLIST)[number];

/** ARN of an AWS-managed policy in the environment's partition. */
export function awsManagedPolicyArn(env: AwsEnvironment, policyName: string): string {
    return `arn:${env.partition}:iam::aws:policy/${policyName}`;
}

/** The managed policy the `kube-system/aws-node` service account needs (the VPC CNI). */
export function cniManagedPolicyArns(env: AwsEnvironment): string[] {
    return [awsManagedPolicyArn(env, "AmazonEKS_CNI_Policy")];
}
