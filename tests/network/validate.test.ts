import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ValidationError } from "../../infra/lib/validation";
import {
    validateAvailabilityZones, validateEgressDomain, validateEgressDomains, validateEgressMode, validateFlowLogRetentionDays,
    validateManagedDomainListIds, validateNamePrefix, validateVpcCidr,
} from "../../infra/network/validate";
import { HardenedVpcArgs, resolveHardenedVpcSettings } from "../../infra/network/vpc";

const SETTING = "hardened-stack:network.x";

/** Asserts a ValidationError that names the setting and the bad value. */
function rejects(fn: () => unknown, setting: string, valueText: string): void {
    assert.throws(fn, (e: unknown) => {
        assert.ok(e instanceof ValidationError, `expected ValidationError, got ${String(e)}`);
        assert.ok(e.message.startsWith(`invalid ${setting}: `), e.message);
        assert.ok(e.message.includes(valueText), `message should quote ${valueText}: ${e.message}`);
        return true;
    });
}

describe("VPC CIDR", () => {
    test("accepts the default and the /16-/24 private sizes", () => {
        for (const ok of ["10.40.0.0/16", "172.20.0.0/20", "192.168.10.0/24"]) assert.equal(validateVpcCidr(ok, SETTING), ok);
    });
    const bad: [unknown, string][] = [
        ["10.40.0.0/15", "\"10.40.0.0/15\""], ["10.40.0.0/25", "\"10.40.0.0/25\""], ["8.8.0.0/16", "\"8.8.0.0/16\""],
        ["100.64.0.0/16", "\"100.64.0.0/16\""], ["10.40.0.1/16", "\"10.40.0.1/16\""], ["10.40.0.0", "\"10.40.0.0\""], [16, "16"], [undefined, "(unset)"],
    ];
    for (const [value, text] of bad) test(`rejects ${text}`, () => rejects(() => validateVpcCidr(value, SETTING), SETTING, text));
});

describe("availability zones", () => {
    test("accepts distinct zones of the region", () => {
        assert.deepEqual(validateAvailabilityZones(["eu-west-1a", "eu-west-1b"], SETTING, "eu-west-1"), ["eu-west-1a", "eu-west-1b"]);
    });
    test("rejects a single zone (no zone-outage tolerance)", () => rejects(() => validateAvailabilityZones(["eu-west-1a"], SETTING), SETTING, "[\"eu-west-1a\"]"));
    test("rejects a repeated zone", () => rejects(() => validateAvailabilityZones(["eu-west-1a", "eu-west-1a"], SETTING), SETTING, "eu-west-1a"));
    test("rejects a zone of another region, naming the element", () =>
        rejects(() => validateAvailabilityZones(["eu-west-1a", "us-east-1b"], SETTING, "eu-west-1"), `${SETTING}[1]`, "\"us-east-1b\""));
    test("rejects a zone of a region with a longer name (eu-west-10a is not in eu-west-1)", () =>
        rejects(() => validateAvailabilityZones(["eu-west-1a", "eu-west-10a"], SETTING, "eu-west-1"), `${SETTING}[1]`, "\"eu-west-10a\""));
    test("rejects a non-zone string", () => rejects(() => validateAvailabilityZones(["eu-west-1a", "west"], SETTING), `${SETTING}[1]`, "\"west\""));
    test("rejects a non-list", () => rejects(() => validateAvailabilityZones("eu-west-1a", SETTING), SETTING, "\"eu-west-1a\""));
});

describe("egress mode and domains", () => {
    test("egress mode must be sealed or allowlist", () => {
        assert.equal(validateEgressMode("sealed", SETTING), "sealed");
        rejects(() => validateEgressMode("open", SETTING), SETTING, "\"open\"");
    });
    for (const ok of ["example.com", ".example.com", "registry-1.docker.io", "a.b.c.example.co.uk"]) {
        test(`accepts domain ${ok}`, () => assert.equal(validateEgressDomain(ok, SETTING), ok));
    }
    const badDomains = ["*", ".", "*.example.com", "https://example.com", "example.com/path", "example.com:443", "1.2.3.4", ".1.2.3.4",
        "com", ".com", "Example.com", "exa_mple.com", "-example.com", "example..com", "", "example.com."];
    for (const bad of badDomains) {
        test(`rejects domain ${JSON.stringify(bad)}`, () => rejects(() => validateEgressDomain(bad, SETTING), SETTING, JSON.stringify(bad)));
    }
    test("allowlist mode requires at least one domain", () => {
        rejects(() => validateEgressDomains("allowlist", undefined, SETTING), SETTING, "(unset)");
        rejects(() => validateEgressDomains("allowlist", [], SETTING), SETTING, "[]");
    });
    test("sealed mode rejects a domain list (there is no path for it to open)", () =>
        rejects(() => validateEgressDomains("sealed", ["example.com"], SETTING), SETTING, "[\"example.com\"]"));
    test("a bad element is reported with its index", () =>
        rejects(() => validateEgressDomains("allowlist", ["example.com", "*"], SETTING), `${SETTING}[1]`, "\"*\""));
    test("a duplicate domain is reported", () =>
        rejects(() => validateEgressDomains("allowlist", ["example.com", "example.com"], SETTING), `${SETTING}[1]`, "\"example.com\""));
});

