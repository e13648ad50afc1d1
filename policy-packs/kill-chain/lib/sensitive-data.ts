/**
 * Which buckets hold sensitive data, and which workloads are designated to read them: from the bucket's tags
 * (`hardened-stack/data-class: sensitive`, `hardened-stack/readers: "<namespace>/<serviceAccount> ..."`) or from the
 * policy's config (bucket name patterns and reader service accounts). The defaults mark the reference stack's
 * telemetry bucket and its one reader, so a program that follows the reference is judged without any config.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { matches } from "./iam-match";
import type { BucketNode } from "./path-model";

export const DATA_CLASS_TAG = "hardened-stack/data-class";
export const READERS_TAG = "hardened-stack/readers";

export const DEFAULT_SENSITIVE_BUCKETS = ["*-telemetry-*"];
export const DEFAULT_DESIGNATED_READERS = ["telemetry/telemetry-reader"];

export const SENSITIVE_BUCKETS_SCHEMA: PolicyConfigSchema["properties"] = {
    sensitiveBuckets: {
        type: "array", items: { type: "string" }, default: DEFAULT_SENSITIVE_BUCKETS,
        description: `Bucket names (or Pulumi resource names) holding sensitive data; * and ? are wildcards. A bucket tagged ${DATA_CLASS_TAG}=sensitive is sensitive too.`,
    },
};

export const DESIGNATED_READERS_SCHEMA: PolicyConfigSchema["properties"] = {
    designatedReaders: {
        type: "array", items: { type: "string" }, default: DEFAULT_DESIGNATED_READERS,
        description: `Service accounts ("<namespace>/<name>") that may read every sensitive bucket; a bucket's ${READERS_TAG} tag adds readers for it alone.`,
    },
};

/** Whether the bucket is sensitive: tagged so, or its bucket name or resource name matches a configured pattern. */
export function isSensitive(b: BucketNode, patterns: readonly string[]): boolean {
    const tag = Object.entries(b.tags).find(([k]) => k.toLowerCase() === DATA_CLASS_TAG)?.[1];
    if (tag?.toLowerCase() === "sensitive") return true;
    return patterns.some((p) => (b.bucket !== undefined && matches(p, b.bucket)) || matches(p, b.name));
}

/**
 * Buckets whose sensitivity waits for `up`: not matched by a pattern, and tags unknown in this preview (a sensitive
 * tag may be among them). A policy defers on them, naming `tags`.
 */
export function sensitivityUnknown(buckets: readonly BucketNode[], patterns: readonly string[]): BucketNode[] {
    return buckets.filter((b) => b.tagsUnknown && !isSensitive(b, patterns));
}

/** The designated readers of a bucket: the configured ones plus its own tag's. */
export function designatedReaders(b: BucketNode, configured: readonly string[]): string[] {
    const tag = Object.entries(b.tags).find(([k]) => k.toLowerCase() === READERS_TAG)?.[1] ?? "";
    return [...configured, ...tag.split(/[\s,]+/).filter((x) => x !== "")];
}
