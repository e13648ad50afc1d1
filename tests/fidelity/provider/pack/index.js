// Reports what resource and stack validation see of each resource's provider: type, name, URN, and its inputs'
// keys and `version`.
const { PolicyPack } = require("@pulumi/policy");

function providerOf(r) {
    if (r.provider === undefined) return null;
    const { type, name, urn, props } = r.provider;
    return { type, name, urn, keys: Object.keys(props).sort(), version: props.version ?? null };
}

new PolicyPack("fidelity-provider", {
    policies: [
        {
            name: "report-provider-of-resource",
            description: "Reports the provider in resource validation.",
            enforcementLevel: "advisory",
            validateResource: (args, reportViolation) => reportViolation(JSON.stringify(providerOf(args))),
        },
        {
            name: "report-providers-in-stack",
            description: "Reports every resource's provider in stack validation.",
            enforcementLevel: "advisory",
            validateStack: (args, reportViolation) => {
                reportViolation(JSON.stringify(Object.fromEntries(args.resources.map((r) => [r.urn, providerOf(r)]))));
            },
        },
    ],
});
