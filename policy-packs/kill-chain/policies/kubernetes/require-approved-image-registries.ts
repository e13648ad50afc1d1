import { configWithDefaults, stringList } from "../../lib/config";
import { cisEks } from "../../lib/frameworks";
import { describe, k8sObjects } from "../../lib/k8s";
import { DEFAULT_ALLOWED_IMAGE_REGISTRIES, isFromAllowedRegistry } from "../../lib/k8s-images";
import { URLS } from "../../lib/k8s-meta";
import { containerImages, mayHoldPodSpec, podTemplatesOf } from "../../lib/k8s-workloads";
import { resourcePolicy } from "../../lib/policy";

/** Every container image comes from an approved registry (by default: a private ECR registry), never a public one. */
export const requireApprovedImageRegistries = resourcePolicy({
    name: "require-approved-image-registries",
    description: "Every container image (init and ephemeral containers and custom resources' pod templates included) matches "
        + "allowedImageRegistries, by default a private ECR registry (<account>.dkr.ecr.<region>.amazonaws.com/): no miner image pulled "
        + "from Docker Hub or any public registry (require-own-image-registries then pins the ECR account and region to the stack's).",
    step: "mining",
    severity: "high",
    remediationSteps: "Push the image to the account's private ECR (or mirror it with an ECR pull-through cache rule) and reference it "
        + "as <account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<digest>; pin the exact account and region with the "
        + "policy's allowedImageRegistries config.",
    url: URLS.images,
    framework: cisEks("5.1.4", "Minimize Container Registries to only those approved"),
    references: ["CIS EKS 5.1.4", "EKS-BP image: Create a set of curated images", "kyverno restrict-image-registries"],
    configSchema: {
        properties: {
            allowedImageRegistries: {
                type: "array",
                items: { type: "string" },
                default: [...DEFAULT_ALLOWED_IMAGE_REGISTRIES],
                description: "Regular expressions an image reference must match (tested against the whole reference); default: any "
                    + "private ECR registry. Pin yours, e.g. ^111122223333\\.dkr\\.ecr\\.eu-west-1\\.amazonaws\\.com/.",
            },
        },
    },
    types: mayHoldPodSpec,
    check: ({ args, reads, report }) => {
        const allowed = stringList(configWithDefaults(args.getConfig(), { allowedImageRegistries: [...DEFAULT_ALLOWED_IMAGE_REGISTRIES] })
            .allowedImageRegistries);
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const bad = podTemplatesOf(obj, args.type).flatMap((pod) => containerImages(pod.spec))
                .filter(({ image }) => !isFromAllowedRegistry(image, allowed))
                .map(({ path, image }) => `${path} is "${image}"`);
            if (bad.length > 0) {
                report(`${describe(obj)}: ${bad.join("; ")}, not from an approved registry (${allowed.join(", ") || "none configured"}); `
                    + "pull it from the account's private ECR.");
            }
        }
    },
});
