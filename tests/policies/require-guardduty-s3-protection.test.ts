import { describe, test } from "node:test";
import { requireGuardDutyS3Protection as policy } from "../../policy-packs/kill-chain/policies/aws/require-guardduty-s3-protection";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const bucket = res("aws:s3/bucket:Bucket", "telemetry", { bucket: "telemetry" });
const detector = res("aws:guardduty/detector:Detector", "detector", { enable: true });
const s3 = res(FEATURE, "s3", { detectorId: UNKNOWN, name: "S3_DATA_EVENTS", status: "ENABLED" }, { detectorId: [detector] });

describe("require-guardduty-s3-protection: reads of the stack's buckets with stolen credentials raise findings", () => {
    test("the reference (S3_DATA_EVENTS enabled) passes", async () => assertClean(await stack(policy, [bucket, detector, s3])));
    test("the legacy datasources.s3Logs flag counts", async () =>
        assertClean(await stack(policy, [bucket, edit(detector, { datasources: { s3Logs: { enable: true } } })])));
    test("a stack without buckets is not judged", async () => assertClean(await stack(policy, [detector])));
    test("S3_DATA_EVENTS DISABLED fails on the detector", async () =>
        assertFails(await stack(policy, [bucket, detector, edit(s3, { status: "DISABLED" })]), [detector], "detector detector has no ENABLED S3_DATA_EVENTS feature"));
    test("no S3 feature at all fails", async () => assertFails(await stack(policy, [bucket, detector]), [detector], "S3_DATA_EVENTS"));
    test("an existing detector's features without S3 fail on the feature", async () => {
        const audit = res(FEATURE, "audit", { detectorId: "12abc34d567e8fa901bc2d34e56789f0", name: "EKS_AUDIT_LOGS", status: "ENABLED" });
        assertFails(await stack(policy, [bucket, audit]), [audit], "detector 12abc34d567e8fa901bc2d34e56789f0");
    });
    test("unknown: an unknown status defers, naming it", async () =>
        assertDeferred(await stack(policy, [bucket, detector, edit(s3, { status: UNKNOWN })]), s3, "status"));
});
