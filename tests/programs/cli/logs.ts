// Logs through every channel a program has: its own output must reach the user's stderr (tests/cli/progress.test.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

console.log("console.log: picking the bucket name");
console.error("console.error: nothing wrong yet");
pulumi.log.info("pulumi.log.info: creating the bucket");
pulumi.log.warn("pulumi.log.warn: no lifecycle rules");
new aws.s3.Bucket("logged", { bucket: "logged-bucket-example" });
