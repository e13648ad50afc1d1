import { describe, test } from "node:test";
import { disallowIamUsersAndKeys as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-iam-users-and-keys";
import { assertClean, assertFails, one, res } from "./aws-helpers";

describe("disallow-iam-users-and-keys: no long-lived IAM credentials exist to be stolen", () => {
    test("a role passes", async () => assertClean(await one(policy, res("aws:iam/role:Role", "role", { assumeRolePolicy: "{}" }))));

    for (const [type, what] of [
        ["aws:iam/user:User", "an IAM user"],
        ["aws:iam/accessKey:AccessKey", "a long-lived IAM access key"],
        ["aws:iam/userLoginProfile:UserLoginProfile", "a console password"],
        ["aws:iam/serviceSpecificCredential:ServiceSpecificCredential", "a service-specific credential"],
        ["aws:iam/signingCertificate:SigningCertificate", "an IAM signing certificate"],
        ["aws:iam/sshKey:SshKey", "an IAM SSH public key"],
    ] as const) {
        test(`${type} fails`, async () => {
            const r = res(type, "x", { user: "ci" });
            assertFails(await one(policy, r), [r], what);
        });
    }
    test("an access key whose user is unknown still fails (its existence is the violation)", async () => {
        const r = res("aws:iam/accessKey:AccessKey", "k", { user: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        assertFails(await one(policy, r), [r], "access key");
    });
});
