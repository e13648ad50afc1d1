// A public bucket policy whose document is secret (pulumi.secret): the kill-chain pack refuses it, and no output of
// `check` may quote any part of the document (tests/cli/secrets.test.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const bucket = new aws.s3.Bucket("leaky", { bucket: "leaky-bucket-example" });
new aws.s3.BucketPolicy("leaky-policy", {
    bucket: bucket.bucket,
    policy: pulumi.secret(JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "OpenSesame7731", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::leaky-bucket-example/*" }],
    })),
});
