// ThreatDetection as infra/index.ts wires it to the telemetry bucket. Config `hardened-stack:detectionTest`
// (an object) overrides ThreatDetection args one field at a time; null unsets one.
import * as pulumi from "@pulumi/pulumi";
import { ThreatDetection, ThreatDetectionArgs } from "../../infra/detection/threat-detection";
import { AwsEnvironment, partitionOf } from "../../infra/lib/aws";
import { globalName } from "../../infra/lib/naming";

export = async () => {
    const region = new pulumi.Config("aws").get("region") ?? "eu-west-1";
    const env: AwsEnvironment = { region, accountId: "111122223333", ...partitionOf(region) };
    const overrides = new pulumi.Config("hardened-stack").getObject<Partial<ThreatDetectionArgs>>("detectionTest") ?? {};
    const telemetryBucket = globalName({ project: pulumi.getProject(), stack: pulumi.getStack(), purpose: "telemetry", env });
    const args: Record<string, unknown> = {
        env,
        namePrefix: `${pulumi.getProject()}-${pulumi.getStack()}`,
        telemetryBucketArn: `arn:${env.partition}:s3:::${telemetryBucket}`,
        alertEmail: "security@example.com",
        ...overrides,
    };
    // Config cannot carry `undefined`: an override of null means "leave this argument unset".
    for (const [k, v] of Object.entries(args)) if (v === null) delete args[k];
    const detection = new ThreatDetection("detection", args as unknown as ThreatDetectionArgs);
    return {
        trailArn: detection.trailArn,
        trailBucketName: detection.trailBucketName,
        detectorId: detection.detectorId ?? "(guardduty off)",
        alertTopicArn: detection.alertTopicArn,
    };
};
