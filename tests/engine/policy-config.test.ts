// Policy pack config as `pulumi preview --policy-pack-config` v3.248.0 reads it: pkg/resource/analyzer/config.go and
// its callers. Expected texts are the CLI's (config.go, gojsonschema v1.2.0 locales.go, update.go, analyzer_plugin.go).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
    PolicyConfigError, configurePolicyPack, fromProtoEnforcementLevel, parsePolicyPackConfigFile, policyPackConfigFlagsError,
    reconcilePolicyPackConfig,
} from "../../engine/policy-config";
import type { PolicyConfig, PolicyConfigLayer, PolicyPackConfig } from "../../engine/policy-config";
import type { Level, PolicyInfo } from "../../engine/analyzer";

function policy(name: string, enforcementLevel: Level, configSchema?: PolicyInfo["configSchema"], policyType: PolicyInfo["policyType"] = "resource"): PolicyInfo {
    return { name, description: "", enforcementLevel, severity: "", policyType, tags: [], remediationSteps: "", url: "", ...(configSchema ? { configSchema } : {}) };
}

const PACK = { name: "kill-chain", version: "0.1.0", path: "policy-packs/kill-chain" };
const EGRESS = policy("disallow-internet-egress", "mandatory", {
    properties: { allowedInternetEgressPorts: { type: "array", items: { type: "integer", minimum: 1, maximum: 65535 }, default: [443] } },
});
const INGRESS = policy("disallow-internet-facing-ingresses", "advisory", {
    properties: { allowedInternetFacingIngresses: { type: "array", items: { type: "string" }, default: [] } },
});
const STACK = policy("require-flow-logs", "advisory", undefined, "stack");

const file = (json: unknown) => parsePolicyPackConfigFile(JSON.stringify(json), "config.json").policies;
const levels = (c: ReadonlyMap<string, PolicyConfig> | undefined) => Object.fromEntries([...c!].map(([k, v]) => [k, v.enforcementLevel]));
const props = (c: PolicyPackConfig | undefined, name: string) => c?.get(name)?.properties;

function throwsConfigError(f: () => unknown): PolicyConfigError {
    try {
        f();
    } catch (e) {
        assert.ok(e instanceof PolicyConfigError, `expected a PolicyConfigError, got ${String(e)}`);
        return e;
    }
    assert.fail("expected a PolicyConfigError");
}

