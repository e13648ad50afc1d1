// A bucket the program leaves unnamed, and a policy built from its name that lets anyone read it. The AWS provider
// autonames the bucket in Check, so a real preview knows the name and the pack must refuse the policy there.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const docs = new aws.s3.Bucket("docs");
new aws.s3.BucketPolicy("docs-public", {
    bucket: docs.bucket,
    policy: pulumi.interpolate`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::${docs.bucket}/*"}]}`,
});
