// An input that never resolves: the SDK reports the leaked registration and fails the run.
import * as aws from "@pulumi/aws";

new aws.s3.Bucket("never", { bucket: new Promise<string>(() => undefined) });
