import { configWithDefaults, stringList } from "../../lib/config";
import { cisEks } from "../../lib/frameworks";
import { describe, k8sObjects } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { foreignImage, publicCaches } from "../../lib/k8s-registries";
import { containerImages, mayHoldPodSpec, podTemplatesOf } from "../../lib/k8s-workloads";
import { stackPolicy } from "../../lib/policy";
import { stackOwner } from "../../lib/stack-owner";

/**
 * Every ECR image comes from a registry the stack owns. "Any private ECR" is not enough: an attacker's own account
 * serves ECR images too, and a pull-through cache of Docker Hub turns every public image into a private-looking one.
 * Judged on the whole stack, because which account and region are "own" is a fact of the stack; in a preview where
 * the Kubernetes provider is built from a cluster being created, the objects' outputs are unknown and it defers.
 */
export const requireOwnImageRegistries = stackPolicy({
    name: "require-own-image-registries",
    description: "Every ECR container image (init and ephemeral containers and custom resources' pod templates included) comes from the "
        + "stack's own account and region, and not through a pull-through cache of a public registry, unless the pack config allows "
        + "that registry or prefix: no miner image from an attacker's own ECR or a Docker Hub mirror.",
    step: "mining",
    severity: "high",
    remediationSteps: "Push the image to this account's ECR in this region and reference it as "
        + "<account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<digest>. A central registry account goes into "
        + "allowedImageRegistries (a regular expression); a reviewed pull-through cache prefix into allowedPullThroughCachePrefixes. "
        + "When the stack's account cannot be told, set the AWS provider's allowedAccountIds.",
    url: URLS.images,
    framework: cisEks("5.1.4", "Minimize Container Registries to only those approved"),
    references: ["CIS EKS 5.1.4", "EKS-BP image: Create a set of curated images", "kyverno restrict-image-registries"],
    configSchema: {
        properties: {
            allowedImageRegistries: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Regular expressions (over the whole image reference) of registries allowed besides the stack's own ECR "
                    + "registry, e.g. ^444455556666\\.dkr\\.ecr\\.eu-west-1\\.amazonaws\\.com/ for a central registry account. "
                    + "Default: none, only the stack's own account and region.",
            },
            allowedPullThroughCachePrefixes: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "ECR repository prefixes of pull-through cache rules of a public registry whose images may be used. "
                    + "Default: none.",
            },
        },
    },
    check: ({ args, reads, report }) => {
        const config = configWithDefaults(args.getConfig(), { allowedImageRegistries: [] as string[], allowedPullThroughCachePrefixes: [] as string[] });
        let rules: Parameters<typeof foreignImage>[1] | undefined;
        for (const r of args.resources) {
            if (!mayHoldPodSpec(r.type)) continue;
            // The stack's facts are gathered once, and only for stacks that run pods.
            rules ??= {
                owner: stackOwner(args.resources),
                allowed: stringList(config.allowedImageRegistries),
                caches: publicCaches(args.resources, stringList(config.allowedPullThroughCachePrefixes)),
            };
            for (const obj of k8sObjects(r.type, reads(r), r.props)) {
                const bad = podTemplatesOf(obj, r.type).flatMap((pod) => containerImages(pod.spec))
                    .map(({ path, image }) => ({ path, image, why: foreignImage(image, rules!) }))
                    .filter((x) => x.why !== undefined)
                    .map(({ path, image, why }) => `${path} is "${image}": ${why}`);
                if (bad.length > 0) report(r, `${describe(obj)}: ${bad.join("; ")}; pull it from the stack's own ECR registry.`);
            }
        }
    },
});

