import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { PolicyResource } from "@pulumi/policy";
import { ecrImage, isPublicUpstream, underPrefix } from "../../../policy-packs/kill-chain/lib/ecr";
import { stackOwner } from "../../../policy-packs/kill-chain/lib/stack-owner";

const resource = (type: string, props: Record<string, unknown>, provider?: Record<string, unknown>) =>
    ({ type, urn: `urn:${type}`, name: "r", props, provider: provider ? { props: provider } : undefined }) as unknown as PolicyResource;

describe("ECR facts", () => {
    test("an ECR image names its account, region and repository; other registries and look-alikes are not ECR", () => {
        assert.deepEqual(ecrImage("111122223333.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/nginx:1@sha256:ab"),
            { account: "111122223333", region: "eu-west-1", repository: "docker-hub/library/nginx" });
        assert.deepEqual(ecrImage("111122223333.dkr.ecr-fips.us-east-1.amazonaws.com/app")?.region, "us-east-1");
        assert.equal(ecrImage("111122223333.dkr.ecr.eu-west-1.amazonaws.com.evil.example/app"), undefined);
        assert.equal(ecrImage("public.ecr.aws/nginx/nginx"), undefined);
    });
    test("only a private ECR upstream is not public", () => {
        assert.equal(isPublicUpstream("444455556666.dkr.ecr.eu-west-1.amazonaws.com"), false);
        for (const u of ["registry-1.docker.io", "public.ecr.aws", "quay.io", "ghcr.io"]) assert.equal(isPublicUpstream(u), true, u);
    });
    test("a prefix covers its own path segments only; ROOT covers everything", () => {
        assert.equal(underPrefix("docker-hub/library/nginx", "docker-hub"), true);
        assert.equal(underPrefix("docker-hubx/app", "docker-hub"), false);
        assert.equal(underPrefix("app", "ROOT"), true);
    });
    test("the stack's own account: allowedAccountIds wins over what documents show; regions come from the providers", () => {
        const key = resource("aws:kms/key:Key", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*" }] }) },
            { region: "eu-west-1" });
        assert.deepEqual(stackOwner([key]), { accounts: new Set(["111122223333"]), regions: new Set(["eu-west-1"]), accountSource: "inferred" });
        const pinned = resource("aws:s3/bucket:Bucket", {}, { region: "eu-west-1", allowedAccountIds: "[\"999999999999\"]" });
        assert.deepEqual([...stackOwner([key, pinned]).accounts], ["999999999999"]);
        const block = resource("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", { accountId: "222233334444" });
        assert.deepEqual([...stackOwner([block]).accounts], ["222233334444"]);
        assert.equal(stackOwner([]).accountSource, "none");
    });
    test("a KMS key shared with another account is not ownership (only :root key administration counts)", () => {
        for (const AWS of ["arn:aws:iam::999999999999:role/x", "arn:aws:iam::999999999999:root"]) {
            const key = resource("aws:kms/key:Key", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS }, Action: "kms:Decrypt" }] }) });
            assert.equal(stackOwner([key]).accounts.size, 0, AWS);
        }
    });
});
