import * as aws from "@pulumi/aws";
new aws.s3.Bucket("before-exit");
process.exit(0);
