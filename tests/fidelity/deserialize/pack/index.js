// Reports what remediation, resource validation and stack validation get for a secret, assets and archives: the
// secret's plain value, and each asset or archive as an instance of its @pulumi/pulumi class with its path or text.
const pulumi = require("@pulumi/pulumi");
const { PolicyPack } = require("@pulumi/policy");

const DYNAMIC = "pulumi-nodejs:dynamic:Resource";
const { Asset, Archive } = pulumi.asset;

// @pulumi/policy hands properties over behind proxies (unknown checks; in remediation, secret preservation too), and
// a proxied promise cannot be awaited: an asset's path or text is read from the proxies' target (proxy.ts).
function unwrap(v) {
    while (v instanceof Object && v.__isSpecialProxy === true) v = v.__getSpecialProxyTarget;
    return v;
}

async function entry(v) {
    const raw = unwrap(v);
    if (!Asset.isInstance(raw) && !Archive.isInstance(raw)) return { class: null, value: v };
    const out = { class: raw.constructor.name };
    for (const k of ["path", "text"]) if (raw[k] !== undefined) out[k] = await raw[k];
    return out;
}

async function describe(props) {
    const out = {};
    // Keys starting "__" (the dynamic provider's own) are not what this test is about.
    for (const k of Object.keys(props).filter((x) => !x.startsWith("__")).sort()) out[k] = await entry(props[k]);
    return out;
}

// Filled by the remediate-level policy, then reported by the next one (policies run in order on each call).
const seen = { remediate: null, resource: null };

new PolicyPack("fidelity-deserialize", {
    enforcementLevel: "mandatory",
    policies: [
        {
            name: "read-resource-inputs",
            description: "Reads the inputs remediation and resource validation get.",
            enforcementLevel: "remediate",
            remediateResource: async (args) => {
                if (args.type === DYNAMIC) seen.remediate = await describe(args.props);
            },
            validateResource: async (args) => {
                if (args.type === DYNAMIC) seen.resource = await describe(args.props);
            },
        },
        {
            name: "report-resource-inputs",
            description: "Reports the inputs remediation and resource validation got.",
            enforcementLevel: "advisory",
            validateResource: (args, reportViolation) => {
                if (args.type === DYNAMIC) reportViolation(JSON.stringify(seen));
            },
        },
        {
            name: "report-stack-outputs",
            description: "Reports the outputs stack validation gets.",
            enforcementLevel: "advisory",
            validateStack: async (args, reportViolation) => {
                for (const r of args.resources) if (r.type === DYNAMIC) reportViolation(JSON.stringify(await describe(r.props)), r.urn);
            },
        },
    ],
});
