import { describe, test } from "node:test";
import { requireTrailReadAndKmsEvents as policy } from "../../policy-packs/kill-chain/policies/aws/require-trail-read-and-kms-events";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const management = { name: "all-management-events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] };
const s3Data = { name: "s3-objects", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] };
const trail = res("aws:cloudtrail/trail:Trail", "trail", { name: "t", s3BucketName: "b", advancedEventSelectors: [management, s3Data] });
const writesOnly = (s: { name: string; fieldSelectors: unknown[] }) => ({ ...s, fieldSelectors: [...s.fieldSelectors, { field: "readOnly", equals: ["false"] }] });

describe("require-trail-read-and-kms-events: a thief's reads and decrypts are recorded", () => {
    test("the reference selectors (all management events, S3 object data events) pass", async () => assertClean(await one(policy, trail)));
    test("a trail without selectors (every management event) passes", async () => assertClean(await one(policy, edit(trail, { advancedEventSelectors: undefined }))));
    test("basic selectors with readWriteType All and management events pass", async () =>
        assertClean(await one(policy, edit(trail, { advancedEventSelectors: undefined, eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] }))));
    test("a writes-only management selector next to a complete one passes (any selector records)", async () =>
        assertClean(await one(policy, edit(trail, { advancedEventSelectors: [writesOnly(management), management, s3Data] }))));
    const cases = [
        ["management events writes only", { advancedEventSelectors: [writesOnly(management), s3Data] }, "keep only writes (readOnly false), so management reads are lost"],
        ["data events writes only", { advancedEventSelectors: [management, writesOnly(s3Data)] }, "so object reads are lost"],
        ["management events without KMS (notEquals)", { advancedEventSelectors: [{ ...management, fieldSelectors: [...management.fieldSelectors, { field: "eventSource", notEquals: ["kms.amazonaws.com"] }] }] }, "leave out kms.amazonaws.com"],
        ["management events of one source only", { advancedEventSelectors: [{ ...management, fieldSelectors: [...management.fieldSelectors, { field: "eventSource", equals: ["s3.amazonaws.com"] }] }] }, "KMS calls are lost"],
        ["data events only", { advancedEventSelectors: [s3Data] }, "no advanced event selector records management events"],
        ["basic WriteOnly", { advancedEventSelectors: undefined, eventSelectors: [{ readWriteType: "WriteOnly" }] }, "eventSelectors[0].readWriteType is \"WriteOnly\""],
        ["basic excluding KMS", { advancedEventSelectors: undefined, eventSelectors: [{ readWriteType: "All", excludeManagementEventSources: ["kms.amazonaws.com"] }] }, "excludeManagementEventSources drops kms.amazonaws.com"],
        ["basic without management events", { advancedEventSelectors: undefined, eventSelectors: [{ readWriteType: "All", includeManagementEvents: false }] }, "no event selector includes management events"],
    ] as const;
    for (const [what, props, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, edit(trail, props)), [trail], message));
    test("unknown: unknown selectors defer, naming them", async () => assertDeferred(await one(policy, edit(trail, { advancedEventSelectors: UNKNOWN })), trail, "advancedEventSelectors"));
});
