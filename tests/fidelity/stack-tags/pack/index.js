// Reports the stack tags (args.stackTags, a ReadonlyMap) that resource and stack validation see.
const { PolicyPack } = require("@pulumi/policy");

const tags = (args) => JSON.stringify(Object.fromEntries(args.stackTags));

new PolicyPack("fidelity-stack-tags", {
    policies: [
        {
            name: "report-tags-of-resource",
            description: "Reports the stack tags in resource validation.",
            enforcementLevel: "advisory",
            validateResource: (args, reportViolation) => {
                if (args.type === "pulumi-nodejs:dynamic:Resource") reportViolation(tags(args));
            },
        },
        {
            name: "report-tags-in-stack",
            description: "Reports the stack tags in stack validation.",
            enforcementLevel: "advisory",
            validateStack: (args, reportViolation) => reportViolation(tags(args)),
        },
    ],
});
