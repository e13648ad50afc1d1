// validateStack as pulumi-policy's validate_stack test uses it: violations with and without a URN, typed helpers,
// isType/asType, the filtering of args.resources by validateStackResourcesOfType, and a stack policy at level
// `remediate`.
const { PolicyPack, validateStackResourcesOfType } = require("@pulumi/policy");
const random = require("@pulumi/random");

const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

function dynamicWith(args, key, value) {
    return args.resources.filter((r) => r.type === DYNAMIC && r.props[key] === value);
}

new PolicyPack("fidelity-validate-stack", {
    policies: [
        {
            name: "forbid-gold-tier",
            description: "Prohibits the gold tier on dynamic resources.",
            enforcementLevel: "mandatory",
            validateStack: (args, reportViolation) => {
                dynamicWith(args, "tier", "gold").forEach(() => reportViolation("'tier' must not be gold."));
            },
        },
        {
            name: "forbid-silver-tier",
            description: "Prohibits the silver tier on dynamic resources.",
            enforcementLevel: "mandatory",
            validateStack: (args, reportViolation) => {
                dynamicWith(args, "tier", "silver").forEach(() => reportViolation("'tier' must not be silver."));
            },
        },
        {
            name: "forbid-bronze-tier",
            description: "Prohibits the bronze tier on dynamic resources.",
            enforcementLevel: "mandatory",
            validateStack: (args, reportViolation) => {
                // The resource's URN: the violation is attributed to it.
                for (const r of dynamicWith(args, "tier", "bronze")) reportViolation("'tier' must not be bronze.", r.urn);
            },
        },
        {
            name: "require-uuid-keepers",
            description: "Prohibits a RandomUuid without keepers.",
            enforcementLevel: "mandatory",
            validateStack: validateStackResourcesOfType(random.RandomUuid, (uuids, _args, reportViolation) => {
                for (const uuid of uuids) {
                    if (!uuid.keepers || Object.keys(uuid.keepers).length === 0) reportViolation("A RandomUuid needs at least one keeper.");
                }
            }),
        },
        {
            name: "forbid-random-strings",
            description: "Prohibits RandomString resources.",
            enforcementLevel: "mandatory",
            validateStack: (args, reportViolation) => {
                if (args.resources.some((r) => r.isType(random.RandomString))) reportViolation("Use a RandomPassword instead of a RandomString.");
            },
        },
        {
            name: "check-password-typing",
            description: "Fails the run unless isType and asType see a RandomPassword of length 40.",
            enforcementLevel: "mandatory",
            validateStack: (args) => {
                for (const r of args.resources) {
                    if (r.type !== "random:index/randomPassword:RandomPassword") continue;
                    if (!r.isType(random.RandomPassword)) throw new Error("isType(RandomPassword) returned false");
                    const password = r.asType(random.RandomPassword);
                    if (!password) throw new Error("asType(RandomPassword) returned undefined");
                    if (password.length !== 40) throw new Error(`length is ${password.length}, not 40`);
                }
            },
        },
        {
            name: "check-type-filtering",
            description: "Fails the run unless validateStackResourcesOfType hands over exactly the RandomIntegers.",
            enforcementLevel: "mandatory",
            validateStack: validateStackResourcesOfType(random.RandomInteger, (dice, args) => {
                if (dice.length !== args.resources.length) throw new Error(`${dice.length} typed resources but ${args.resources.length} in args.resources`);
                dice.forEach((die, i) => {
                    if (die !== args.resources[i].props) throw new Error(`typed resource ${i} is not args.resources[${i}].props`);
                    if (args.resources[i].type !== "random:index/randomInteger:RandomInteger") throw new Error(`args.resources[${i}] is a ${args.resources[i].type}`);
                });
            }),
        },
        {
            name: "forbid-raised-flag",
            description: "Prohibits a raised flag on dynamic resources.",
            // A stack policy cannot remediate: the engine reports this level as mandatory.
            enforcementLevel: "remediate",
            validateStack: (args, reportViolation) => {
                dynamicWith(args, "flag", "raised").forEach(() => reportViolation("'flag' must not be raised."));
            },
        },
    ],
});
