/**
 * The component package as another language's user meets it: `pulumi package add` starts components/ with the
 * Node.js language host and asks the provider for its schema over gRPC (GetSchema), validates it against Pulumi's
 * package metaschema and generates an SDK from it. Here the provider is started the same way (run-plugin), asked
 * over gRPC, and the schema checked against the metaschema and against what each component must offer.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { getSchema, startComponentPlugin, type ComponentPlugin } from "./provider-host";

interface Property { type?: string; $ref?: string; plain?: boolean; items?: Property; description?: string }
interface Resource { isComponent?: boolean; inputProperties: Record<string, Property>; requiredInputs: string[]; properties: Record<string, Property>; required: string[] }
interface PackageSchema {
    name: string; version: string;
    resources: Record<string, Resource>;
    types: Record<string, { type: string; enum?: { name: string; value: string }[]; properties?: Record<string, Property>; required?: string[] }>;
    dependencies?: { name: string; version: string }[];
}

const pkg = JSON.parse(readFileSync("components/package.json", "utf8")) as { name: string; version: string };
const ref = (type: string) => `#/types/hardened:index:${type}`;

describe("component package schema (GetSchema over gRPC)", () => {
    let plugin: ComponentPlugin;
    let schema: PackageSchema;
    before(async () => {
        plugin = await startComponentPlugin("components", 240_000);
        schema = JSON.parse(await getSchema(plugin.client)) as PackageSchema;
    });
    after(() => plugin?.stop());

    test("is a valid Pulumi package schema (the package metaschema, draft 2020-12)", () => {
        const ajv = new Ajv2020({ allErrors: true, strict: false });
        addFormats(ajv);
        const validate = ajv.compile(JSON.parse(readFileSync("tests/components/fixtures/pulumi-package-metaschema.json", "utf8")) as object);
        const valid = validate(schema);
        assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5)));
    });

    test("is named and versioned by components/package.json, so the generated SDK is too", () => {
        assert.equal(schema.name, pkg.name);
        assert.equal(schema.version, pkg.version);
    });

    test("serves exactly the packaged components, each a component under hardened:index", () => {
        assert.deepEqual(Object.keys(schema.resources).sort(), [
            "AccessLogBucket", "HardenedVpc", "IrsaRole", "KubernetesLayer", "LockedNamespace", "PrivateBucket", "PrivateCluster", "ThreatDetection",
        ].map((c) => `hardened:index:${c}`));
        for (const [token, r] of Object.entries(schema.resources)) assert.equal(r.isComponent, true, token);
    });

    test("every $ref points at a type of this schema or a resource of a pinned provider dependency", () => {
        const deps = new Map((schema.dependencies ?? []).map((d) => [d.name, d.version]));
        assert.deepEqual([...deps].sort(), [["aws", "7.48.0"], ["kubernetes", "4.34.2"]]);
        const refs: string[] = [];
        const walk = (v: unknown) => {
            if (Array.isArray(v)) v.forEach(walk);
            else if (v && typeof v === "object") {
                for (const [k, e] of Object.entries(v)) {
                    if (k === "$ref") refs.push(String(e));
                    else walk(e);
                }
            }
        };
        walk(schema);
        for (const r of refs) {
            const local = /^#\/types\/(.+)$/.exec(r)?.[1];
            if (local) { assert.ok(schema.types[local], `${r} is not defined`); continue; }
            const ext = /^\/([a-z]+)\/v([\d.]+)\/schema\.json#\/resources\/[a-z]+:[\w%/.]+:\w+$/.exec(r);
            assert.ok(ext && deps.get(ext[1]!) === ext[2], `${r} is neither a local type nor a resource of a dependency`);
        }
    });

    test("modes are named enums with exactly the values the components accept", () => {
        const values = (t: string) => schema.types[`hardened:index:${t}`]?.enum?.map((e) => e.value);
        assert.deepEqual(values("EgressMode"), ["sealed", "allowlist"]);
        assert.deepEqual(values("GuardDutyMode"), ["create", "existing", "off"]);
        assert.deepEqual(values("KubernetesMode"), ["deploy", "skip"]);
        assert.deepEqual(values("ServiceLinkedRoleMode"), ["create", "existing"]);
        assert.deepEqual(values("PolicyEffect"), ["Allow", "Deny"]);
    });

    test("HardenedVpc: account, zones and the DNS Firewall lists are required; the egress mode is the enum; ids come back", () => {
        const r = schema.resources["hardened:index:HardenedVpc"]!;
        assert.deepEqual(r.requiredInputs, ["availabilityZones", "dnsFirewallManagedListIds", "env"]);
        assert.equal(r.inputProperties.egressMode?.$ref, ref("EgressMode"));
        assert.deepEqual(schema.types["hardened:index:ManagedDomainListIds"]?.required, [
            "AWSManagedDomainsAggregateThreatList", "AWSManagedDomainsAmazonGuardDutyThreatList",
            "AWSManagedDomainsBotnetCommandandControl", "AWSManagedDomainsMalwareDomainList",
        ]);
        for (const o of ["vpcId", "cidrBlock", "privateSubnetIds", "egressMode", "flowLogGroupName"]) assert.ok(r.required.includes(o), o);
    });

    test("PrivateCluster: admins are required (no creator admin) and subnets accept another component's output", () => {
        const r = schema.resources["hardened:index:PrivateCluster"]!;
        for (const i of ["adminRoleArns", "clusterName", "egressMode", "env", "nodeGroup", "subnetIds", "vpcCidr", "vpcId"]) assert.ok(r.requiredInputs.includes(i), i);
        // Not plain: a C# or Python program passes HardenedVpc.PrivateSubnetIds, an Output of a list.
        assert.notEqual(r.inputProperties.subnetIds?.plain, true);
        assert.notEqual(r.inputProperties.vpcId?.plain, true);
        assert.equal(r.inputProperties.publicAccessCidrs?.type, "array");
        assert.ok(r.properties.cluster?.$ref?.endsWith("#/resources/aws:eks%2Fcluster:Cluster"));
        for (const o of ["endpoint", "oidcProviderArn", "oidcIssuer", "nodeRoleArn", "secretsKeyArn"]) assert.ok(r.required.includes(o), o);
    });

    test("PrivateBucket and AccessLogBucket: a log bucket is passed as its target, statements as service grants", () => {
        const b = schema.resources["hardened:index:PrivateBucket"]!;
        assert.deepEqual(b.requiredInputs, ["adminRoleArns", "bucketName", "env"]);
        assert.equal(b.inputProperties.accessLogBucket?.$ref, ref("AccessLogTarget"));
        assert.equal(b.inputProperties.key?.$ref, ref("KeyReference"));
        assert.equal(b.inputProperties.serviceStatements?.items?.$ref, ref("ServiceStatement"));
        for (const o of ["bucketName", "arn", "keyArn", "accessLogBucketName", "policyJson"]) assert.ok(b.required.includes(o), o);
        const l = schema.resources["hardened:index:AccessLogBucket"]!;
        assert.equal(l.properties.target?.$ref, ref("AccessLogTarget"));
        assert.notEqual(schema.types["hardened:index:AccessLogTarget"]?.properties?.logBucketName?.plain, true);
    });

    test("IrsaRole: one namespace and service account, OIDC values as outputs of the cluster", () => {
        const r = schema.resources["hardened:index:IrsaRole"]!;
        assert.deepEqual(r.requiredInputs, ["description", "env", "namespace", "oidcIssuer", "oidcProviderArn", "serviceAccount"]);
        assert.notEqual(r.inputProperties.oidcIssuer?.plain, true);
        assert.equal(r.inputProperties.grants?.items?.$ref, ref("PolicyStatement"));
        assert.equal(schema.types["hardened:index:PolicyStatement"]?.properties?.Effect?.$ref, ref("PolicyEffect"));
        assert.deepEqual(r.required, ["arn", "name", "role"]);
    });

    test("ThreatDetection: GuardDuty mode is the enum, the trail and alert topic come back", () => {
        const r = schema.resources["hardened:index:ThreatDetection"]!;
        assert.deepEqual(r.requiredInputs, ["env", "namePrefix", "telemetryBucketArn"]);
        assert.equal(r.inputProperties.guardDuty?.$ref, ref("GuardDutyMode"));
        assert.deepEqual(r.required, ["alertTopicArn", "trail", "trailArn", "trailBucketName"]);
        assert.ok(r.properties.detectorId, "detectorId (absent when GuardDuty is off)");
    });

    test("KubernetesLayer and LockedNamespace: mode and connection in, namespace names out", () => {
        const k = schema.resources["hardened:index:KubernetesLayer"]!;
        assert.deepEqual(k.requiredInputs, ["mode", "telemetryReader"]);
        assert.equal(k.inputProperties.mode?.$ref, ref("KubernetesMode"));
        assert.equal(k.inputProperties.connection?.$ref, ref("ClusterConnection"));
        assert.notEqual(schema.types["hardened:index:ClusterConnection"]?.properties?.token?.plain, true);
        assert.deepEqual(k.required, ["deployed", "namespaceNames"]);
        const n = schema.resources["hardened:index:LockedNamespace"]!;
        assert.deepEqual(n.requiredInputs, ["name"]);
        assert.deepEqual(n.required, ["namespace", "namespaceName"]);
    });
});
