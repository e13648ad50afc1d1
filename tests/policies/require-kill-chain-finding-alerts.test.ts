import { describe, test } from "node:test";
import { requireKillChainFindingAlerts as policy } from "../../policy-packs/kill-chain/policies/aws/require-kill-chain-finding-alerts";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";

const detector = res("aws:guardduty/detector:Detector", "detector", { enable: true });
// The reference program's pattern (infra/detection/findings.ts), written out.
const PATTERN = { source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"], detail: { type: [
    { prefix: "CryptoCurrency:" }, "Impact:Runtime/CryptoMinerExecuted", "Impact:Runtime/BitcoinDomainRequest.Reputation", "Impact:EC2/BitcoinDomainRequest.Reputation",
    { prefix: "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration" }, "Policy:Kubernetes/ExposedDashboard", "Policy:Kubernetes/AnonymousAccessGranted",
    { suffix: ":Kubernetes/SuccessfulAnonymousAccess" }] } };
const rule = res("aws:cloudwatch/eventRule:EventRule", "findings", { name: "findings", state: "ENABLED", eventPattern: JSON.stringify(PATTERN) });
const target = res("aws:cloudwatch/eventTarget:EventTarget", "to-topic", { rule: "findings", arn: "arn:aws:sns:eu-west-1:111122223333:alerts" }, { rule: [rule] });
const withPattern = (p: unknown) => edit(rule, { eventPattern: JSON.stringify(p) });

describe("require-kill-chain-finding-alerts: every kill-chain finding reaches someone", () => {
    test("the reference rule and target pass", async () => assertClean(await stack(policy, [detector, rule, target])));
    test("all GuardDuty findings (source only) with a target pass", async () =>
        assertClean(await stack(policy, [detector, withPattern({ source: ["aws.guardduty"] }), target])));
    test("a target joined by the literal rule name passes", async () =>
        assertClean(await stack(policy, [detector, rule, { ...target, propertyDependencies: {}, dependencies: [] }])));
    test("a stack without GuardDuty is not judged", async () => assertClean(await stack(policy, [rule])));

    test("a disabled findings rule fails on the rule", async () => {
        const off = edit(rule, { state: "DISABLED" });
        assertFails(await stack(policy, [detector, off, target]), [off], "the GuardDuty findings rule findings is disabled");
    });
    test("a pattern narrowed to anonymous access only fails on the rule, naming the mining types", async () => {
        const narrow = withPattern({ ...PATTERN, detail: { type: ["Policy:Kubernetes/AnonymousAccessGranted"] } });
        assertFails(await stack(policy, [detector, narrow, target]), [narrow], "CryptoCurrency:EC2/BitcoinTool.B!DNS, CryptoCurrency:Runtime/BitcoinTool.B, Impact:Runtime/CryptoMinerExecuted");
    });
    test("a pattern that excludes mining with anything-but fails", async () => {
        const but = withPattern({ source: ["aws.guardduty"], detail: { type: [{ "anything-but": { prefix: "CryptoCurrency:" } }] } });
        assertFails(await stack(policy, [detector, but, target]), [but], "CryptoCurrency:Runtime/BitcoinTool.B");
    });
    test("a rule without a target fails", async () => assertFails(await stack(policy, [detector, rule]), [rule], "findings has no target"));
    test("no findings rule at all fails on the detector", async () => assertFails(await stack(policy, [detector]), [detector], "no EventBridge rule routes GuardDuty findings"));
    test("unknown: an unknown pattern defers, naming it", async () =>
        assertDeferred(await stack(policy, [detector, edit(rule, { eventPattern: UNKNOWN }), target]), rule, "eventPattern"));
});
