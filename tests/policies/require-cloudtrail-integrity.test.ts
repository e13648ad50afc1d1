import { describe, test } from "node:test";
import { requireCloudTrailIntegrity as policy } from "../../policy-packs/kill-chain/policies/aws/require-cloudtrail-integrity";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const baseline = res("aws:cloudtrail/trail:Trail", "trail", {
    s3BucketName: "trail-dev", isMultiRegionTrail: true, enableLogFileValidation: true, enableLogging: true, kmsKeyId: UNKNOWN,
});

describe("require-cloudtrail-integrity: the record of stolen-credential use survives", () => {
    test("a multi-region, validated, KMS-encrypted trail passes (key ARN unknown in preview)", async () => assertClean(await one(policy, baseline)));
    test("enableLogging undefined (provider default true) passes", async () => assertClean(await one(policy, edit(baseline, { enableLogging: undefined }))));

    test("enableLogFileValidation undefined fails", async () =>
        assertFails(await one(policy, edit(baseline, { enableLogFileValidation: undefined })), [baseline], "enableLogFileValidation is unset (false)"));
    test("isMultiRegionTrail false fails", async () =>
        assertFails(await one(policy, edit(baseline, { isMultiRegionTrail: false })), [baseline], "isMultiRegionTrail is false"));
    test("enableLogging false fails", async () =>
        assertFails(await one(policy, edit(baseline, { enableLogging: false })), [baseline], "enableLogging is false"));
    test("kmsKeyId undefined fails", async () =>
        assertFails(await one(policy, edit(baseline, { kmsKeyId: undefined })), [baseline], "kmsKeyId is unset"));

    test("an unknown flag next to a missing key still fails", async () =>
        assertFails(await one(policy, edit(baseline, { isMultiRegionTrail: UNKNOWN, kmsKeyId: undefined })), [baseline], "kmsKeyId"));
    test("an unknown flag alone defers, naming it", async () =>
        assertDeferred(await one(policy, edit(baseline, { enableLogFileValidation: UNKNOWN })), baseline, "enableLogFileValidation"));
});
