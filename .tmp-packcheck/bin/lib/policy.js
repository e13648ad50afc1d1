"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KILL_CHAIN_TITLES = exports.KILL_CHAIN_STEPS = void 0;
exports.resourcePolicy = resourcePolicy;
exports.stackPolicy = stackPolicy;
const unknowns_1 = require("./unknowns");
exports.KILL_CHAIN_STEPS = ["console", "creds", "s3", "mining", "evasion"];
exports.KILL_CHAIN_TITLES = {
    console: "Open admin console / public API",
    creds: "AWS credentials taken from the cluster",
    s3: "Telemetry buckets readable",
    mining: "Miners run and reach their pool",
    evasion: "Nobody notices",
};
function tagsOf(meta) {
    return [`kill-chain:${meta.step}`, ...meta.references];
}
function base(meta) {
    return {
        name: meta.name,
        description: `${meta.description} [kill chain: ${meta.step}]`,
        enforcementLevel: meta.enforcementLevel ?? "mandatory",
        severity: meta.severity,
        remediationSteps: meta.remediationSteps,
        url: meta.url,
        framework: meta.framework,
        tags: tagsOf(meta),
        ...(meta.configSchema ? { configSchema: meta.configSchema } : {}),
    };
}
/**
 * A resource policy that never gives up silently: known values are always checked; when no violation was found
 * but a value the verdict needed was unknown, it ends with a Deferral naming the resource and the value.
 */
function resourcePolicy(spec) {
    const types = new Set(spec.types);
    return {
        ...base(spec),
        validateResource: (args, reportViolation) => {
            if (!types.has(args.type))
                return;
            const reads = new unknowns_1.Reads();
            let violated = false;
            spec.check({ args, reads, report: (m) => { violated = true; reportViolation(m); } });
            if (!violated && reads.unknownPaths.length > 0)
                throw new unknowns_1.Deferral((0, unknowns_1.deferralMessage)(args.urn, reads.unknownPaths));
        },
    };
}
/** A stack policy with the same never-silent rule, per resource: unknowns on one resource never hide another's verdict. */
function stackPolicy(spec) {
    return {
        ...base(spec),
        validateStack: (args, reportViolation) => {
            const perResource = new Map();
            const violated = new Set();
            spec.check({
                args,
                reads: (r) => {
                    let reads = perResource.get(r.urn);
                    if (!reads)
                        perResource.set(r.urn, (reads = new unknowns_1.Reads()));
                    return reads;
                },
                report: (r, m) => {
                    if (r)
                        violated.add(r.urn);
                    reportViolation(m, r?.urn);
                },
            });
            const deferred = [];
            for (const [urn, reads] of perResource) {
                if (!violated.has(urn) && reads.unknownPaths.length > 0)
                    deferred.push((0, unknowns_1.deferralMessage)(urn, reads.unknownPaths));
            }
            if (deferred.length > 0)
                throw new unknowns_1.Deferral(deferred.join("; "));
        },
    };
}
//# sourceMappingURL=policy.js.map