// A type error on purpose (excluded from the project type-check in tsconfig.json).
// A type error: `pulumi up` type-checks the program with ts-node and stops before creating anything.
import * as aws from "@pulumi/aws";

const bucketName: number = "not-a-number";
new aws.s3.Bucket("typed", { bucket: String(bucketName) });
