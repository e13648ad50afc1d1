// Reports, beside the program's view of the run (the resource's inputs), the pack's own: isDryRun, project, stack,
// all config, one config value of the project and one of a provider, in resource and in stack validation.
const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");
const { PolicyPack } = require("@pulumi/policy");

const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

function facts(props) {
    return JSON.stringify({
        program: { dryRun: props.dryRun, project: props.project, stack: props.stack, allConfig: props.allConfig },
        pack: {
            dryRun: pulumi.runtime.isDryRun(), project: pulumi.getProject(), stack: pulumi.getStack(), allConfig: pulumi.runtime.allConfig(),
            greeting: new pulumi.Config().require("greeting"), region: aws.config.region,
        },
    });
}

new PolicyPack("fidelity-runtime-data", {
    policies: [
        {
            name: "report-facts-of-resource",
            description: "Reports the run's facts in resource validation.",
            enforcementLevel: "advisory",
            validateResource: (args, reportViolation) => {
                if (args.type === DYNAMIC) reportViolation(facts(args.props));
            },
        },
        {
            name: "report-facts-in-stack",
            description: "Reports the run's facts in stack validation.",
            enforcementLevel: "advisory",
            validateStack: (args, reportViolation) => {
                for (const r of args.resources) if (r.type === DYNAMIC) reportViolation(facts(r.props), r.urn);
            },
        },
    ],
});
