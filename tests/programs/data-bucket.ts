// The telemetry bucket as infra/index.ts builds it: a PrivateBucket with a globalName, plus the account-wide
// public access block. Config `hardened-stack:dataTest` (an object) overrides PrivateBucket args one field at a time.
import * as pulumi from "@pulumi/pulumi";
import { AccountPublicAccessBlock } from "../../infra/data/account-public-access";
import { PrivateBucket, PrivateBucketArgs } from "../../infra/data/private-bucket";
import { AwsEnvironment, partitionOf } from "../../infra/lib/aws";
import { globalName } from "../../infra/lib/naming";
import { probeErrors } from "./lib/probe";

export = async () => {
    const region = new pulumi.Config("aws").get("region") ?? "eu-west-1";
    const env: AwsEnvironment = { region, accountId: "111122223333", ...partitionOf(region) };
    const build = (name: string, overrides: Partial<PrivateBucketArgs>) => new PrivateBucket(name, {
        env,
        bucketName: globalName({ project: pulumi.getProject(), stack: pulumi.getStack(), purpose: "telemetry", env }),
        adminRoleArns: [`arn:${env.partition}:iam::111122223333:role/break-glass`],
        ...overrides,
    });
    const probed = probeErrors("data", build);
    if (probed) return { probeErrors: probed };
    const telemetry = build("telemetry", new pulumi.Config("hardened-stack").getObject<Partial<PrivateBucketArgs>>("dataTest") ?? {});
    new AccountPublicAccessBlock("account", { env });
    return {
        bucketName: telemetry.bucketName,
        bucketArn: telemetry.arn,
        keyArn: telemetry.keyArn,
        accessLogBucketName: telemetry.accessLogBucketName,
    };
};
