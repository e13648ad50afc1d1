// The policy packs of pulumi-policy's enforcementlevel test, one per pack-level enforcement (advisory, disabled,
// mandatory, or none set): each has a resource and a stack policy per policy-level enforcement (the same four), all of
// which report a violation. A policy the levels disable must never be called: it fails the run if it is.
const { PolicyPack } = require("@pulumi/policy");

const LEVELS = ["advisory", "disabled", "mandatory", undefined];

module.exports = function levelPack(packLevel) {
    const policies = [];
    for (const level of LEVELS) {
        const suffix = level ?? "unset";
        const disabled = level === "disabled" || (level === undefined && packLevel === "disabled");
        const levelOption = level ? { enforcementLevel: level } : {};
        policies.push({
            ...levelOption,
            name: `every-resource-${suffix}`,
            description: "Reports every resource.",
            validateResource: (args, reportViolation) => {
                if (disabled) throw new Error(`every-resource-${suffix} is disabled and must not run`);
                reportViolation(`resource ${args.name} reported`);
            },
        });
        policies.push({
            ...levelOption,
            name: `whole-stack-${suffix}`,
            description: "Reports the stack.",
            validateStack: (args, reportViolation) => {
                if (disabled) throw new Error(`whole-stack-${suffix} is disabled and must not run`);
                reportViolation(`stack of ${args.resources.length} resources reported`);
            },
        });
    }
    new PolicyPack(`fidelity-level-${packLevel ?? "unset"}`, { ...(packLevel ? { enforcementLevel: packLevel } : {}), policies });
};
