// A before-create hook that throws (and runs in previews): the resource cannot be created, the run fails.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const guard = new pulumi.ResourceHook("guard", () => {
    throw new Error("change freeze: no new parameters today");
}, { onDryRun: true });
new aws.ssm.Parameter("frozen", { type: "String", value: "v" }, { hooks: { beforeCreate: [guard] } });
