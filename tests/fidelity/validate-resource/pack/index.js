// validateResource as pulumi-policy's validate_resource test uses it: several policies, a policy with several
// validation functions, a typed helper, a URN passed to reportViolation, isType/asType, and a > 4 MiB input.
const { PolicyPack, validateResourceOfType } = require("@pulumi/policy");
const random = require("@pulumi/random");

const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

function forbidTier(tier) {
    return (args, reportViolation) => {
        if (args.type === DYNAMIC && args.props.tier === tier) reportViolation(`'tier' must not be ${tier}.`);
    };
}

new PolicyPack("fidelity-validate-resource", {
    policies: [
        {
            name: "forbid-gold-tier",
            description: "Prohibits the gold tier on dynamic resources.",
            enforcementLevel: "mandatory",
            validateResource: forbidTier("gold"),
        },
        {
            name: "forbid-silver-tier",
            description: "Prohibits the silver tier on dynamic resources.",
            enforcementLevel: "mandatory",
            validateResource: forbidTier("silver"),
        },
        {
            name: "forbid-bronze-or-copper-tier",
            description: "Prohibits the bronze and copper tiers on dynamic resources.",
            enforcementLevel: "mandatory",
            validateResource: [forbidTier("bronze"), forbidTier("copper")],
        },
        {
            name: "require-uuid-keepers",
            description: "Prohibits a RandomUuid without keepers.",
            enforcementLevel: "mandatory",
            validateResource: validateResourceOfType(random.RandomUuid, (uuid, _args, reportViolation) => {
                if (!uuid.keepers || Object.keys(uuid.keepers).length === 0) reportViolation("A RandomUuid needs at least one keeper.");
            }),
        },
        {
            name: "forbid-tin-tier",
            description: "Prohibits the tin tier on dynamic resources.",
            enforcementLevel: "mandatory",
            validateResource: (args, reportViolation) => {
                // A resource policy's violation belongs to the resource analysed, whatever URN is passed here.
                if (args.type === DYNAMIC && args.props.tier === "tin") reportViolation("'tier' must not be tin.", "urn:pulumi:elsewhere::nowhere::x:y:Z::other");
            },
        },
        {
            name: "check-password-typing",
            description: "Fails the run unless isType and asType see a RandomPassword of length 40.",
            enforcementLevel: "mandatory",
            validateResource: (args) => {
                if (args.type !== "random:index/randomPassword:RandomPassword") return;
                if (!args.isType(random.RandomPassword)) throw new Error("isType(RandomPassword) returned false");
                const password = args.asType(random.RandomPassword);
                if (!password) throw new Error("asType(RandomPassword) returned undefined");
                if (password.length !== 40) throw new Error(`length is ${password.length}, not 40`);
            },
        },
        {
            name: "check-large-payload",
            description: "Fails the run unless a 5 MiB input arrives whole.",
            enforcementLevel: "mandatory",
            validateResource: (args) => {
                if (args.type !== DYNAMIC || args.props.tier !== "lead") return;
                const want = 5 * 1024 * 1024;
                if (args.props.payload.length !== want) throw new Error(`payload has ${args.props.payload.length} characters, not ${want}`);
            },
        },
    ],
});
