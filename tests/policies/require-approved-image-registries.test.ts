import { describe, test } from "node:test";
import { requireApprovedImageRegistries as policy } from "../../policy-packs/kill-chain/policies/kubernetes/require-approved-image-registries";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one, withConfig } from "./aws-helpers";
import { cronJob, deployment, pod, withProp } from "./k8s-fixtures";

const IMAGE = ["spec", "template", "spec", "containers", 0, "image"];
const pinned = withConfig(policy, { allowedImageRegistries: ["^111122223333\\.dkr\\.ecr\\.eu-west-1\\.amazonaws\\.com/"] });

describe("require-approved-image-registries: no image comes from a public registry", () => {
    for (const r of [deployment(), pod(), cronJob()]) test(`the reference ${r.type.split(":").pop()} (private ECR) passes`, async () => assertClean(await one(policy, r)));
    test("the reference passes with the account and region pinned", async () => assertClean(await one(pinned, deployment())));
    test("an ECR image in China (amazonaws.com.cn) passes the default", async () =>
        assertClean(await one(policy, withProp(deployment(), IMAGE, "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1"))));
    const cases = [
        ["Docker Hub short name (xmrig)", withProp(deployment(), IMAGE, "xmrig/xmrig:latest"), 'spec.template.spec.containers[0].image is "xmrig/xmrig:latest"'],
        ["official image without registry", withProp(deployment(), IMAGE, "nginx"), '"nginx"'],
        ["public ECR", withProp(deployment(), IMAGE, "public.ecr.aws/nginx/nginx:1.27"), "public.ecr.aws"],
        ["ghcr.io", withProp(pod(), ["spec", "containers", 0, "image"], "ghcr.io/x/miner:1"), "spec.containers[0].image"],
        ["a look-alike host", withProp(deployment(), IMAGE, "111122223333.dkr.ecr.eu-west-1.amazonaws.com.evil.example/app:1"), "evil.example"],
        ["an init container from Docker Hub", withProp(deployment(), ["spec", "template", "spec", "initContainers"], [{ name: "i", image: "busybox:1.36" }]), "initContainers[0].image"],
        ["an ephemeral container from Docker Hub", withProp(pod(), ["spec", "ephemeralContainers"], [{ name: "d", image: "busybox" }]), "ephemeralContainers[0].image"],
        ["an Argo Rollout's pod template from Docker Hub", { type: "kubernetes:argoproj.io/v1alpha1:Rollout", name: "rollout",
            props: { metadata: { name: "r" }, spec: { template: { spec: { containers: [{ name: "m", image: "xmrig/xmrig" }] } } } } }, "spec.template.spec.containers[0].image"],
        ["a DeploymentPatch changing the image", { ...withProp(deployment(), IMAGE, "docker.io/library/alpine:3"), type: "kubernetes:apps/v1:DeploymentPatch" }, "docker.io/library/alpine:3"],
    ] as const;
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    test("another account's ECR fails once the account is pinned", async () => {
        const r = withProp(deployment(), IMAGE, `999999999999.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:${"c".repeat(64)}`);
        assertClean(await one(policy, r));
        assertFails(await one(pinned, r), [r], "999999999999");
    });
    test("an invalid configured pattern matches nothing (fails closed)", async () =>
        assertFails(await one(withConfig(policy, { allowedImageRegistries: ["(["] }), deployment()), [deployment()], "not from an approved registry"));
    test("unknown: a Docker Hub image is reported next to an unknown image", async () => {
        const r = withProp(withProp(deployment(), IMAGE, UNKNOWN), ["spec", "template", "spec", "initContainers"], [{ name: "i", image: "busybox" }]);
        assertFails(await one(policy, r), [r], "initContainers[0].image");
    });
    test("unknown: an unknown image (e.g. repositoryUrl of a new repository) defers once, naming it", async () => {
        const r = withProp(deployment(), IMAGE, UNKNOWN);
        assertDeferred(await one(policy, r), r, "spec.template.spec.containers[0].image");
    });
});
