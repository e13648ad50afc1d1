// pulumi-policy tests/integration/runtime_data: a resource whose inputs carry what the program knows about its run,
// for the pack to compare with what it knows itself.
import * as pulumi from "@pulumi/pulumi";
import { Echo } from "../lib/echo";

new Echo("run-facts", {
    allConfig: pulumi.runtime.allConfig(),
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    dryRun: pulumi.runtime.isDryRun(),
});
