"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PUBLIC_ACCESS_BLOCK_FLAGS = void 0;
exports.attachedTo = attachedTo;
const aws_types_1 = require("./aws-types");
const unknowns_1 = require("./unknowns");
exports.PUBLIC_ACCESS_BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
/**
 * Resources of `types` whose `prop` (default `bucket`) refers to `bucket`. A resource that took `prop` from some
 * bucket resource is matched only through the dependency graph; one that did not is matched by name.
 */
function attachedTo(bucket, all, types, reads, prop = "bucket") {
    const candidates = all.filter((r) => types.includes(r.type));
    const out = [];
    let undecided = false;
    let bucketName;
    let nameRead = false;
    for (const r of candidates) {
        const deps = r.propertyDependencies?.[prop] ?? [];
        if (deps.some((d) => aws_types_1.BUCKET_TYPES.includes(d.type))) {
            if (deps.some((d) => d.urn === bucket.urn))
                out.push(r);
            continue;
        }
        const target = reads(r).get(prop, () => r.props[prop]);
        if (!nameRead) {
            bucketName = reads(bucket).get("bucket", () => bucket.props.bucket);
            nameRead = true;
        }
        if (target === unknowns_1.UNKNOWN || bucketName === unknowns_1.UNKNOWN)
            undecided = true;
        else if (typeof target === "string" && target === bucketName)
            out.push(r);
    }
    return { resources: out, undecided };
}
//# sourceMappingURL=buckets.js.map