// Never finishes: the run must stop at --timeout, saying so, and the program must stop with the CLI on Ctrl-C or
// SIGTERM (tests/cli/failures.test.ts, tests/cli/signals.test.ts). It says its process id so a test can look for it.
import * as aws from "@pulumi/aws";

new aws.s3.Bucket("slow");
console.log(`never-ends pid ${process.pid}`);
setInterval(() => undefined, 1000);
