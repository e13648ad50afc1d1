// The platform as a C#, Python or Go program builds it from the component package: every component constructed by
// the component provider (ComponentProvider.construct, what its gRPC Construct calls once the request is
// deserialized), with the inputs shaped as they arrive from another language (plain values, and one Output where a
// value comes from another component). Run by the offline engine with the kill-chain pack
// (tests/components/construct-pack.test.ts): what the packaged components register must be as clean as infra/.
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental/provider";
import * as packaged from "../../../components/index";

type State = Record<string, unknown>;

export = async () => {
    const provider = new ComponentProvider({
        name: "hardened", dirname: path.join(__dirname, "../../../components"), components: getPulumiComponents(packaged),
    });
    const construct = async (name: string, component: string, inputs: pulumi.Inputs): Promise<State> =>
        (await provider.construct(name, `hardened:index:${component}`, inputs, {})).state as State;
    // Another language holds a component's output as one Output, whatever its shape.
    const fromComponent = (v: unknown) => pulumi.output(v as pulumi.Input<unknown>);

    const env = { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
    const prefix = "hardened-stack-dev";
    const cidr = "10.40.0.0/16";
    const role = (n: string) => `arn:aws:iam::111122223333:role/${n}`;

    const network = await construct("network", "HardenedVpc", {
        env, cidr, availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], namePrefix: prefix,
        dnsFirewallManagedListIds: {
            AWSManagedDomainsAggregateThreatList: "rslvr-fdl-9b8c51a4c8e44b6a", AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-5d1f8f4f2a8a4e21",
            AWSManagedDomainsMalwareDomainList: "rslvr-fdl-2c46f2ecbfec4dcc", AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-aa970e9e1e1241a8",
        },
    });
    const cluster = await construct("cluster", "PrivateCluster", {
        env, clusterName: prefix, vpcId: fromComponent(network.vpcId), vpcCidr: cidr, subnetIds: fromComponent(network.privateSubnetIds),
        s3PrefixListId: fromComponent(network.s3PrefixListId), egressMode: "sealed",
        adminRoleArns: [role("platform-admin")], readOnlyRoleArns: [role("platform-viewer")],
        nodeGroup: { instanceTypes: ["m7i.large"], minSize: 2, maxSize: 6, desiredSize: 3, diskSizeGiB: 50 },
    });
    const logs = await construct("access-logs", "AccessLogBucket", { env, bucketName: `${prefix}-access-logs-111122223333-eu-west-1` });
    const bucketName = `${prefix}-telemetry-111122223333-eu-west-1`;
    const telemetry = await construct("telemetry", "PrivateBucket", {
        env, bucketName, accessLogBucket: logs.target, adminRoleArns: [role("incident-response")], deployerRoleArns: [role("deployer")],
    });
    await construct("detection", "ThreatDetection", {
        env, namePrefix: prefix, telemetryBucketArn: `arn:aws:s3:::${bucketName}`, accessLogBucket: logs.target,
        alertEmail: "security@example.com", adminRoleArns: [role("audit-reader")], deployerRoleArns: [role("deployer")],
    });
    const reader = await construct("telemetry-reader", "IrsaRole", {
        env, oidcProviderArn: fromComponent(cluster.oidcProviderArn), oidcIssuer: fromComponent(cluster.oidcIssuer),
        namespace: "telemetry", serviceAccount: "telemetry-reader", description: "telemetry-reader: read objects of the telemetry bucket, nothing else",
        grants: [
            { Sid: "ReadTelemetryObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${bucketName}/*`] },
            {
                Sid: "DecryptTelemetryObjects", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [fromComponent(telemetry.keyArn)],
                Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
            },
        ],
    });
    await construct("kubernetes", "KubernetesLayer", {
        mode: "deploy",
        connection: {
            clusterName: prefix, endpoint: fromComponent(cluster.endpoint), certificateAuthorityData: fromComponent(cluster.certificateAuthorityData),
            token: pulumi.secret(aws.eks.getClusterAuthOutput({ name: prefix }).token),
        },
        workloadNamespaces: ["payments"],
        telemetryReader: {
            env, image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/telemetry-reader@sha256:${"3f1c".repeat(16)}`,
            irsaRoleArn: fromComponent(reader.arn), bucketName, vpcCidr: cidr,
        },
    });
    return {};
};
