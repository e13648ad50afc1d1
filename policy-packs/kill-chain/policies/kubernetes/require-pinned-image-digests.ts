import { checkovKubernetes, URLS } from "../../lib/k8s-meta";
import { describe, k8sObjects } from "../../lib/k8s";
import { isPinnedByDigest } from "../../lib/k8s-images";
import { containerImages, mayHoldPodSpec, podTemplatesOf } from "../../lib/k8s-workloads";
import { resourcePolicy } from "../../lib/policy";

/**
 * Every image is pinned by digest. Advisory: the breach-closing control is the registry allowlist (an attacker must
 * first push to the private ECR, where tag immutability is enforced on the AWS side); a digest additionally makes
 * the deployed bits reviewable and reproducible.
 */
export const requirePinnedImageDigests = resourcePolicy({
    name: "require-pinned-image-digests",
    description: "Every container image is pinned by digest (@sha256:...), so the image that was reviewed is the image that runs; "
        + "a tag can be re-pointed at a miner.",
    step: "mining",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps: "Reference images as <registry>/<repository>@sha256:<64 hex digits> (resolve the digest in CI or from "
        + "aws.ecr.getImage), not by tag.",
    url: URLS.images,
    framework: checkovKubernetes("CKV_K8S_43", "Image should use digest"),
    references: ["CKV_K8S_43", "CKV_K8S_14", "EKS-BP image: Use immutable tags with ECR", "kyverno disallow-latest-tag"],
    // Every object holding a pod spec: workload kinds and custom resources with a pod template (Argo Rollouts...).
    types: mayHoldPodSpec,
    check: ({ args, reads, report }) => {
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const bad = podTemplatesOf(obj, args.type).flatMap((pod) => containerImages(pod.spec))
                .filter(({ image }) => !isPinnedByDigest(image))
                .map(({ path, image }) => `${path} is "${image}"`);
            if (bad.length > 0) report(`${describe(obj)}: ${bad.join("; ")}, not pinned by digest; use @sha256:<digest>.`);
        }
    },
});
