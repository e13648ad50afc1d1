import { describe, test } from "node:test";
import { disallowDisabledPublicAccessBlock as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-disabled-public-access-block";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const bucketBlock = res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { bucket: UNKNOWN, ...all });
const accountBlock = res("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account", { accountId: "111122223333", ...all });

describe("disallow-disabled-public-access-block: public access blocks are never half off", () => {
    test("a full bucket block passes", async () => assertClean(await one(policy, bucketBlock)));
    test("a full account block passes", async () => assertClean(await one(policy, accountBlock)));

    for (const r of [bucketBlock, accountBlock]) {
        for (const flag of Object.keys(all)) {
            test(`${r.name} ${flag} false fails`, async () => assertFails(await one(policy, edit(r, { [flag]: false })), [r], `${flag} is false`));
        }
    }
    test("an account block with every flag undefined (provider default false) fails", async () =>
        assertFails(await one(policy, res(accountBlock.type, "account", {})), [accountBlock], "blockPublicAcls is unset (false)"));

    test("an unknown flag next to a false one still fails", async () =>
        assertFails(await one(policy, edit(bucketBlock, { blockPublicAcls: UNKNOWN, ignorePublicAcls: false })), [bucketBlock], "ignorePublicAcls is false"));
    test("an unknown flag alone defers, naming it", async () =>
        assertDeferred(await one(policy, edit(bucketBlock, { blockPublicAcls: UNKNOWN })), bucketBlock, "blockPublicAcls"));
});