describe("flow log retention, name prefix, managed list ids", () => {
    test("retention must be a CloudWatch value of at least a year", () => {
        assert.equal(validateFlowLogRetentionDays(365, SETTING), 365);
        assert.equal(validateFlowLogRetentionDays(3653, SETTING), 3653);
        for (const bad of [90, 364, 366, 0, "365"]) rejects(() => validateFlowLogRetentionDays(bad, SETTING), SETTING, JSON.stringify(bad));
    });
    test("name prefix is lowercase and short", () => {
        assert.equal(validateNamePrefix("hardened-stack-dev", SETTING), "hardened-stack-dev");
        for (const bad of ["Hardened", "-x", "x-", "x", "a".repeat(33), "has space"]) rejects(() => validateNamePrefix(bad, SETTING), SETTING, JSON.stringify(bad));
    });
    const ids = {
        AWSManagedDomainsAggregateThreatList: "rslvr-fdl-aaaaaaaaaaaaaaaa",
        AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-bbbbbbbbbbbbbbbb",
        AWSManagedDomainsMalwareDomainList: "rslvr-fdl-cccccccccccccccc",
        AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-dddddddddddddddd",
    };
    test("all four managed lists need an id", () => {
        assert.deepEqual(validateManagedDomainListIds(ids, SETTING), ids);
        const { AWSManagedDomainsBotnetCommandandControl: _omitted, ...missing } = ids;
        rejects(() => validateManagedDomainListIds(missing, SETTING), `${SETTING}.AWSManagedDomainsBotnetCommandandControl`, "(unset)");
    });
    test("an unknown list name is rejected (typo protection)", () =>
        rejects(() => validateManagedDomainListIds({ ...ids, AWSManagedDomainsMalware: "rslvr-fdl-eeeeeeeeeeeeeeee" }, SETTING), `${SETTING}.AWSManagedDomainsMalware`, "rslvr-fdl-eeee"));
    test("a malformed id is rejected", () =>
        rejects(() => validateManagedDomainListIds({ ...ids, AWSManagedDomainsMalwareDomainList: "malware" }, SETTING), `${SETTING}.AWSManagedDomainsMalwareDomainList`, "\"malware\""));
    test("two lists sharing an id is rejected", () =>
        rejects(() => validateManagedDomainListIds({ ...ids, AWSManagedDomainsMalwareDomainList: ids.AWSManagedDomainsBotnetCommandandControl }, SETTING), SETTING, "rslvr-fdl-aaaa"));
});

describe("HardenedVpc props", () => {
    const base: HardenedVpcArgs = {
        env: { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" },
        availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        dnsFirewallManagedListIds: {
            AWSManagedDomainsAggregateThreatList: "rslvr-fdl-aaaaaaaaaaaaaaaa",
            AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-bbbbbbbbbbbbbbbb",
            AWSManagedDomainsMalwareDomainList: "rslvr-fdl-cccccccccccccccc",
            AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-dddddddddddddddd",
        },
    };
    test("defaults are the secure ones: sealed, 10.40.0.0/16, a year of logs, DNS catch-all block on", () => {
        const s = resolveHardenedVpcSettings(base);
        assert.equal(s.egressMode, "sealed");
        assert.equal(s.cidr, "10.40.0.0/16");
        assert.equal(s.flowLogRetentionDays, 365);
        assert.equal(s.allowAllDnsQueries, false);
        assert.equal(s.allowedEgressDomains, undefined);
    });
    const cases: [string, Partial<HardenedVpcArgs>, string, string][] = [
        ["cidr", { cidr: "11.0.0.0/16" }, "HardenedVpc.cidr", "\"11.0.0.0/16\""],
        ["egressMode", { egressMode: "open" as never }, "HardenedVpc.egressMode", "\"open\""],
        ["domains in sealed mode", { allowedEgressDomains: ["example.com"] }, "HardenedVpc.allowedEgressDomains", "[\"example.com\"]"],
        ["no domains in allowlist mode", { egressMode: "allowlist" }, "HardenedVpc.allowedEgressDomains", "(unset)"],
        ["retention", { flowLogRetentionDays: 30 }, "HardenedVpc.flowLogRetentionDays", "30"],
        ["zone of another region", { availabilityZones: ["eu-west-1a", "eu-central-1b"] }, "HardenedVpc.availabilityZones[1]", "\"eu-central-1b\""],
        ["China partition", { env: { partition: "aws-cn", region: "cn-north-1", accountId: "111122223333", dnsSuffix: "amazonaws.com.cn" }, availabilityZones: ["cn-north-1a", "cn-north-1b"] }, "HardenedVpc.env.partition", "\"aws-cn\""],
        ["VPC too small for the zones", { cidr: "10.0.0.0/24", availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d", "eu-west-1e", "eu-west-1f"] }, "HardenedVpc.cidr", "\"10.0.0.0/24\""],
        ["allow-all-DNS flag not a boolean", { dangerouslyAllowAllDnsQueries: "yes" as never }, "HardenedVpc.dangerouslyAllowAllDnsQueries", "\"yes\""],
    ];
    for (const [what, patch, setting, text] of cases) {
        test(`rejects ${what}, naming ${setting}`, () => rejects(() => resolveHardenedVpcSettings({ ...base, ...patch }), setting, text));
    }
});
