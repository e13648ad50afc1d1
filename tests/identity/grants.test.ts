import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { awsManagedPolicyArn, cniManagedPolicyArns, grantReadObjects } from "../../infra/identity/grants";
import { wildcardStatements } from "../../infra/identity/policy";
import { AwsEnvironment } from "../../infra/lib/aws";

const env: AwsEnvironment = { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
const BUCKET = "arn:aws:s3:::hardened-stack-dev-telemetry";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function resolved<T>(o: pulumi.Input<T>): Promise<T> {
    return new Promise((resolve) => pulumi.output(o).apply((v) => { resolve(v as T); return v; }));
}

describe("grantReadObjects", () => {
    test("reads objects of that bucket, lists it, and decrypts with its key only via S3 — nothing else", async () => {
        const statements = grantReadObjects(env, BUCKET, KEY);
        const plain = await resolved(statements as unknown as pulumi.Input<unknown>);
        assert.deepEqual(plain, [
            { Sid: "ReadObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: [`${BUCKET}/*`] },
            { Sid: "ListBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [BUCKET] },
            { Sid: "DecryptViaS3", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [KEY], Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } },
        ]);
        assert.deepEqual(wildcardStatements(statements), []);
    });

    test("no write, delete or policy action is ever granted", () => {
        const actions = grantReadObjects(env, BUCKET, KEY).flatMap((s) => s.Action);
        assert.deepEqual(actions.filter((a) => /Put|Delete|Policy|Acl|Encrypt|\*/.test(a)), []);
    });

    test("the ViaService condition follows the region and partition suffix", () => {
        const cn: AwsEnvironment = { partition: "aws-cn", region: "cn-north-1", accountId: "111122223333", dnsSuffix: "amazonaws.com.cn" };
        const s = grantReadObjects(cn, "arn:aws-cn:s3:::b", "arn:aws-cn:kms:cn-north-1:111122223333:key/k")[2];
        assert.deepEqual(s.Condition, { StringEquals: { "kms:ViaService": "s3.cn-north-1.amazonaws.com.cn" } });
    });
});

describe("managed policy ARNs", () => {
    test("are built in the environment's partition", () => {
        assert.equal(awsManagedPolicyArn({ ...env, partition: "aws-us-gov" }, "AmazonEKS_CNI_Policy"), "arn:aws-us-gov:iam::aws:policy/AmazonEKS_CNI_Policy");
        assert.deepEqual(cniManagedPolicyArns(env), ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]);
    });
});
