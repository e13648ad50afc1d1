import { configWithDefaults, stringList } from "../../lib/config";
import { eksBestPractices } from "../../lib/frameworks";
import { isPublicUpstream } from "../../lib/ecr";
import { PULL_THROUGH_CACHE_RULE } from "../../lib/k8s-registries";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/**
 * No ECR pull-through cache of a public registry unless its prefix was reviewed. Such a rule serves whatever anyone
 * publishes upstream (a miner image on Docker Hub included) from this account's private registry hostname, so the
 * "own registry only" rule for images would let it through.
 */
export const disallowPublicPullThroughCache = resourcePolicy({
    name: "disallow-public-pull-through-cache",
    description: "No ECR pull-through cache rule mirrors a public registry (Docker Hub, ECR Public, Quay, GitHub, Kubernetes, Azure, "
        + "GitLab) unless its ecrRepositoryPrefix is listed in allowedPullThroughCachePrefixes: a cache makes any public image look "
        + "like one of the account's own.",
    step: "mining",
    severity: "high",
    remediationSteps: "Remove the pull-through cache rule and push reviewed images to the account's own repositories (or replicate "
        + "them from a registry account you own); if a public mirror is truly needed, list its prefix in "
        + "allowedPullThroughCachePrefixes (this policy and require-approved-image-registries).",
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html",
    framework: eksBestPractices("image", "Create a set of curated images"),
    references: ["EKS-BP image: Create a set of curated images", "CIS EKS 5.1.4"],
    configSchema: {
        properties: {
            allowedPullThroughCachePrefixes: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "ecrRepositoryPrefix values of reviewed pull-through cache rules of a public registry. Default: none.",
            },
        },
    },
    types: [PULL_THROUGH_CACHE_RULE],
    check: ({ args, reads, report }) => {
        const allowed = stringList(configWithDefaults(args.getConfig(), { allowedPullThroughCachePrefixes: [] as string[] })
            .allowedPullThroughCachePrefixes).map((p) => p.toLowerCase());
        const upstream = reads.get("upstreamRegistryUrl", () => args.props.upstreamRegistryUrl);
        if (upstream === UNKNOWN || typeof upstream !== "string" || !isPublicUpstream(upstream)) return;
        const prefix = reads.get("ecrRepositoryPrefix", () => args.props.ecrRepositoryPrefix);
        if (prefix === UNKNOWN) return;
        if (typeof prefix === "string" && allowed.includes(prefix.toLowerCase())) return;
        report(`upstreamRegistryUrl is "${upstream}", a public registry, under ecrRepositoryPrefix "${String(prefix)}": every image published `
            + "there would be served as this account's own; remove the rule or list the prefix in allowedPullThroughCachePrefixes.");
    },
});
