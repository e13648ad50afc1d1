// Prints its own secret config to the console: the CLI passes the program's output on, but never a secret's
// plaintext (tests/cli/secrets.test.ts).
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
console.log(`connecting with token ${config.require("apiToken")}`);
