/**
 * Whether an ECR image comes from a registry the stack owns: an account and region the stack deploys into
 * (lib/stack-owner.ts), not through a pull-through cache of a public registry, unless the pack config allows it.
 * Images outside ECR are require-approved-image-registries' concern. Pure: the stack's facts are gathered once, then
 * each image is one lookup.
 */
import type { PolicyResource } from "@pulumi/policy";
import { ecrImage, isPublicUpstream, underPrefix } from "./ecr";
import { isFromAllowedRegistry } from "./k8s-images";
import { StackOwner } from "./stack-owner";
import { isUnknownSentinel } from "./unknowns";

export const PULL_THROUGH_CACHE_RULE = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule";

export interface PublicCache {
    prefix: string;
    upstream: string;
}

function known(read: () => unknown): string | undefined {
    try {
        const v = read();
        return typeof v === "string" && !isUnknownSentinel(v) ? v : undefined;
    } catch {
        return undefined;
    }
}

/** Pull-through cache rules of the stack that mirror a public registry, except the allowed prefixes. */
export function publicCaches(resources: readonly PolicyResource[], allowedPrefixes: readonly string[]): PublicCache[] {
    const out: PublicCache[] = [];
    for (const r of resources) {
        if (r.type !== PULL_THROUGH_CACHE_RULE) continue;
        const prefix = known(() => r.props.ecrRepositoryPrefix);
        const upstream = known(() => r.props.upstreamRegistryUrl);
        if (prefix === undefined || upstream === undefined || !isPublicUpstream(upstream)) continue;
        if (allowedPrefixes.some((p) => p.toLowerCase() === prefix.toLowerCase())) continue;
        out.push({ prefix, upstream });
    }
    return out;
}

export interface RegistryRules {
    owner: StackOwner;
    /** Extra registries (regular expressions over the whole reference) the pack config allows. */
    allowed: readonly string[];
    caches: readonly PublicCache[];
}

/** Why an ECR image is not from a registry the stack owns; undefined when it is, or is not an ECR image. */
export function foreignImage(image: string, rules: RegistryRules): string | undefined {
    const ecr = ecrImage(image);
    if (!ecr || isFromAllowedRegistry(image, rules.allowed)) return undefined;
    const { accounts, regions } = rules.owner;
    if (accounts.size === 0 || regions.size === 0) {
        return `the stack's own ${accounts.size === 0 ? "account" : "region"} cannot be told from its resources (set the AWS provider's `
            + "allowedAccountIds and region, or list the registry in allowedImageRegistries)";
    }
    if (!accounts.has(ecr.account)) return `account ${ecr.account} is not the stack's own (${[...accounts].join(", ")})`;
    if (!regions.has(ecr.region)) return `region ${ecr.region} is not the stack's own (${[...regions].join(", ")})`;
    const cache = rules.caches.find((c) => underPrefix(ecr.repository, c.prefix));
    if (cache) return `repository prefix ${cache.prefix} is a pull-through cache of the public registry ${cache.upstream}`;
    return undefined;
}
