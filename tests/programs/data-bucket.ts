// The telemetry bucket as infra/index.ts builds it: a PrivateBucket with a globalName, plus the account-wide
// public access block. Config `hardened-stack:dataTest` (an object) overrides PrivateBucket args one field at a time.
import * as pulumi from "@pulumi/pulumi";
import { AccountPublicAccessBlock } from "../../infra/data/account-public-access";
import { PrivateBucket, PrivateBucketArgs } from "../../infra/data/private-bucket";
import { AwsEnvironment, partitionOf } from "../../infra/lib/aws";
import { globalName } from "../../infra/lib/naming";

export = async () => {
    const region = new pulumi.Config("aws").get("region") ?? "eu-west-1";
    const env: AwsEnvironment = { region, accountId: "111122223333", ...partitionOf(region) };
    const overrides = new pulumi.Config("hardened-stack").getObject<Partial<PrivateBucketArgs>>("dataTest") ?? {};
    const args: PrivateBucketArgs = {
        env,
        bucketName: globalName({ project: pulumi.getProject(), stack: pulumi.getStack(), purpose: "telemetry", env }),
        adminRoleArns: [`arn:${env.partition}:iam::111122223333:role/break-glass`],
        ...overrides,
    };
    const telemetry = new PrivateBucket("telemetry", args);
    new AccountPublicAccessBlock("account", { env });
    return {
        bucketName: telemetry.bucketName,
        bucketArn: telemetry.arn,
        keyArn: telemetry.keyArn,
        accessLogBucketName: telemetry.accessLogBucket.bucketName,
    };
};
