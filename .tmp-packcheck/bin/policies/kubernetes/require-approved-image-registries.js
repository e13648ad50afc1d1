"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireApprovedImageRegistries = void 0;
const config_1 = require("../../lib/config");
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_images_1 = require("../../lib/k8s-images");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_workloads_1 = require("../../lib/k8s-workloads");
const policy_1 = require("../../lib/policy");
/** Every container image comes from an approved registry (by default: a private ECR registry), never a public one. */
exports.requireApprovedImageRegistries = (0, policy_1.resourcePolicy)({
    name: "require-approved-image-registries",
    description: "Every container image (init and ephemeral containers included) matches allowedImageRegistries, by default a private "
        + "ECR registry (<account>.dkr.ecr.<region>.amazonaws.com/): no miner image pulled from Docker Hub or any public registry.",
    step: "mining",
    severity: "high",
    remediationSteps: "Push the image to the account's private ECR (or mirror it with an ECR pull-through cache rule) and reference it "
        + "as <account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<digest>; pin the exact account and region with the "
        + "policy's allowedImageRegistries config.",
    url: k8s_meta_1.URLS.images,
    framework: (0, frameworks_1.cisEks)("5.1.4", "Minimize Container Registries to only those approved"),
    references: ["CIS EKS 5.1.4", "EKS-BP image: Create a set of curated images", "kyverno restrict-image-registries"],
    configSchema: {
        properties: {
            allowedImageRegistries: {
                type: "array",
                items: { type: "string" },
                default: [...k8s_images_1.DEFAULT_ALLOWED_IMAGE_REGISTRIES],
                description: "Regular expressions an image reference must match (tested against the whole reference); default: any "
                    + "private ECR registry. Pin yours, e.g. ^111122223333\\.dkr\\.ecr\\.eu-west-1\\.amazonaws\\.com/.",
            },
        },
    },
    types: (0, k8s_1.k8sTypes)(...k8s_1.WORKLOAD_KINDS),
    check: ({ args, reads, report }) => {
        const allowed = (0, config_1.stringList)((0, config_1.configWithDefaults)(args.getConfig(), { allowedImageRegistries: [...k8s_images_1.DEFAULT_ALLOWED_IMAGE_REGISTRIES] })
            .allowedImageRegistries);
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const pod = (0, k8s_workloads_1.podTemplateOf)(obj);
            if (!pod)
                continue;
            const bad = [];
            for (const c of (0, k8s_workloads_1.containersOf)(pod.spec)) {
                const image = c.at("image").str();
                if (typeof image !== "string" || (0, k8s_images_1.isFromAllowedRegistry)(image, allowed))
                    continue;
                bad.push(`${c.at("image").path} is "${image}"`);
            }
            if (bad.length > 0) {
                report(`${(0, k8s_1.describe)(obj)}: ${bad.join("; ")}, not from an approved registry (${allowed.join(", ") || "none configured"}); `
                    + "pull it from the account's private ECR.");
            }
        }
    },
});
//# sourceMappingURL=require-approved-image-registries.js.map