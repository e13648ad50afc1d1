// The failing steps of pulumi-policy's config test, one pair of policies per step (as in ../pack), each with the
// step's schema; the step's --policy-pack-config document is in config.test.ts. The CLI validates every policy's
// config before the program runs, so no policy here is ever called.
const { PolicyPack } = require("@pulumi/policy");

const STEPS = {
    6: { properties: { setting: { type: "string" } }, required: ["setting"] },
    7: { properties: { setting: { type: "string", default: 7 } } },
    8: { properties: { setting: { type: "string", maxLength: 4, default: "far too long" } } },
    9: { properties: { setting: { type: "string", minLength: 40, default: "far too short" } } },
    10: { properties: { setting: { type: "string", enum: ["north", "south"], default: "east" } } },
    11: { properties: { setting: { const: "north", default: "east" } } },
    12: { properties: { setting: { type: "string" } } },
    13: { properties: { setting: { type: "string", enum: ["north", "south"] } } },
    14: { properties: { setting: { const: "north" } } },
    15: { properties: { setting: { type: "string", maxLength: 4 }, count: { type: "integer" } } },
};

const never = (name) => () => { throw new Error(`${name} must not run: its config is invalid`); };

const policies = [];
for (const [step, configSchema] of Object.entries(STEPS)) {
    policies.push({
        name: `resource-${step}`, description: `Invalid config (step ${step}).`, enforcementLevel: "remediate", configSchema,
        validateResource: never(`resource-${step}`), remediateResource: never(`resource-${step}`),
    });
    policies.push({
        name: `stack-${step}`, description: `Invalid config (step ${step}).`, enforcementLevel: "mandatory", configSchema,
        validateStack: never(`stack-${step}`),
    });
}

new PolicyPack("fidelity-config-invalid", { policies });
