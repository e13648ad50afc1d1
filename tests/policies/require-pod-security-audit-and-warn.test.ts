import { describe, test } from "node:test";
import { requirePodSecurityAuditAndWarn as policy } from "../../policy-packs/kill-chain/policies/kubernetes/require-pod-security-audit-and-warn";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { namespace, withProp } from "./k8s-fixtures";

const label = (mode: string) => ["metadata", "labels", `pod-security.kubernetes.io/${mode}`];

describe("require-pod-security-audit-and-warn: privileged pod attempts leave a trace in the audit log", () => {
    test("the reference Namespace (audit and warn restricted) passes", async () => assertClean(await one(policy, namespace())));
    test("a NamespacePatch without audit/warn labels passes", async () =>
        assertClean(await one(policy, { ...withProp(namespace(), ["metadata", "labels"], { team: "x" }), type: "kubernetes:core/v1:NamespacePatch" })));
    const cases = [
        ["audit undefined", withProp(namespace(), label("audit"), undefined), 'metadata.labels["pod-security.kubernetes.io/audit"] is unset'],
        ["warn baseline", withProp(namespace(), label("warn"), "baseline"), 'metadata.labels["pod-security.kubernetes.io/warn"] is "baseline"'],
        ["audit privileged", withProp(namespace(), label("audit"), "privileged"), 'audit"] is "privileged"'],
        ["labels undefined", withProp(namespace(), ["metadata", "labels"], undefined), "set them to"],
        ["a NamespacePatch muting audit", { ...withProp(namespace(), ["metadata", "labels"], { "pod-security.kubernetes.io/audit": "privileged" }), type: "kubernetes:core/v1:NamespacePatch" },
            'audit"] is "privileged"'],
    ] as const;
    for (const [what, r, message] of cases) test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    test("unknown: warn privileged is reported next to an unknown audit label", async () => {
        const r = withProp(withProp(namespace(), label("audit"), UNKNOWN), label("warn"), "privileged");
        assertFails(await one(policy, r), [r], 'warn"] is "privileged"');
    });
    test("unknown: an unknown audit label alone defers once, naming it", async () => {
        const r = withProp(namespace(), label("audit"), UNKNOWN);
        assertDeferred(await one(policy, r), r, 'metadata.labels["pod-security.kubernetes.io/audit"]');
    });
});
