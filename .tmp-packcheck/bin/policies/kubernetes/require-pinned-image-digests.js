"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requirePinnedImageDigests = void 0;
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_1 = require("../../lib/k8s");
const k8s_images_1 = require("../../lib/k8s-images");
const k8s_workloads_1 = require("../../lib/k8s-workloads");
const policy_1 = require("../../lib/policy");
/**
 * Every image is pinned by digest. Advisory: the breach-closing control is the registry allowlist (an attacker must
 * first push to the private ECR, where tag immutability is enforced on the AWS side); a digest additionally makes
 * the deployed bits reviewable and reproducible.
 */
exports.requirePinnedImageDigests = (0, policy_1.resourcePolicy)({
    name: "require-pinned-image-digests",
    description: "Every container image is pinned by digest (@sha256:...), so the image that was reviewed is the image that runs; "
        + "a tag can be re-pointed at a miner.",
    step: "mining",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps: "Reference images as <registry>/<repository>@sha256:<64 hex digits> (resolve the digest in CI or from "
        + "aws.ecr.getImage), not by tag.",
    url: k8s_meta_1.URLS.images,
    framework: (0, k8s_meta_1.checkovKubernetes)("CKV_K8S_43", "Image should use digest"),
    references: ["CKV_K8S_43", "CKV_K8S_14", "EKS-BP image: Use immutable tags with ECR", "kyverno disallow-latest-tag"],
    types: (0, k8s_1.k8sTypes)(...k8s_1.WORKLOAD_KINDS),
    check: ({ args, reads, report }) => {
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const pod = (0, k8s_workloads_1.podTemplateOf)(obj);
            if (!pod)
                continue;
            const bad = [];
            for (const c of (0, k8s_workloads_1.containersOf)(pod.spec)) {
                const image = c.at("image").str();
                if (typeof image === "string" && !(0, k8s_images_1.isPinnedByDigest)(image))
                    bad.push(`${c.at("image").path} is "${image}"`);
            }
            if (bad.length > 0)
                report(`${(0, k8s_1.describe)(obj)}: ${bad.join("; ")}, not pinned by digest; use @sha256:<digest>.`);
        }
    },
});
//# sourceMappingURL=require-pinned-image-digests.js.map