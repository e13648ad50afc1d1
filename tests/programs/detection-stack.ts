// ThreatDetection as infra/index.ts wires it to the telemetry bucket. Config `hardened-stack:detectionTest`
// (an object) overrides ThreatDetection args one field at a time; null unsets one.
import * as pulumi from "@pulumi/pulumi";
import { ThreatDetection, ThreatDetectionArgs } from "../../infra/detection/threat-detection";
import { AwsEnvironment, partitionOf } from "../../infra/lib/aws";
import { globalName } from "../../infra/lib/naming";
import { probeErrors } from "./lib/probe";

export = async () => {
    const region = new pulumi.Config("aws").get("region") ?? "eu-west-1";
    const env: AwsEnvironment = { region, accountId: "111122223333", ...partitionOf(region) };
    const telemetryBucket = globalName({ project: pulumi.getProject(), stack: pulumi.getStack(), purpose: "telemetry", env });
    const build = (name: string, overrides: Partial<ThreatDetectionArgs>) => {
        const args: Record<string, unknown> = {
            env,
            namePrefix: `${pulumi.getProject()}-${pulumi.getStack()}`,
            telemetryBucketArn: `arn:${env.partition}:s3:::${telemetryBucket}`,
            alertEmail: "security@example.com",
            ...overrides,
        };
        // Config cannot carry `undefined`: an override of null means "leave this argument unset".
        for (const [k, v] of Object.entries(args)) if (v === null) delete args[k];
        return new ThreatDetection(name, args as unknown as ThreatDetectionArgs);
    };
    const probed = probeErrors("detection", build);
    if (probed) return { probeErrors: probed };
    const detection = build("detection", new pulumi.Config("hardened-stack").getObject<Partial<ThreatDetectionArgs>>("detectionTest") ?? {});
    return {
        trailArn: detection.trailArn,
        trailBucketName: detection.trailBucketName,
        detectorId: detection.detectorId ?? "(guardduty off)",
        alertTopicArn: detection.alertTopicArn,
    };
};
