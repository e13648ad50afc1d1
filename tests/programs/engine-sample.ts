// A small program that exercises what the offline engine must record like the real engine: nested components,
// an explicit provider, default providers, secrets, property dependencies and a stack transformation.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

pulumi.runtime.registerStackTransformation((args) => {
    if (args.type === "aws:s3/bucket:Bucket") {
        return { props: { ...args.props, tags: { ...(args.props.tags ?? {}), transformed: "yes" } }, opts: args.opts };
    }
    return undefined;
});

class Inner extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("sample:x:Inner", name, {}, opts);
        this.bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: "sample-data-bucket" }, { parent: this });
        this.registerOutputs({});
    }
}

class Outer extends pulumi.ComponentResource {
    readonly inner: Inner;
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("sample:x:Outer", name, {}, opts);
        this.inner = new Inner(`${name}-inner`, { parent: this });
        this.registerOutputs({});
    }
}

const outer = new Outer("outer");
const eu = new aws.Provider("eu", { region: "eu-central-1" });
const role = new aws.iam.Role("reader", {
    name: "sample-reader",
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
}, { provider: eu });
new aws.s3.BucketPolicy("policy", {
    bucket: outer.inner.bucket.id,
    policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: outer.inner.bucket.arn }] }),
}, { dependsOn: [role] });
const secretParam = new aws.ssm.Parameter("param", { type: "SecureString", value: pulumi.secret("hunter2") });

export const bucketName = outer.inner.bucket.bucket;
export const paramArn = secretParam.arn;
