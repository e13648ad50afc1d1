import { describe, test } from "node:test";
import { disallowPublicPullThroughCache as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-public-pull-through-cache";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res, withConfig } from "./aws-helpers";

const rule = res("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "cache", { ecrRepositoryPrefix: "central", upstreamRegistryUrl: "444455556666.dkr.ecr.eu-west-1.amazonaws.com", upstreamRegistry: "ecr" });

describe("disallow-public-pull-through-cache: no public registry is served as the account's own", () => {
    test("a cache of a private ECR registry passes", async () => assertClean(await one(policy, rule)));
    test("a cache of ECR Public under an allowlisted prefix passes", async () =>
        assertClean(await one(withConfig(policy, { allowedPullThroughCachePrefixes: ["ecr-public"] }),
            edit(rule, { ecrRepositoryPrefix: "ecr-public", upstreamRegistryUrl: "public.ecr.aws" }))));
    for (const upstream of ["registry-1.docker.io", "public.ecr.aws", "quay.io", "ghcr.io", "registry.k8s.io", "registry.gitlab.com"]) {
        test(`a cache of ${upstream} fails`, async () => {
            const r = edit(rule, { ecrRepositoryPrefix: "mirror", upstreamRegistryUrl: upstream });
            assertFails(await one(policy, r), [r], `upstreamRegistryUrl is "${upstream}", a public registry, under ecrRepositoryPrefix "mirror"`);
        });
    }
    test("an allowlisted prefix does not cover another prefix", async () => {
        const r = edit(rule, { ecrRepositoryPrefix: "docker-hub", upstreamRegistryUrl: "registry-1.docker.io" });
        assertFails(await one(withConfig(policy, { allowedPullThroughCachePrefixes: ["ecr-public"] }), r), [r], "docker-hub");
    });
    test("unknown: an unknown prefix of a public cache defers, naming it", async () => {
        const r = edit(rule, { ecrRepositoryPrefix: UNKNOWN, upstreamRegistryUrl: "registry-1.docker.io" });
        assertDeferred(await one(policy, r), r, "ecrRepositoryPrefix");
    });
});
