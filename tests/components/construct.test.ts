/**
 * Each packaged component constructed the way the component provider constructs it for another language's program
 * (ComponentProvider.construct, @pulumi/pulumi provider/experimental): inputs shaped as the provider receives them
 * from the wire (plain values; an Output where another component's output is passed, as a C# program passes
 * HardenedVpc.PrivateSubnetIds), under Pulumi's Node.js mocks. It proves the components build from schema-shaped
 * inputs and return every output their schema declares.
 *
 * Not the pack's verdict on what they register: that needs the offline engine to serve Construct for this package,
 * which it does not yet (engine/deployment.ts refuses remote components but the Kubernetes ConfigGroup). The same
 * classes are judged by the pack in the reference program (tests/stack/reference.test.ts).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental/provider";

interface Registered { type: string; name: string; inputs: Record<string, unknown> }
const registered: Registered[] = [];
pulumi.runtime.setMocks({
    newResource: (a) => {
        registered.push({ type: a.type, name: a.name, inputs: a.inputs as Record<string, unknown> });
        return { id: `${a.name}-id`, state: { ...a.inputs, arn: `arn:aws:mock:::${a.name}`, name: a.inputs.name ?? a.name } };
    },
    call: (a) => { throw new Error(`unexpected invoke ${a.token}: the packaged components must not need one`); },
}, "hardened-stack", "dev", true);

const env = { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
const role = (n: string) => `arn:aws:iam::111122223333:role/${n}`;
const fromAnotherComponent = <T>(v: T) => pulumi.output(v);

/** One set of inputs per component, as a C# program would send them. */
const INPUTS: Record<string, Record<string, unknown>> = {
    HardenedVpc: {
        env, availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], namePrefix: "team-dev",
        dnsFirewallManagedListIds: {
            AWSManagedDomainsAggregateThreatList: "rslvr-fdl-9b8c51a4c8e44b6a", AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-5d1f8f4f2a8a4e21",
            AWSManagedDomainsMalwareDomainList: "rslvr-fdl-2c46f2ecbfec4dcc", AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-aa970e9e1e1241a8",
        },
    },
    PrivateCluster: {
        env, clusterName: "team-dev", vpcId: fromAnotherComponent("vpc-1"), vpcCidr: "10.40.0.0/16",
        subnetIds: fromAnotherComponent(["subnet-a", "subnet-b", "subnet-c"]), s3PrefixListId: "pl-6da54004", egressMode: "sealed",
        adminRoleArns: [role("platform-admin")],
        nodeGroup: { instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2, diskSizeGiB: 50 },
    },
    PrivateBucket: { env, bucketName: "team-dev-telemetry-111122223333-eu-west-1", adminRoleArns: [role("incident-response")] },
    AccessLogBucket: { env, bucketName: "team-dev-access-logs-111122223333-eu-west-1" },
    IrsaRole: {
        env, oidcProviderArn: fromAnotherComponent("arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE"),
        oidcIssuer: fromAnotherComponent("oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE"), namespace: "telemetry", serviceAccount: "telemetry-reader",
        description: "reads telemetry", grants: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [fromAnotherComponent("arn:aws:s3:::b/*")] }],
    },
    ThreatDetection: { env, namePrefix: "team-dev", telemetryBucketArn: "arn:aws:s3:::team-dev-telemetry-111122223333-eu-west-1", guardDuty: "create" },
    KubernetesLayer: {
        mode: "skip",
        telemetryReader: {
            env, image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/reader@sha256:3f1c5d0b7a9e2b6c4d8f0a1e3c5b7d9f2a4c6e8b0d1f3a5c7e9b2d4f6a8c0e1b",
            irsaRoleArn: fromAnotherComponent(role("reader")), bucketName: fromAnotherComponent("b"), vpcCidr: "10.40.0.0/16",
        },
    },
    LockedNamespace: { name: "payments" },
};

/**
 * Resource options as the provider server rebuilds them from a Construct request: the caller's providers arrive as
 * a map by package (provider/server.ts construct), a Kubernetes one rehydrated as a k8s.Provider.
 */
const OPTIONS: Record<string, pulumi.ComponentResourceOptions> = {
    LockedNamespace: { providers: { kubernetes: new k8s.Provider("cluster", { kubeconfig: "{}" }) } },
};

describe("packaged components constructed by the component provider", () => {
    let provider: ComponentProvider;
    let schema: { resources: Record<string, { properties: Record<string, unknown>; required: string[] }> };
    before(async () => {
        const components = getPulumiComponents(require("../../components/index"));
        provider = new ComponentProvider({ name: "hardened", dirname: "components", components });
        schema = JSON.parse(await provider.getSchema()) as typeof schema;
    });

    for (const [component, inputs] of Object.entries(INPUTS)) {
        test(`${component} builds from schema-shaped inputs and returns every required output`, async () => {
            const before = registered.length;
            const result = await provider.construct(`c-${component.toLowerCase()}`, `hardened:index:${component}`, inputs as pulumi.Inputs, OPTIONS[component] ?? {});
            const urn = await (pulumi.output(result.urn) as unknown as { promise(): Promise<string> }).promise();
            assert.match(urn, new RegExp(`::hardened:index:${component}::c-${component.toLowerCase()}$`));
            const mine = registered.slice(before);
            assert.ok(mine.some((r) => r.type === `hardened:index:${component}`), "the component registers under its packaged token");
            for (const out of schema.resources[`hardened:index:${component}`]!.required) {
                assert.notEqual((result.state as Record<string, unknown>)[out], undefined, `output ${out}`);
            }
        });
    }

    test("the cluster built from an Output of subnets is still private: no public endpoint, API authentication only", () => {
        const cluster = registered.find((r) => r.type === "aws:eks/cluster:Cluster" && r.name.startsWith("c-privatecluster"))!;
        const vpc = cluster.inputs.vpcConfig as Record<string, unknown>;
        assert.equal(vpc.endpointPublicAccess, false);
        assert.equal(vpc.endpointPrivateAccess, true);
        assert.deepEqual(vpc.subnetIds, ["subnet-a", "subnet-b", "subnet-c"]);
        assert.equal((cluster.inputs.accessConfig as Record<string, unknown>).authenticationMode, "API");
    });
});
