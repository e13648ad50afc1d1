import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { requirePinnedImageDigests as policy } from "../../policy-packs/kill-chain/policies/kubernetes/require-pinned-image-digests";
import { UNKNOWN, assertClean, assertDeferred, one } from "./aws-helpers";
import { urnOf } from "./harness";
import { deployment, pod, withProp } from "./k8s-fixtures";

const IMAGE = ["spec", "template", "spec", "containers", 0, "image"];

describe("require-pinned-image-digests (advisory): the reviewed image is the image that runs", () => {
    test("the reference (ECR @sha256) passes", async () => assertClean(await one(policy, deployment())));
    for (const [what, image] of [["a tag", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1.0"], ["no tag (latest)", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app"],
        ["a short digest", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:abc"]] as const) {
        test(`${what} is reported as advisory`, async () => {
            const r = withProp(deployment(), IMAGE, image);
            const v = await one(policy, r);
            assert.deepEqual(v.violations.map((x) => [x.urn, x.level]), [[urnOf(r), "advisory"]]);
            assert.ok(v.violations[0]!.message.includes("spec.template.spec.containers[0].image"));
        });
    }
    test("unknown: a tagged init container is reported next to an unknown image", async () => {
        const r = withProp(withProp(pod(), ["spec", "containers", 0, "image"], UNKNOWN), ["spec", "initContainers"], [{ name: "i", image: "busybox:1" }]);
        const v = await one(policy, r);
        assert.equal(v.violations.length, 1);
        assert.ok(v.violations[0]!.message.includes("spec.initContainers[0].image"));
    });
    test("unknown: an unknown image alone defers once, naming it", async () => {
        const r = withProp(deployment(), IMAGE, UNKNOWN);
        assertDeferred(await one(policy, r), r, "spec.template.spec.containers[0].image");
    });
});
