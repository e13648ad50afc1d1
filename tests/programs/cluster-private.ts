// A PrivateCluster wired to stand-in network values, as infra/index.ts wires it to the network component.
// Config `hardened-stack:clusterTest` (an object) overrides PrivateCluster args one field at a time.
import * as pulumi from "@pulumi/pulumi";
import { PrivateCluster, PrivateClusterArgs } from "../../infra/cluster/private-cluster";
import { AwsEnvironment, partitionOf } from "../../infra/lib/aws";
import { probeErrors } from "./lib/probe";

export = async () => {
    const region = new pulumi.Config("aws").get("region") ?? "eu-west-1";
    const env: AwsEnvironment = { region, accountId: "111122223333", ...partitionOf(region) };
    const build = (name: string, overrides: Partial<PrivateClusterArgs>) => new PrivateCluster(name, {
        env,
        clusterName: `${pulumi.getProject()}-${pulumi.getStack()}`,
        vpcId: "vpc-0a1b2c3d4e5f60718",
        vpcCidr: "10.20.0.0/16",
        subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"],
        s3PrefixListId: "pl-6da54004",
        egressMode: "sealed",
        adminRoleArns: [`arn:${env.partition}:iam::111122223333:role/platform-admin`],
        readOnlyRoleArns: [`arn:${env.partition}:iam::111122223333:role/auditor`],
        nodeGroup: { instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2, diskSizeGiB: 50 },
        ...overrides,
    });
    const probed = probeErrors("cluster", build);
    if (probed) return { probeErrors: probed };
    const cluster = build("platform", new pulumi.Config("hardened-stack").getObject<Partial<PrivateClusterArgs>>("clusterTest") ?? {});
    return {
        clusterName: cluster.clusterName,
        endpoint: cluster.endpoint,
        oidcIssuer: cluster.oidcIssuer,
        oidcProviderArn: cluster.oidcProviderArn,
        nodeRoleArn: cluster.nodeRoleArn,
        secretsKeyArn: cluster.secretsKeyArn,
        logGroupName: cluster.logGroupName,
    };
};
