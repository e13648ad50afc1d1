import { describe, test } from "node:test";
import { requireOwnImageRegistries as policy } from "../../policy-packs/kill-chain/policies/kubernetes/require-own-image-registries";
import { UNKNOWN, assertClean, assertDeferred, assertFails, stack, withConfig } from "./aws-helpers";
import { cronJob, deployment, pod, withProp } from "./k8s-fixtures";
import type { TestResource } from "./harness";

const IMAGE = ["spec", "template", "spec", "containers", 0, "image"];
const ACCOUNT = "111122223333";
const AWS_PROVIDER = (props: Record<string, unknown> = { region: "eu-west-1" }) =>
    ({ type: "pulumi:providers:aws", urn: "urn:pulumi:dev::test::pulumi:providers:aws::default", name: "default", props });
/** The stack's own account, as the reference program shows it: a KMS key whose policy gives the account root key administration. */
const key = (account = ACCOUNT, provider = AWS_PROVIDER()): TestResource => ({
    type: "aws:kms/key:Key", name: "key", provider,
    props: { policy: JSON.stringify({ Version: "2012-10-17", Statement: [
        { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }] }) },
});
const cache = (prefix: string, upstreamRegistryUrl: string): TestResource =>
    ({ type: "aws:ecr/pullThroughCacheRule:PullThroughCacheRule", name: `cache-${prefix}`, props: { ecrRepositoryPrefix: prefix, upstreamRegistryUrl } });
const image = (r: TestResource, ref: string) => withProp(r, IMAGE, ref);
const ecr = (repo: string, account = ACCOUNT, region = "eu-west-1") => `${account}.dkr.ecr.${region}.amazonaws.com/${repo}@sha256:${"c".repeat(64)}`;

describe("require-own-image-registries: ECR images come only from the registries the stack owns", () => {
    for (const r of [deployment(), pod(), cronJob()]) {
        test(`the reference ${r.type.split(":").pop()} (this account's ECR in this region) passes`, async () => assertClean(await stack(policy, [key(), r])));
    }
    test("the account named by the AWS provider's allowedAccountIds is the stack's own", async () => {
        const other = key("999999999999", AWS_PROVIDER({ region: "eu-west-1", allowedAccountIds: JSON.stringify([ACCOUNT]) }));
        assertClean(await stack(policy, [other, deployment()]));
    });
    test("the account of the OIDC provider an IRSA role trusts is the stack's own", async () => {
        const role: TestResource = { type: "aws:iam/role:Role", name: "irsa", provider: AWS_PROVIDER(), props: { assumeRolePolicy: JSON.stringify({ Statement: [{
            Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X` },
            Action: "sts:AssumeRoleWithWebIdentity" }] }) } };
        assertClean(await stack(policy, [role, deployment()]));
    });
    test("a registry listed in allowedImageRegistries passes", async () =>
        assertClean(await stack(withConfig(policy, { allowedImageRegistries: ["^444455556666\\.dkr\\.ecr\\.eu-west-1\\.amazonaws\\.com/"] }),
            [key(), image(deployment(), ecr("base", "444455556666"))])));
    test("a pull-through cache of a private ECR registry, and an allowlisted public prefix, pass", async () => {
        assertClean(await stack(policy, [key(), cache("central", "444455556666.dkr.ecr.eu-west-1.amazonaws.com"), image(deployment(), ecr("central/app"))]));
        assertClean(await stack(withConfig(policy, { allowedPullThroughCachePrefixes: ["ecr-public"] }),
            [key(), cache("ecr-public", "public.ecr.aws"), image(deployment(), ecr("ecr-public/eks-distro/coredns"))]));
    });
    test("a stack without pods passes without any AWS resource", async () => assertClean(await stack(policy, [cache("docker-hub", "registry-1.docker.io")])));

    test("images outside ECR are left to require-approved-image-registries", async () =>
        assertClean(await stack(policy, [key(), image(deployment(), "xmrig/xmrig:latest"), image(pod(), `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com.evil.example/app:1`)])));

    const cases: [string, TestResource[], string][] = [
        ["another account's ECR (an attacker's own)", [image(deployment(), ecr("app", "999999999999"))], "account 999999999999 is not the stack's own (111122223333)"],
        ["this account's ECR in another region", [image(deployment(), ecr("app", ACCOUNT, "us-east-1"))], "region us-east-1 is not the stack's own (eu-west-1)"],
        ["an image under a pull-through cache of Docker Hub", [cache("docker-hub", "registry-1.docker.io"), image(deployment(), ecr("docker-hub/xmrig/xmrig"))],
            "repository prefix docker-hub is a pull-through cache of the public registry registry-1.docker.io"],
        ["an image under a ROOT pull-through cache of Quay", [cache("ROOT", "quay.io"), image(deployment(), ecr("app"))], "public registry quay.io"],
        ["an init container from another account", [withProp(deployment(), ["spec", "template", "spec", "initContainers"], [{ name: "i", image: ecr("i", "999999999999") }])], "initContainers[0].image"],
        ["an ephemeral container from another account", [withProp(pod(), ["spec", "ephemeralContainers"], [{ name: "d", image: ecr("d", "999999999999") }])], "ephemeralContainers[0].image"],
        ["a DeploymentPatch changing the image to another account", [{ ...image(deployment(), ecr("app", "999999999999")), type: "kubernetes:apps/v1:DeploymentPatch" }], "999999999999"],
        ["an Argo Rollout's pod template from another account", [{ type: "kubernetes:argoproj.io/v1alpha1:Rollout", name: "rollout",
            props: { metadata: { name: "r" }, spec: { template: { spec: { containers: [{ name: "m", image: ecr("m", "999999999999") }] } } } } }], "spec.template.spec.containers[0].image"],
    ];
    for (const [what, others, message] of cases) {
        test(`${what} fails`, async () => {
            const offender = others[others.length - 1]!;
            assertFails(await stack(policy, [key(), ...others]), [offender], message);
        });
    }
    test("fail closed: when the stack shows no account of its own, an ECR image fails naming allowedAccountIds", async () =>
        assertFails(await stack(policy, [deployment()]), [deployment()], "the stack's own account cannot be told"));
    test("an invalid configured pattern matches nothing (fails closed)", async () => {
        const r = image(deployment(), ecr("app", "999999999999"));
        assertFails(await stack(withConfig(policy, { allowedImageRegistries: ["(["] }), [key(), r]), [r], "account 999999999999");
    });
    test("unknown: another account's image is reported next to an unknown image", async () => {
        const r = withProp(image(deployment(), UNKNOWN), ["spec", "template", "spec", "initContainers"], [{ name: "i", image: ecr("i", "999999999999") }]);
        assertFails(await stack(policy, [key(), r]), [r], "initContainers[0].image");
    });
    test("unknown: an unknown image (e.g. repositoryUrl of a new repository) defers once, naming it", async () => {
        const r = image(deployment(), UNKNOWN);
        assertDeferred(await stack(policy, [key(), r]), r, "spec.template.spec.containers[0].image");
    });
});