describe("the --policy-pack-config file is parsed as config.go parsePolicyPackConfig parses it", () => {
    test("a string value is the enforcement level shorthand", () => {
        assert.deepEqual(Object.fromEntries(file({ "disallow-internet-egress": "disabled" })),
            { "disallow-internet-egress": { enforcementLevel: "disabled", properties: {} } });
    });

    test("an object's enforcementLevel is taken out of its properties", () => {
        assert.deepEqual(Object.fromEntries(file({ "disallow-internet-egress": { enforcementLevel: "advisory", allowedInternetEgressPorts: [443, 8443] } })),
            { "disallow-internet-egress": { enforcementLevel: "advisory", properties: { allowedInternetEgressPorts: [443, 8443] } } });
    });

    test("an invalid enforcement level is refused with the CLI's text, naming the file and the policy", () => {
        const e = throwsConfigError(() => file({ "disallow-internet-egress": "warn" }));
        assert.equal(e.cliMessage, `parsing enforcement level for "disallow-internet-egress": "warn" is not a valid enforcement level`);
        assert.equal(e.message, `--policy-pack-config config.json: ${e.cliMessage}`);
        assert.deepEqual([e.kind, e.file, e.policy], ["file", "config.json", "disallow-internet-egress"]);
        assert.equal(throwsConfigError(() => file({ p: { enforcementLevel: "" } })).cliMessage, `parsing enforcement level for "p": "" is not a valid enforcement level`);
        assert.equal(throwsConfigError(() => file({ p: { enforcementLevel: 1 } })).cliMessage,
            `parsing enforcement level for "p": 1 is not a valid enforcement level; must be a string`);
        assert.equal(throwsConfigError(() => file({ p: { enforcementLevel: null } })).cliMessage,
            `parsing enforcement level for "p": <nil> is not a valid enforcement level; must be a string`);
    });

    test("a value that is neither a string nor an object is refused, printed as Go's %v prints it", () => {
        assert.equal(throwsConfigError(() => file({ p: 1000000 })).cliMessage, `parsing "p": 1e+06 is not a valid value; must be a string or object`);
        assert.equal(throwsConfigError(() => file({ p: [443, { b: "x", a: null }] })).cliMessage,
            `parsing "p": [443 map[a:<nil> b:x]] is not a valid value; must be a string or object`);
        assert.equal(throwsConfigError(() => file({ p: true })).cliMessage, `parsing "p": true is not a valid value; must be a string or object`);
    });

    test("an entry that sets neither a level nor a property is dropped", () => {
        assert.deepEqual([...file({ "disallow-internet-egress": {} }).keys()], []);
    });

    test("a blank file or `null` is no config; a file that is not a JSON object is refused", () => {
        assert.equal(parsePolicyPackConfigFile(" \n\t", "c.json").policies.size, 0);
        assert.equal(parsePolicyPackConfigFile("null", "c.json").policies.size, 0);
        assert.equal(throwsConfigError(() => parsePolicyPackConfigFile("[]", "c.json")).cliMessage,
            "json: cannot unmarshal array into Go value of type map[string]interface {}");
        assert.match(throwsConfigError(() => parsePolicyPackConfigFile(`{"p":`, "c.json")).message, /^--policy-pack-config c\.json: /);
    });

    test("`environments` is ESC references, not a policy, and must be an array of strings", () => {
        const parsed = parsePolicyPackConfigFile(JSON.stringify({ environments: ["org/net"], p: "mandatory" }), "c.json");
        assert.deepEqual(parsed.environments, ["org/net"]);
        assert.deepEqual([...parsed.policies.keys()], ["p"]);
        assert.equal(throwsConfigError(() => file({ environments: "org/net" })).cliMessage, `"environments" must be an array of strings, got string`);
        assert.equal(throwsConfigError(() => file({ environments: [1] })).cliMessage, `"environments[0]" must be a string, got float64`);
    });

    test("a `__proto__` key in the file stays an ordinary property", () => {
        const parsed = parsePolicyPackConfigFile(`{"p": {"__proto__": {"polluted": 1}}}`, "c.json").policies;
        assert.deepEqual(Object.keys(parsed.get("p")!.properties), ["__proto__"]);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
});

describe("levels are reconciled as config.go applyConfig does", () => {
    test("`all` with per-policy properties leaves every policy at the `all` level", () => {
        const { config } = reconcilePolicyPackConfig([EGRESS, INGRESS], undefined,
            file({ all: "mandatory", "disallow-internet-facing-ingresses": { allowedInternetFacingIngresses: ["web/public"] } }));
        assert.deepEqual(levels(config), { "disallow-internet-egress": "mandatory", "disallow-internet-facing-ingresses": "mandatory", all: "mandatory" });
        assert.deepEqual(props(config, "disallow-internet-facing-ingresses"), { allowedInternetFacingIngresses: ["web/public"] });
    });

    test("a policy's own level in the file beats `all`, whichever key comes first", () => {
        for (const json of [`{"all":"disabled","disallow-internet-egress":"mandatory"}`, `{"disallow-internet-egress":"mandatory","all":"disabled"}`]) {
            const { config } = reconcilePolicyPackConfig([EGRESS, INGRESS], undefined, parsePolicyPackConfigFile(json, "c.json").policies);
            assert.deepEqual(levels(config), { "disallow-internet-egress": "mandatory", "disallow-internet-facing-ingresses": "disabled", all: "disabled" });
        }
    });

    test("the pack's initial config applies before the file: the file beats it, it beats the policy's own level", () => {
        const initial = { "disallow-internet-facing-ingresses": { enforcementLevel: "mandatory" as const, properties: {} }, "disallow-internet-egress": { enforcementLevel: "disabled" as const, properties: {} } };
        const { config } = reconcilePolicyPackConfig([EGRESS, INGRESS], initial, file({ "disallow-internet-egress": "advisory" }));
        assert.deepEqual(levels(config), { "disallow-internet-egress": "advisory", "disallow-internet-facing-ingresses": "mandatory" });
    });

    test("the file's `all` overrides the levels the pack's initial config set", () => {
        const initial = { "disallow-internet-egress": { enforcementLevel: "mandatory" as const, properties: {} } };
        const { config } = reconcilePolicyPackConfig([EGRESS, INGRESS], initial, file({ all: "advisory" }));
        assert.equal(config?.get("disallow-internet-egress")?.enforcementLevel, "advisory");
    });

    test("an initial-config entry with only properties reads as advisory (proto default 0) and lowers a mandatory policy", () => {
        const initial = new Map([["disallow-internet-egress", { enforcementLevel: fromProtoEnforcementLevel(0), properties: { allowedInternetEgressPorts: [443, 853] } }]]);
        const { config } = reconcilePolicyPackConfig([EGRESS], initial);
        assert.deepEqual(config?.get("disallow-internet-egress"), { enforcementLevel: "advisory", properties: { allowedInternetEgressPorts: [443, 853] } });
        assert.throws(() => fromProtoEnforcementLevel(7), /invalid enforcement level 7/);
    });

    test("remediate is a valid level for every policy, stack policies included", () => {
        const { config } = reconcilePolicyPackConfig([EGRESS, STACK], undefined, file({ all: "remediate" }));
        assert.deepEqual(levels(config), { "disallow-internet-egress": "remediate", "require-flow-logs": "remediate", all: "remediate" });
    });
});

describe("properties are reconciled and validated as config.go does it with gojsonschema", () => {
    test("schema defaults reach the properties, and the file's values replace them one level deep", () => {
        const withDefault = policy("p", "advisory", { properties: { ports: { type: "array", default: [443] }, mode: { type: "string", default: "strict" } } });
        assert.deepEqual(props(reconcilePolicyPackConfig([withDefault]).config, "p"), { ports: [443], mode: "strict" });
        const user = file({ p: { ports: [8443] } });
        assert.deepEqual(props(reconcilePolicyPackConfig([withDefault], undefined, user).config, "p"), { ports: [8443], mode: "strict" });
        assert.deepEqual(user.get("p")!.properties, { ports: [8443] }, "the user's config is not modified");
    });

    test("a wrongly typed value is refused, naming the pack, the policy and the property", () => {
        const user = file({ "disallow-internet-egress": { allowedInternetEgressPorts: "443" } });
        assert.deepEqual(reconcilePolicyPackConfig([EGRESS], undefined, user),
            { config: undefined, validationErrors: ["disallow-internet-egress: allowedInternetEgressPorts: Invalid type. Expected: array, given: string"] });
        const e = throwsConfigError(() => configurePolicyPack(PACK, [EGRESS], undefined, user));
        assert.equal(e.kind, "validation");
        assert.equal(e.message, "validating policy config: kill-chain 0.1.0  disallow-internet-egress: allowedInternetEgressPorts: Invalid type. Expected: array, given: string");
    });

    test("a default of the wrong type is refused too, since the merged config is what gets validated", () => {
        const bad = policy("p", "advisory", { properties: { foo: { type: "string", default: 1 } } });
        assert.deepEqual(reconcilePolicyPackConfig([bad]).validationErrors, ["p: foo: Invalid type. Expected: string, given: integer"]);
    });

    test("a required property must be present once defaults are in", () => {
        const schema = { properties: { registry: { type: "string" } }, required: ["registry"] };
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "mandatory", schema)]).validationErrors, ["p: registry is required"]);
        const defaulted = { properties: { registry: { type: "string", default: "123.dkr.ecr" } }, required: ["registry"] };
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "mandatory", defaulted)]).validationErrors, []);
    });

    test("validation errors are printed one per line, sorted, with the pack's name and version", () => {
        const schema = { properties: { foo: { type: "string", maxLength: 3 }, bar: { type: "integer" } } };
        const e = throwsConfigError(() => configurePolicyPack(PACK, [policy("foo-policy", "advisory", schema)], undefined, file({ "foo-policy": { foo: "too long", bar: 3.14 } })));
        assert.deepEqual(e.validationErrors, [
            "validating policy config: kill-chain 0.1.0  foo-policy: bar: Invalid type. Expected: integer, given: number",
            "validating policy config: kill-chain 0.1.0  foo-policy: foo: String length must be less than or equal to 3",
        ]);
    });

    test("enum, const and nested-item errors carry gojsonschema's wording and dotted field path", () => {
        const schema = { properties: { mode: { enum: ["strict", "<audit>"] }, tier: { const: "gold" }, ports: { type: "array", items: { type: "integer", minimum: 1 } } } };
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "advisory", schema)], undefined, file({ p: { mode: "off", tier: "tin", ports: [443, 0] } })).validationErrors, [
            `p: mode: mode must be one of the following: "strict", "\\u003caudit\\u003e"`,
            `p: tier: tier does not match: "gold"`,
            "p: ports.1: Must be greater than or equal to 1",
        ]);
    });

    test("a value of the wrong type reports only the type error, as gojsonschema stops at that node", () => {
        const schema = { properties: { mode: { type: "string", enum: ["strict"] } } };
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "advisory", schema)], undefined, file({ p: { mode: 1 } })).validationErrors,
            ["p: mode: Invalid type. Expected: string, given: integer"]);
    });

    test("numbers compare as exact decimals: 0.3 is a multiple of 0.1, 2.0 is an integer", () => {
        const schema = { properties: { step: { type: "number", multipleOf: 0.1 }, count: { type: "integer" } } };
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "advisory", schema)], undefined, file({ p: { step: 0.3, count: 2.0 } })).validationErrors, []);
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "advisory", schema)], undefined, file({ p: { step: 0.35 } })).validationErrors,
            ["p: step: Must be a multiple of 0.1"]);
    });

    test("a draft-4 boolean exclusiveMinimum is read as gojsonschema's hybrid draft reads it", () => {
        const schema = { properties: { ttl: { type: "number", minimum: 0, exclusiveMinimum: true } } };
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "advisory", schema)], undefined, file({ p: { ttl: 0 } })).validationErrors, ["p: ttl: Must be greater than 0"]);
    });

    test("formats are Go's parsers: a plain date is a date-time, Feb 30 is not, a number never passes a known format", () => {
        const schema = { properties: { at: { format: "date-time" } } };
        const errs = (at: unknown) => reconcilePolicyPackConfig([policy("p", "advisory", schema)], undefined, file({ p: { at } })).validationErrors;
        assert.deepEqual(errs("2024-02-29"), []);
        assert.deepEqual(errs("2024-02-30T10:00:00Z"), ["p: at: Does not match format 'date-time'"]);
        assert.deepEqual(errs(20240229), ["p: at: Does not match format 'date-time'"]);
    });

    test("a failed anyOf lists its own error and one branch's errors", () => {
        const schema = { properties: { port: { anyOf: [{ type: "string", minLength: 3 }, { type: "integer" }] } } };
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "advisory", schema)], undefined, file({ p: { port: "x" } })).validationErrors,
            ["p: port: String length must be greater than or equal to 3", "p: port: Must validate at least one schema (anyOf)"]);
    });

    test("a failed allOf adds its own error beside its branch's", () => {
        const schema = { properties: { name: { allOf: [{ type: "string" }, { maxLength: 1 }] } } };
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "advisory", schema)], undefined, file({ p: { name: "xy" } })).validationErrors,
            ["p: name: Must validate all the schemas (allOf)", "p: name: String length must be less than or equal to 1"]);
    });

    test("a oneOf that several branches pass lists only its own error, not the failing branch's", () => {
        const schema = { properties: { v: { oneOf: [{ type: "integer" }, { type: "string" }, { minLength: 1 }] } } };
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "advisory", schema)], undefined, file({ p: { v: "x" } })).validationErrors,
            ["p: v: Must validate one and only one schema (oneOf)"]);
    });

    test("uniqueItems reports every repeat, as gojsonschema does", () => {
        const schema = { properties: { ports: { type: "array", uniqueItems: true } } };
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "advisory", schema)], undefined, file({ p: { ports: [1, 2, 1, 1] } })).validationErrors,
            ["p: ports: array items[0,2] must be unique", "p: ports: array items[2,3] must be unique"]);
    });

    test("every policy's schema gets the engine's enforcementLevel property, so a bad one in the pack's initial properties is refused", () => {
        const initial = { p: { enforcementLevel: "advisory" as const, properties: { enforcementLevel: "loud" } } };
        assert.deepEqual(reconcilePolicyPackConfig([policy("p", "advisory")], initial).validationErrors,
            [`p: enforcementLevel: enforcementLevel must be one of the following: "advisory", "mandatory", "remediate", "disabled"`]);
    });

    test("a schema that cannot be compiled is an error naming the pack and the policy", () => {
        const e = throwsConfigError(() => configurePolicyPack(PACK, [policy("p", "advisory", { properties: { foo: { type: "strin" } } })]));
        assert.equal(e.kind, "schema");
        assert.match(e.message, /^reconciling policy config for "kill-chain" at "policy-packs\/kill-chain": .*\(policy "p": fix its configSchema\)$/);
    });
});

