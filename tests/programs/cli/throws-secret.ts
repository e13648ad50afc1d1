// Fails quoting its own secret config: the failure line names the cause without the secret (tests/cli/secrets.test.ts).
import * as pulumi from "@pulumi/pulumi";

const token = new pulumi.Config().require("apiToken");
throw new Error(`the API refused token ${token}`);
