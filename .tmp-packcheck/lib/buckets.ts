/**
 * Finding the configuration resources of an S3 bucket (public access block, ownership controls, encryption,
 * policy, logging) in a stack. @pulumi/aws 7 configures a bucket through separate resources, so a bucket's verdict
 * depends on which of them point at it: first through propertyDependencies (works in any preview), then, for
 * programs that pass the bucket name as a literal, by comparing known names.
 */
import type { PolicyResource } from "@pulumi/policy";
import { BUCKET_TYPES } from "./aws-types";
import { Reads, UNKNOWN } from "./unknowns";

export const PUBLIC_ACCESS_BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export interface Attached {
    resources: PolicyResource[];
    /** True when a literal-name match could not be decided because a name is unknown in this preview. */
    undecided: boolean;
}

/**
 * Resources of `types` whose `prop` (default `bucket`) refers to `bucket`. A resource that took `prop` from some
 * bucket resource is matched only through the dependency graph; one that did not is matched by name.
 */
export function attachedTo(bucket: PolicyResource, all: readonly PolicyResource[], types: readonly string[],
    reads: (r: PolicyResource) => Reads, prop = "bucket"): Attached {
    const candidates = all.filter((r) => types.includes(r.type));
    const out: PolicyResource[] = [];
    let undecided = false;
    let bucketName: unknown;
    let nameRead = false;
    for (const r of candidates) {
        const deps = r.propertyDependencies?.[prop] ?? [];
        if (deps.some((d) => BUCKET_TYPES.includes(d.type as (typeof BUCKET_TYPES)[number]))) {
            if (deps.some((d) => d.urn === bucket.urn)) out.push(r);
            continue;
        }
        const target = reads(r).get(prop, () => r.props[prop]);
        if (!nameRead) {
            bucketName = reads(bucket).get("bucket", () => bucket.props.bucket);
            nameRead = true;
        }
        if (target === UNKNOWN || bucketName === UNKNOWN) undecided = true;
        else if (typeof target === "string" && target === bucketName) out.push(r);
    }
    return { resources: out, undecided };
}