describe("config for names that are not policies, as config.go and Configure treat it", () => {
    test("an unknown name with a level is passed on to the pack unvalidated", () => {
        const user: PolicyConfigLayer = file({ "disalow-internet-egress": { enforcementLevel: "disabled", allowedInternetEgressPorts: "all" } });
        const configured = configurePolicyPack(PACK, [EGRESS], undefined, user);
        assert.deepEqual(Object.fromEntries(configured), {
            "disallow-internet-egress": { enforcementLevel: "mandatory", properties: { allowedInternetEgressPorts: [443] } },
            "disalow-internet-egress": { enforcementLevel: "disabled", properties: { allowedInternetEgressPorts: "all" } },
        });
    });

    test("an unknown name with properties but no level fails Configure with the CLI's error", () => {
        const e = throwsConfigError(() => configurePolicyPack(PACK, [EGRESS], undefined, file({ "disalow-internet-egress": { allowedInternetEgressPorts: [443] } })));
        assert.equal(e.kind, "configure");
        assert.equal(e.cliMessage, `configuring policy pack "kill-chain" at "policy-packs/kill-chain": invalid enforcement level ""`);
        assert.equal(e.policy, "disalow-internet-egress");
    });

    test("`all` with properties but no level fails Configure: `all` carries only a level", () => {
        const e = throwsConfigError(() => configurePolicyPack(PACK, [EGRESS], undefined, file({ all: { allowedInternetEgressPorts: [443] } })));
        assert.equal(e.cliMessage, `configuring policy pack "kill-chain" at "policy-packs/kill-chain": invalid enforcement level ""`);
        assert.equal(e.policy, "all");
    });
});

describe("the --policy-pack-config flags pair with --policy-pack as up.go validatePolicyPackConfig requires", () => {
    test("a config file needs a pack, and the counts must match", () => {
        assert.equal(policyPackConfigFlagsError([], []), undefined);
        assert.equal(policyPackConfigFlagsError(["a"], []), undefined);
        assert.equal(policyPackConfigFlagsError([], ["c.json"]), `"--policy-pack-config" must be specified with "--policy-pack"`);
        assert.equal(policyPackConfigFlagsError(["a", "b"], ["c.json"]), `the number of "--policy-pack-config" flags must match the number of "--policy-pack" flags`);
    });
});
