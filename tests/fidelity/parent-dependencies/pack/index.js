// Reports, for every resource stack validation sees, its parent, dependencies and property dependencies as URNs,
// and whether each is the very PolicyResource of args.resources it names (as upstream asserts with strictEqual).
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("fidelity-parent-dependencies", {
    policies: [
        {
            name: "report-relations",
            description: "Reports each resource's parent and dependencies.",
            enforcementLevel: "advisory",
            validateStack: (args, reportViolation) => {
                const own = (r) => args.resources.includes(r);
                const relations = args.resources.map((r) => ({
                    urn: r.urn,
                    parent: r.parent ? r.parent.urn : null,
                    dependencies: r.dependencies.map((d) => d.urn),
                    propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => d.urn)])),
                    allResourcesOfTheStack: (!r.parent || own(r.parent)) && r.dependencies.every(own)
                        && Object.values(r.propertyDependencies).every((v) => v.every(own)),
                }));
                reportViolation(JSON.stringify(relations));
            },
        },
    ],
});
