// Never finishes: the run must stop at --timeout, saying so.
import * as aws from "@pulumi/aws";
new aws.s3.Bucket("slow");
setInterval(() => undefined, 1000);
