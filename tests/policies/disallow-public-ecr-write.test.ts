import { describe, test } from "node:test";
import { disallowPublicEcrWrite as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-public-ecr-write";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const pushFromCi = { Sid: "CiPush", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/ci" }, Action: ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"] };
const pullFromOrg = { Sid: "OrgPull", Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } };
const repoPolicy = res("aws:ecr/repositoryPolicy:RepositoryPolicy", "repo-policy", { repository: "app", policy: doc(pushFromCi, pullFromOrg) });

describe("disallow-public-ecr-write: nobody outside can replace the images the cluster runs", () => {
    test("push for the CI role and an organisation-pinned pull pass", async () => assertClean(await one(policy, repoPolicy)));
    test("a public pull-only statement passes (reading is not replacing)", async () =>
        assertClean(await one(policy, edit(repoPolicy, { policy: doc({ Effect: "Allow", Principal: "*", Action: "ecr:BatchGetImage" }) }))));
    const cases = [
        ["Principal \"*\" with ecr:PutImage", doc({ Sid: "Push", Effect: "Allow", Principal: "*", Action: "ecr:PutImage" }), "Statement[0] (Push) allows Principal \"*\""],
        ["Principal { AWS: \"*\" } with ecr:*", doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "ecr:*" }), "and 9 more write actions"],
        ["Principal \"*\" with Action \"*\"", doc({ Effect: "Allow", Principal: "*", Action: "*" }), "ecr:PutImage"],
        ["NotPrincipal with ecr:Batch*", doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "ecr:Batch*" }), "ecr:BatchDeleteImage"],
        ["a condition that does not restrict the caller", doc({ Effect: "Allow", Principal: "*", Action: "ecr:PutImage", Condition: { Bool: { "aws:SecureTransport": "true" } } }), "Statement[0]"],
        ["a document that is not JSON", "{", "policy is not valid JSON"],
    ] as const;
    for (const [what, policyDoc, message] of cases) {
        test(`${what} fails`, async () => assertFails(await one(policy, edit(repoPolicy, { policy: policyDoc })), [repoPolicy], message));
    }
    test("a registry policy letting anyone replicate into the registry fails", async () => {
        const r = res("aws:ecr/registryPolicy:RegistryPolicy", "registry", { policy: doc({ Effect: "Allow", Principal: "*", Action: ["ecr:ReplicateImage", "ecr:CreateRepository"] }) });
        assertFails(await one(policy, r), [r], "ecr:ReplicateImage, ecr:CreateRepository");
    });
    test("unknown: an unknown policy defers, naming it", async () => assertDeferred(await one(policy, edit(repoPolicy, { policy: UNKNOWN })), repoPolicy, "policy"));
});
