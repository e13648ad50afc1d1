import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { PackInfo, PolicyInfo } from "../../engine/analyzer";
import { explainText, findPolicy, policiesText, stepOf } from "../../cli/commands/policies";
import { main } from "../../cli/main";

const policy = (name: string, extra: Partial<PolicyInfo> = {}): PolicyInfo => ({
    name, description: `${name} guarantees something. [kill chain: s3]`, enforcementLevel: "mandatory", severity: "critical", policyType: "resource",
    tags: ["kill-chain:s3", "CKV_AWS_70"], remediationSteps: "Replace Principal \"*\".", url: "https://example.org/doc", ...extra,
});
const pack: PackInfo = { dir: "/p", name: "hardened-kill-chain", version: "0.1.0", policies: [
    policy("disallow-public-bucket-policy"),
    policy("require-own-image-registries", { tags: [], severity: "", enforcementLevel: "advisory", policyType: "stack",
        configSchema: { properties: { allowedAccounts: { type: "array", default: [], description: "more accounts" } } } }),
] };

describe("policies and explain (pure)", () => {
    test("the list has a column per fact and a count", () => {
        const text = policiesText([pack]);
        assert.match(text, /^POLICY +PACK +STEP +SEVERITY +LEVEL +KIND\n/);
        assert.match(text, /disallow-public-bucket-policy +hardened-kill-chain +s3 +critical +mandatory +resource/);
        assert.match(text, /require-own-image-registries +hardened-kill-chain +other +- +advisory +stack/);
        assert.match(text, /2 policies in 1 pack;/);
    });

    test("explain gives the guarantee without the step suffix, the step, the fix, the config and the references", () => {
        const text = explainText(pack, pack.policies[0]!);
        assert.match(text, /Guarantees:\n {2}disallow-public-bucket-policy guarantees something\.\n/);
        assert.match(text, /Why:\n {2}kill-chain step "s3": /);
        assert.match(text, /Fix:\n {2}Replace Principal "\*"\./);
        assert.match(text, /Config \(--policy-pack-config\):\n {2}none/);
        assert.match(text, /References:\n {2}CKV_AWS_70/);
        assert.match(explainText(pack, pack.policies[1]!), /allowedAccounts \("array"\), default \[\]: more accounts/);
        assert.equal(stepOf(pack.policies[1]!), "other");
    });

    test("an unknown name is a usage error that suggests the nearest", () => {
        assert.throws(() => findPolicy([pack], "disallow-public-bucket-polcy"), /no policy "disallow-public-bucket-polcy" in hardened-kill-chain; did you mean disallow-public-bucket-policy/);
    });
});

test("explain reads a real pack's metadata over the analyzer protocol", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["explain", "disallow-public-eks-endpoint"], { out: (s) => out.push(s), err: (s) => err.push(s) });
    assert.equal(code, 0, err.join(""));
    assert.match(out.join(""), /^disallow-public-eks-endpoint {2}\(hardened-kill-chain /);
    assert.match(out.join(""), /Level: mandatory/);
});
