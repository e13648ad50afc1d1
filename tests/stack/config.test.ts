import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { parsePlatformConfig } from "../../infra/config";
import { runProgram } from "../../engine";

const env = { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
const stackFile = parse(readFileSync("Pulumi.dev.yaml", "utf8")) as { config: Record<string, unknown> };
const base = (): Record<string, Record<string, unknown>> => {
    const raw: Record<string, Record<string, unknown>> = {};
    for (const [k, v] of Object.entries(stackFile.config)) if (k.startsWith("hardened-stack:")) raw[k.slice("hardened-stack:".length)] = structuredClone(v) as Record<string, unknown>;
    return raw;
};
function withSetting(section: string, field: string, value: unknown): Record<string, unknown> {
    const raw = base();
    if (value === undefined) delete raw[section]![field];
    else raw[section]![field] = value;
    return raw;
}

describe("config: the example stack file is valid and complete", () => {
    test("Pulumi.dev.yaml parses into a platform config with the secure defaults", () => {
        const c = parsePlatformConfig(base(), env);
        assert.equal(c.network.egressMode, "sealed");
        assert.equal(c.cluster.publicAccessCidrs, undefined);
        assert.equal(c.detection.guardDuty, "create");
        assert.equal(c.data.manageAccountPublicAccessBlock, true);
        assert.equal(c.kubernetes.mode, "deploy");
        assert.equal(c.operations.allowDestroy, false);
    });

    test("left unset: the Kubernetes layer is skipped (a first up from outside the VPC cannot reach the private API), "
        + "deletion protection stays on, and the data break-glass roles may read the trail", () => {
        const raw = base();
        delete raw.kubernetes!.mode;
        delete raw.detection!.auditReaderRoleArns;
        delete raw.operations;
        const c = parsePlatformConfig(raw, env);
        assert.equal(c.kubernetes.mode, "skip");
        assert.equal(c.operations.allowDestroy, false);
        assert.deepEqual(c.detection.auditReaderRoleArns, c.data.breakGlassRoleArns);
        assert.ok(c.detection.auditReaderRoleArns.length > 0);
    });

    test("every value a user must replace is marked in Pulumi.dev.yaml", () => {
        const text = readFileSync("Pulumi.dev.yaml", "utf8");
        const marked = text.split("\n").filter((l) => l.includes("# REPLACE:")).length;
        const exampleAccount = text.split("\n").filter((l) => !l.trimStart().startsWith("#") && l.includes("111122223333")).length;
        // the four DNS Firewall list ids, the example account's role ARNs and image, the alert address
        assert.ok(marked >= 4 + exampleAccount + 1, `${marked} REPLACE markers for ${exampleAccount} example-account values`);
        for (const line of text.split("\n")) {
            if (!line.trimStart().startsWith("#") && /111122223333|rslvr-fdl-|example\.com/.test(line)) assert.match(line, /# REPLACE:/, line);
        }
    });
});

describe("config: every bad value is refused naming the key and the value", () => {
    const cases: [string, string, string, unknown, RegExp][] = [
        ["a typo in a key", "network", "egresMode", "sealed", /hardened-stack:network\.egresMode: "sealed" — unknown setting/],
        ["an egress mode that does not exist", "network", "egressMode", "open", /hardened-stack:network\.egressMode: "open"/],
        ["one availability zone", "network", "availabilityZoneCount", 1, /hardened-stack:network\.availabilityZoneCount: 1/],
        ["a public VPC CIDR", "network", "cidr", "8.8.0.0/16", /hardened-stack:network\.cidr: "8\.8\.0\.0\/16"/],
        ["flow logs kept under a year", "network", "flowLogRetentionDays", 90, /hardened-stack:network\.flowLogRetentionDays: 90/],
        ["domains in sealed mode", "network", "allowedEgressDomains", ["pool.example.com"], /hardened-stack:network\.allowedEgressDomains/],
        ["missing DNS firewall list ids", "network", "dnsFirewallManagedListIds", undefined, /hardened-stack:network\.dnsFirewallManagedListIds: \(unset\)/],
        ["public API open to the world (0.0.0.0/0)", "cluster", "publicAccessCidrs", ["0.0.0.0/0"], /hardened-stack:cluster\.publicAccessCidrs/],
        ["public API open to the world (::/0)", "cluster", "publicAccessCidrs", ["::/0"], /hardened-stack:cluster\.publicAccessCidrs/],
        ["an empty public CIDR list", "cluster", "publicAccessCidrs", [], /hardened-stack:cluster\.publicAccessCidrs: \[\]/],
        ["an over-broad public CIDR (/8)", "cluster", "publicAccessCidrs", ["10.0.0.0/8"], /hardened-stack:cluster\.publicAccessCidrs/],
        ["no admin role", "cluster", "adminRoleArns", [], /hardened-stack:cluster\.adminRoleArns/],
        ["a wildcard admin role", "cluster", "adminRoleArns", ["arn:aws:iam::111122223333:role/*"], /hardened-stack:cluster\.adminRoleArns/],
        ["an unsupported Kubernetes version", "cluster", "version", "1.20", /hardened-stack:cluster\.version: "1\.20"/],
        ["a node group without a size cap", "cluster", "nodeGroup", { instanceTypes: ["m7i.large"], minSize: 1, maxSize: 1000, desiredSize: 1, diskSizeGiB: 50 }, /hardened-stack:cluster\.nodeGroup\.maxSize: 1000/],
        ["a break-glass role that is not a role ARN", "data", "breakGlassRoleArns", ["arn:aws:iam::111122223333:user/bob"], /hardened-stack:data\.breakGlassRoleArns/],
        ["a non-boolean account public access block switch", "data", "manageAccountPublicAccessBlock", "yes", /hardened-stack:data\.manageAccountPublicAccessBlock: "yes"/],
        ["a GuardDuty mode that does not exist", "detection", "guardDuty", "maybe", /hardened-stack:detection\.guardDuty: "maybe"/],
        ["a detector id without existing mode", "detection", "detectorId", "12abc34d567e8fa901bc2d34e56789f0", /hardened-stack:detection\.detectorId/],
        ["an alert address that is not an e-mail", "detection", "alertEmail", "not-an-email", /hardened-stack:detection\.alertEmail: "not-an-email"/],
        ["a Kubernetes mode that does not exist", "kubernetes", "mode", "later", /hardened-stack:kubernetes\.mode: "later"/],
        ["an image by tag instead of digest", "kubernetes", "telemetryReaderImage", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/telemetry-reader:latest", /hardened-stack:kubernetes\.telemetryReaderImage/],
        ["an image from a public registry", "kubernetes", "telemetryReaderImage", `docker.io/library/nginx@sha256:${"a".repeat(64)}`, /hardened-stack:kubernetes\.telemetryReaderImage/],
        ["an audit reader that is not a role ARN", "detection", "auditReaderRoleArns", ["arn:aws:iam::111122223333:user/alice"], /hardened-stack:detection\.auditReaderRoleArns/],
        ["a non-boolean teardown switch", "operations", "allowDestroy", "yes", /hardened-stack:operations\.allowDestroy: "yes"/],
        ["a typo in the operations section", "operations", "allowDestory", true, /hardened-stack:operations\.allowDestory: true — unknown setting/],
        ["workloads in the default namespace", "kubernetes", "workloadNamespaces", ["default"], /hardened-stack:kubernetes\.workloadNamespaces\[0\]: "default"/],
    ];
    for (const [what, section, field, value, expected] of cases) {
        test(`refuses ${what}`, () => {
            assert.throws(() => parsePlatformConfig(withSetting(section, field, value), env), (e: Error) => {
                assert.match(e.message, expected);
                assert.ok(!e.message.includes("\n"), "one line");
                return true;
            });
        });
    }
});

describe("config: the program refuses bad config before creating anything", () => {
    test("a bad value fails the offline run with the key in a one-line error", async () => {
        await assert.rejects(runProgram({ mode: "preview", config: { "hardened-stack:cluster": { ...base().cluster, publicAccessCidrs: ["0.0.0.0/0"] } } }),
            /invalid hardened-stack:cluster\.publicAccessCidrs/);
    });
    test("an unknown top-level setting is refused", async () => {
        await assert.rejects(runProgram({ mode: "preview", config: { "hardened-stack:clusters": {} } }), /invalid hardened-stack:clusters: unknown setting/);
    });
});
