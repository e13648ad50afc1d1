// The passing steps of pulumi-policy's config test, one pair of policies per step (the test's resource-validation at
// level remediate, with remediateResource, and stack-validation at level mandatory), each with the step's schema and
// initial config; the step's --policy-pack-config document is in config.test.ts. Every policy records what getConfig
// returned, and the last two policies report the records as advisory violations for the test to read.
const { PolicyPack } = require("@pulumi/policy");

const STEPS = {
    1: { schema: { properties: { setting: { type: "string" } } } },
    2: { schema: { properties: { setting: { type: "string", default: "cloudy" } } } },
    3: { schema: { properties: { setting: { type: "number", default: 7 } } } },
    4: { schema: { properties: { setting: { type: "string", default: "cloudy" } } } },
    5: { schema: { properties: { setting: { type: "string", default: "cloudy" } }, required: ["setting"] } },
    16: { schema: { properties: { setting: { type: "number" } } } },
    17: { schema: { properties: { setting: { type: "number" } } } },
    18: { schema: { properties: { setting: { type: "integer" } } } },
    19: { schema: { properties: { setting: { type: "boolean" } } } },
    20: { schema: { properties: { setting: { type: "boolean" } } } },
    21: { schema: { properties: { setting: { type: "object" } } } },
    22: { schema: { properties: { setting: { type: "array" } } } },
    23: { schema: { properties: { setting: { type: "null" } } } },
    24: { schema: { properties: { setting: { type: "string" } } }, initial: { setting: "from the pack" } },
    25: { schema: { properties: { setting: { type: "string" } } }, initial: { setting: "from the pack" } },
};

const seen = { remediate: {}, resource: {}, stack: {} };
const WATCHED = "random:index/randomString:RandomString";

const policies = [];
const initialConfig = {};
for (const [step, { schema, initial }] of Object.entries(STEPS)) {
    policies.push({
        name: `resource-${step}`,
        description: `Records its config on the resource (step ${step}).`,
        enforcementLevel: "remediate",
        configSchema: schema,
        validateResource: (args) => {
            if (args.type === WATCHED) seen.resource[step] = args.getConfig();
        },
        remediateResource: (args) => {
            if (args.type === WATCHED) seen.remediate[step] = args.getConfig();
        },
    });
    policies.push({
        name: `stack-${step}`,
        description: `Records its config on the stack (step ${step}).`,
        enforcementLevel: "mandatory",
        configSchema: schema,
        validateStack: (args) => {
            seen.stack[step] = args.getConfig();
        },
    });
    if (initial) {
        initialConfig[`resource-${step}`] = initial;
        initialConfig[`stack-${step}`] = initial;
    }
}
// Policies run in order, so these see every record of the same call.
policies.push({
    name: "report-resource-config",
    description: "Reports the config the resource policies saw.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        if (args.type === WATCHED) reportViolation(JSON.stringify({ remediate: seen.remediate, resource: seen.resource }));
    },
});
policies.push({
    name: "report-stack-config",
    description: "Reports the config the stack policies saw.",
    enforcementLevel: "advisory",
    validateStack: (_args, reportViolation) => reportViolation(JSON.stringify({ stack: seen.stack })),
});

new PolicyPack("fidelity-config", { policies }, initialConfig);
