import { describe, test } from "node:test";
import { requireEksSecretsEncryption as policy } from "../../policy-packs/kill-chain/policies/aws/require-eks-secrets-encryption";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const baseline = res("aws:eks/cluster:Cluster", "cluster", {
    vpcConfig: { subnetIds: ["subnet-a"] },
    // The key ARN is only known after the key exists: a preview still decides.
    encryptionConfig: { provider: { keyArn: UNKNOWN }, resources: ["secrets"] },
});

describe("require-eks-secrets-encryption: Secrets are envelope-encrypted with a customer key", () => {
    test("a customer key (unknown ARN in preview) for secrets passes", async () => assertClean(await one(policy, baseline)));
    test("a known key ARN passes", async () =>
        assertClean(await one(policy, edit(baseline, { encryptionConfig: { provider: { keyArn: "arn:aws:kms:eu-west-1:111122223333:key/1" }, resources: ["secrets"] } }))));

    test("encryptionConfig undefined fails", async () =>
        assertFails(await one(policy, edit(baseline, { encryptionConfig: undefined })), [baseline], "encryptionConfig is unset"));
    test("resources [] fails", async () =>
        assertFails(await one(policy, edit(baseline, { encryptionConfig: { provider: { keyArn: "k" }, resources: [] } })), [baseline], "encryptionConfig.resources does not include \"secrets\""));
    test("provider.keyArn \"\" fails", async () =>
        assertFails(await one(policy, edit(baseline, { encryptionConfig: { provider: { keyArn: "" }, resources: ["secrets"] } })), [baseline], "encryptionConfig.provider.keyArn is unset"));

    test("an unknown provider next to resources [] still fails", async () =>
        assertFails(await one(policy, edit(baseline, { encryptionConfig: { provider: UNKNOWN, resources: [] } })), [baseline], "encryptionConfig.resources"));
    test("an unknown provider alone defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(baseline, { encryptionConfig: { provider: UNKNOWN, resources: ["secrets"] } })), baseline, "encryptionConfig.provider"));
});
