// One invalid pack per step of pulumi-policy's invalid_policy test, chosen by the stack's `scenario` config as
// upstream chooses it: a policy named "all", and `enforcementLevel` in a config schema's properties or required list.
// The PolicyPack constructor refuses each, so no policy is ever called.
const pulumi = require("@pulumi/pulumi");
const { PolicyPack } = require("@pulumi/policy");

const never = () => { throw new Error("must not run"); };

const POLICIES = {
    1: { name: "all", description: "A policy with the reserved name.", enforcementLevel: "mandatory", validateResource: never },
    2: {
        name: "level-in-properties", description: "Declares enforcementLevel as a config property.", enforcementLevel: "mandatory",
        configSchema: { properties: { enforcementLevel: { type: "string" } } }, validateResource: never,
    },
    3: {
        name: "level-required", description: "Requires enforcementLevel in its config.", enforcementLevel: "mandatory",
        configSchema: { properties: { owner: { type: "string" } }, required: ["enforcementLevel"] }, validateResource: never,
    },
};

new PolicyPack("fidelity-invalid-policy", { policies: [POLICIES[new pulumi.Config().requireNumber("scenario")]] });
