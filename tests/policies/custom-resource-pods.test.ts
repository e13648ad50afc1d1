/**
 * Pod templates inside custom resources (an Argo Rollout, a Knative Service) are pods like any Deployment's: every
 * policy that reads containers reads them there too, not only the Pod Security ones.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { disallowAwsKeysInKubernetes } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-aws-keys-in-kubernetes";
import { disallowKubernetesAdminConsoles } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-kubernetes-admin-consoles";
import { requireContainerLimits } from "../../policy-packs/kill-chain/policies/kubernetes/require-container-limits";
import { requirePinnedImageDigests } from "../../policy-packs/kill-chain/policies/kubernetes/require-pinned-image-digests";
import { assertClean, assertFails, one } from "./aws-helpers";
import { podSpec, restrictedContainer } from "./k8s-fixtures";
import { urnOf } from "./harness";
import type { TestResource } from "./harness";

const rollout = (container: Record<string, unknown>): TestResource => ({
    type: "kubernetes:argoproj.io/v1alpha1:Rollout", name: "rollout",
    props: {
        apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: { name: "batch", namespace: "telemetry" },
        spec: { strategy: { canary: {} }, template: { metadata: { labels: { app: "batch" } }, spec: { ...podSpec(), containers: [container] } } },
    },
});
const good = restrictedContainer();

describe("custom resources with a pod template are read by every container policy", () => {
    test("a hardened Argo Rollout passes all four", async () => {
        for (const policy of [requireContainerLimits, requirePinnedImageDigests, disallowAwsKeysInKubernetes, disallowKubernetesAdminConsoles]) {
            assertClean(await one(policy, rollout(good)));
        }
    });
    test("require-container-limits: a Rollout container without limits fails", async () => {
        const r = rollout({ ...good, resources: {} });
        assertFails(await one(requireContainerLimits, r), [r], "spec.template.spec.containers[0].resources.limits.cpu");
    });
    test("require-pinned-image-digests (advisory): a Rollout image by tag is reported", async () => {
        const r = rollout({ ...good, image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/batch:latest" });
        const v = await one(requirePinnedImageDigests, r);
        assert.deepEqual(v.violations.map((x) => [x.urn, x.level]), [[urnOf(r), "advisory"]]);
        assert.match(v.violations[0]!.message, /not pinned by digest/);
    });
    test("disallow-aws-keys-in-kubernetes: a Rollout container with AWS_ACCESS_KEY_ID fails", async () => {
        const r = rollout({ ...good, env: [{ name: "AWS_ACCESS_KEY_ID", value: "AKIAIOSFODNN7EXAMPLE" }] });
        assertFails(await one(disallowAwsKeysInKubernetes, r), [r], "AWS_ACCESS_KEY_ID");
    });
    test("disallow-kubernetes-admin-consoles: the dashboard shipped as a Rollout fails", async () => {
        const r = rollout({ ...good, image: "docker.io/kubernetesui/dashboard:v2.7.0" });
        assertFails(await one(disallowKubernetesAdminConsoles, r), [r], "admin console");
    });
});
