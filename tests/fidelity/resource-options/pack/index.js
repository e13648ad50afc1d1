// Reports the options (args.opts) resource and stack validation see for each resource.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("fidelity-resource-options", {
    policies: [
        {
            name: "report-options-of-resource",
            description: "Reports the options in resource validation.",
            enforcementLevel: "advisory",
            validateResource: (args, reportViolation) => reportViolation(JSON.stringify(args.opts)),
        },
        {
            name: "report-options-in-stack",
            description: "Reports every resource's options in stack validation.",
            enforcementLevel: "advisory",
            validateStack: (args, reportViolation) => {
                reportViolation(JSON.stringify(Object.fromEntries(args.resources.map((r) => [r.urn, r.opts]))));
            },
        },
    ],
});
