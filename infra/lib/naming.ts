import { createHash } from "node:crypto";
import { AwsEnvironment } from "./aws";
import { ValidationError } from "./validation";

/**
 * Deterministic, globally unique resource names (S3 bucket names are global per partition, so a name squatted by
 * another account would make `pulumi up` fail or, worse, write into someone else's bucket).
 */

/** S3 general purpose bucket names: 3-63 characters. */
export const MAX_BUCKET_NAME_LENGTH = 63;

/** Prefixes S3 reserves (punycode, internal names, documentation examples). */
export const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;

/**
 * Suffixes S3 reserves for access point aliases, Object Lambda, Multi-Region Access Points, directory and table
 * buckets, and (`-an`) names in the account-regional bucket namespace.
 */
export const RESERVED_BUCKET_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3", "-an"] as const;

const HASH_LENGTH = 8;

/**
 * Why `name` is not a bucket name this project accepts, or undefined when it is one.
 * Stricter than S3 in one way: dots are refused, because a dotted name breaks TLS certificate matching for
 * virtual-hosted-style requests (`*.s3.amazonaws.com` covers one label only).
 */
export function bucketNameProblem(name: string): string | undefined {
    if (name.length < 3 || name.length > MAX_BUCKET_NAME_LENGTH) return "must be 3-63 characters long";
    if (!/^[a-z0-9-]+$/.test(name)) return "must contain only lowercase letters, digits and hyphens (no dots, which break TLS for virtual-hosted requests)";
    if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must begin and end with a letter or digit";
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "must not be formatted as an IP address";
    const prefix = RESERVED_BUCKET_PREFIXES.find((p) => name.startsWith(p));
    if (prefix) return `must not start with the reserved prefix '${prefix}'`;
    const suffix = RESERVED_BUCKET_SUFFIXES.find((s) => name.endsWith(s));
    if (suffix) return `must not end with the reserved suffix '${suffix}'`;
    return undefined;
}

/** Throws a ValidationError naming `setting` unless `value` is an acceptable bucket name. */
export function validateBucketName(value: unknown, setting: string): string {
    if (typeof value !== "string") throw new ValidationError(setting, value, "must be a string S3 bucket name");
    const problem = bucketNameProblem(value);
    if (problem) throw new ValidationError(setting, value, `S3 bucket name ${problem}`);
    return value;
}

/** Lowercase, hyphen-separated, no leading/trailing/double hyphens: the canonical form of one name segment. */
export function slug(part: string): string {
    return part.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

function shortHash(input: unknown): string {
    return createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, HASH_LENGTH);
}

/**
 * `<readable prefix>-<hash>`, at most 63 characters. The hash covers the raw inputs, so two inputs that slug to the
 * same text (`Dev` and `dev`) or are cut at the same place still get different names.
 */
function hashedName(readable: string, hashInput: unknown, maxLength: number): string {
    const hash = shortHash(hashInput);
    let prefix = readable.slice(0, maxLength - HASH_LENGTH - 1).replace(/-+$/, "");
    if (prefix === "") prefix = "b";
    if (RESERVED_BUCKET_PREFIXES.some((p) => `${prefix}-`.startsWith(p))) {
        prefix = `b-${prefix}`.slice(0, maxLength - HASH_LENGTH - 1).replace(/-+$/, "");
    }
    return `${prefix}-${hash}`;
}

export interface GlobalNameParts {
    /** Pulumi project, e.g. `hardened-stack`. */
    project: string;
    /** Pulumi stack, e.g. `dev`. */
    stack: string;
    /** What the resource is for, e.g. `telemetry`. */
    purpose: string;
    env: Pick<AwsEnvironment, "accountId" | "region">;
}

const CANONICAL_MULTI = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CANONICAL_SINGLE = /^[a-z0-9]+$/;
const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * `<project>-<stack>-<purpose>-<account>-<region>`, e.g. `hardened-stack-dev-telemetry-111122223333-eu-west-1`:
 * a valid S3 bucket name that is the same on every run and different for every account, region and stack.
 *
 * The readable form is used only when it can be parsed back unambiguously (stack and purpose without hyphens,
 * every part already lowercase, a 12-digit account and a region like `eu-west-1`) and fits in 63 characters.
 * Otherwise the name is a readable prefix plus a hash of all the raw parts, so distinct inputs never collide:
 * a readable name always ends in the region's 1-2 digit number and a hashed one in an 8-character hash.
 */
export function globalName(parts: GlobalNameParts): string {
    return composeName(parts.project, [parts.stack, parts.purpose], parts.env);
}

export interface AccountRegionalNameParts {
    /** Lowercase prefix, hyphens allowed, e.g. `hardened-stack-dev`. */
    prefix: string;
    /** One lowercase word, e.g. `trail`. */
    purpose: string;
    env: Pick<AwsEnvironment, "accountId" | "region">;
}

/** `<prefix>-<purpose>-<account>-<region>`, with the same readable-or-hashed rule as `globalName`. */
export function accountRegionalName(parts: AccountRegionalNameParts): string {
    return composeName(parts.prefix, [parts.purpose], parts.env);
}

function composeName(lead: string, words: string[], env: Pick<AwsEnvironment, "accountId" | "region">): string {
    const { accountId, region } = env;
    const readable = [lead, ...words, accountId, region].map(slug).filter((s) => s !== "").join("-");
    const unambiguous = CANONICAL_MULTI.test(lead) && words.every((w) => CANONICAL_SINGLE.test(w))
        && ACCOUNT_ID.test(accountId) && REGION.test(region);
    if (unambiguous && bucketNameProblem(readable) === undefined) return readable;
    return hashedName(readable, [words.length, lead, ...words, accountId, region], MAX_BUCKET_NAME_LENGTH);
}

/**
 * A bucket name derived from another one, e.g. its access-log bucket: `<base>-<suffix>` when that fits, otherwise
 * the base shortened with a hash of both. `suffix` must be a slug (lowercase letters, digits, inner hyphens).
 */
export function derivedBucketName(base: string, suffix: string): string {
    if (!CANONICAL_MULTI.test(suffix) || suffix.length > 20 || RESERVED_BUCKET_SUFFIXES.some((s) => `-${suffix}`.endsWith(s))) {
        throw new ValidationError("derivedBucketName.suffix", suffix, "must be at most 20 lowercase letters and digits separated by single hyphens, not a reserved S3 suffix");
    }
    const candidate = `${slug(base)}-${suffix}`;
    if (slug(base) !== "" && slug(base) === base && bucketNameProblem(candidate) === undefined) return candidate;
    // The suffix is kept readable after the hash so a reader can still tell the log bucket from its source.
    const room = MAX_BUCKET_NAME_LENGTH - suffix.length - 1;
    return `${hashedName(slug(base), ["derived", base, suffix], room)}-${suffix}`;
}
