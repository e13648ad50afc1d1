/**
 * Amazon ECR as the pack judges it: which account and region an image reference pulls from, which repositories a
 * pull-through cache rule fills from an upstream registry, and which actions write to a repository.
 * Pure: strings in, facts out.
 */

export interface EcrImage {
    account: string;
    region: string;
    /** Repository path below the registry host, e.g. `docker-hub/library/nginx`. */
    repository: string;
}

// <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/<repository>[:tag|@digest]
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/;

/** The private ECR registry an image reference pulls from; undefined for any other registry. */
export function ecrImage(image: string): EcrImage | undefined {
    const m = ECR_IMAGE.exec(image.trim().toLowerCase());
    return m ? { account: m[1]!, region: m[2]!, repository: m[3]! } : undefined;
}

/**
 * Actions that change what a repository serves (push, delete, re-point, replicate) or who may do so. Any of them
 * granted to "*" lets anyone replace the image a cluster runs.
 */
export const ECR_WRITE_ACTIONS: readonly string[] = [
    "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchDeleteImage",
    "ecr:DeleteRepository", "ecr:SetRepositoryPolicy", "ecr:DeleteRepositoryPolicy", "ecr:PutImageTagMutability",
    "ecr:ReplicateImage", "ecr:CreateRepository", "ecr:BatchImportUpstreamImage", "ecr:PutLifecyclePolicy",
];

/**
 * Upstream registries an ECR pull-through cache rule can mirror (ECR's `upstreamRegistryUrl` values). All but a
 * private ECR registry serve images anyone can publish: a cache of them only makes a public image look private.
 */
export function isPublicUpstream(upstreamUrl: string): boolean {
    return !/^\d{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/i.test(upstreamUrl.trim());
}

/** Whether a repository path lies under a pull-through cache prefix (`docker-hub` covers `docker-hub/library/nginx`). */
export function underPrefix(repository: string, prefix: string): boolean {
    const p = prefix.toLowerCase().replace(/\/+$/, "");
    // ROOT is ECR's prefix for a rule that caches into every repository name.
    return p === "root" || repository === p || repository.startsWith(`${p}/`);
}
