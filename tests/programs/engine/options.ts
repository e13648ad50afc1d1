// What the engine does with resource options: the `transforms` option and engine-side stack transforms (through the
// program's callback server), resource references as inputs, custom timeouts, aliases, additional secret outputs,
// before-create hooks that run in previews, explicit provider versions.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

pulumi.runtime.registerResourceTransform((args) => {
    if (args.type !== "aws:s3/bucket:Bucket") return undefined;
    return { props: { ...args.props, tags: { ...(args.props.tags ?? {}), stackWide: "yes" } }, opts: args.opts };
});

const role = new aws.iam.Role("reader", { name: "reader", assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });

new aws.s3.Bucket("transformed", { bucket: "transformed-bucket" }, {
    transforms: [(args) => ({ props: { ...args.props, forceDestroy: false, tags: { own: "yes" } }, opts: args.opts })],
    customTimeouts: { create: "1h30m", delete: "90s" },
    aliases: [{ name: "old-name" }],
});

// A resource object as an input: the engine sends the role's ID (unknown until it exists).
new aws.iam.RolePolicyAttachment("attach", { role: role as unknown as pulumi.Input<string>, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });

const marker = new pulumi.ResourceHook("mark", (args) => {
    pulumi.log.info(`before-create hook ran for ${args.urn}`);
}, { onDryRun: true });
const notInPreview = new pulumi.ResourceHook("up-only", () => {
    pulumi.log.info("up-only hook ran");
});
new aws.ssm.Parameter("hooked", { type: "String", value: "v" }, { hooks: { beforeCreate: [marker, notInPreview] }, additionalSecretOutputs: ["value"] });
