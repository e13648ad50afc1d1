import { runTest } from "../lib/plan";
/**
 * Breach replays: the reference program plus the changes a hurried pull request could make (tests/programs/
 * breach-reference.ts), checked exactly as `hardened-stack check` does — the program through the offline engine, the
 * pack started as the CLI starts it. Every kill-chain step must fail with mandatory violations on the offending
 * resources, in preview (the values are known then) and in up.
 */
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";

import { analyzeRun } from "../../engine/analyzer";
import type { AnalysisResult } from "../../engine/analyzer";
import { stepOf } from "../../cli/commands/check";
import { DEFAULT_PACKS } from "../../cli/packs";

/** step -> offending resource -> the policies that must block it (and no others). */
const EXPECTED: Record<string, Record<string, string[]>> = {
    console: {
        "breach-quick-cluster": ["disallow-eks-cluster-creator-admin", "disallow-public-eks-endpoint", "require-eks-api-authentication-mode"],
        "breach-dashboard": ["disallow-kubernetes-admin-consoles"],
        // Caught only by the path model: an internet-facing NLB bound to the API Service's endpoints.
        "breach-api-nlb": ["disallow-public-api-paths"],
    },
    creds: {
        "breach-ci-user": ["disallow-iam-users-and-keys"],
        "breach-ci-key": ["disallow-iam-users-and-keys"],
        "breach-nodes": ["require-imdsv2-hop-limit-1"],
        "breach-batch-nodes": ["require-imdsv2-hop-limit-1"],
        "breach-quick-cluster": ["require-eks-secrets-encryption"],
        // Caught only by the path model: a pinned Pod Identity role whose narrow-looking grant writes IAM.
        "breach-ops-role": ["disallow-pod-reachable-iam-escalation"],
        // RBAC and trust classes a single resource shows, which the named-pattern policies missed.
        "breach-debug-role": ["disallow-rbac-credential-subresources"],
        "breach-debug-binding": ["disallow-broad-serviceaccount-bindings"],
        "breach-aggregate-view": ["disallow-cluster-wide-secret-read", "disallow-dangerous-rbac-aggregation"],
        "breach-ci-role": ["disallow-wildcard-oidc-subjects"],
    },
    s3: {
        "breach-exports": ["require-bucket-kms-encryption", "require-bucket-owner-enforced", "require-bucket-public-access-block"],
        "breach-exports-policy": ["disallow-public-bucket-policy", "require-tls-only-bucket-policy"],
        // Caught only by the path model: a pinned IRSA role of another workload reading through an ARN wildcard and
        // the version API, and a role behind a Lambda function URL without auth reading from inside the VPC.
        "breach-payments-role": ["disallow-undesignated-sensitive-data-readers"],
        "breach-exporter-role": ["require-sensitive-data-perimeter"],
        "breach-telemetry-share": ["require-sensitive-data-perimeter"],
    },
    mining: {
        "breach-batch-sg": ["disallow-internet-egress"],
        "breach-allow-all-egress": ["disallow-open-network-policy-egress"],
        "breach-partner-netpol": ["disallow-open-network-policy-egress"],
        // A Helm release's objects are invisible to every policy: unreviewed releases are refused as a mining risk.
        "breach-dashboard": ["disallow-unreviewed-helm-releases"],
        "breach-cni-no-netpol": ["require-vpc-cni-network-policy-enforcement"],
        "breach-partner-sg": ["disallow-internet-wide-egress-union"],
        // Caught only as a whole: two routes to a transit gateway, each narrower than the default route to the firewall.
        "breach-partner-low": ["disallow-node-subnet-internet-route"],
        "breach-dns-allow-all": ["disallow-dns-firewall-allow-all"],
        "breach-pass-all-group": ["disallow-firewall-pass-all-rules"],
        "breach-dockerhub-cache": ["disallow-public-pull-through-cache"],
        // Workloads in a namespace this provider's program does not create (so no Pod Security labels, no default deny),
        // each also let out by the transit-gateway nodes with the CNI not enforcing NetworkPolicies.
        "breach-vendor-agent": ["disallow-internet-wide-namespace-egress", "require-governed-workload-namespaces", "require-own-image-registries"],
        "breach-report-cron": ["disallow-internet-wide-namespace-egress", "enforce-pod-security-standard", "require-governed-workload-namespaces"],
        "breach-canary": ["disallow-host-namespaces", "disallow-internet-wide-namespace-egress", "require-governed-workload-namespaces"],
        "breach-public-push": ["disallow-public-ecr-write"],
    },
    evasion: {
        "breach-cheap-trail": ["require-cloudtrail-integrity"],
        "breach-sandbox-vpc": ["require-vpc-flow-logs"],
        "breach-quick-cluster": ["require-eks-control-plane-logging"],
        "breach-quiet-miners": ["disallow-kill-chain-finding-suppression"],
        "breach-agent-quota": ["disallow-guardduty-agent-interference"],
        "breach-require-team-label": ["disallow-guardduty-agent-admission-blocks"],
        "breach-muted-findings": ["require-kill-chain-finding-alerts"],
        "breach-unmanaged-agent": ["require-guardduty-features-for-eks", "require-guardduty-runtime-agent", "require-guardduty-s3-protection"],
        "breach-open-alerts": ["disallow-public-sns-topic-policy"],
        "breach-write-only-trail": ["require-trail-read-and-kms-events"],
        "breach-short-trail-logs": ["require-trail-log-retention"],
        "breach-quiet-flow-log": ["require-flow-log-addresses"],
    },
};

for (const mode of ["preview", "up"] as const) {
    describe(`breach replays on the reference program (${mode})`, () => {
        let result: AnalysisResult;
        before(async () => {
            const run = await runTest({ program: "tests/programs/breach-reference.ts", mode, config: { "breach:steps": [...Object.keys(EXPECTED), "paths"] } });
            result = await analyzeRun(run, DEFAULT_PACKS);
        });

        for (const [step, offenders] of Object.entries(EXPECTED)) {
            test(`the ${step} step is blocked: mandatory violations on exactly the offending resources`, () => {
                const pack = result.packs[0];
                const found: Record<string, string[]> = {};
                for (const v of result.violations) {
                    if (stepOf(pack, v.policy) !== step) continue;
                    assert.equal(v.enforcementLevel, "mandatory", `${v.policy} on ${v.urn}`);
                    const name = v.urn.split("::").pop()!;
                    if (!name.startsWith("breach-")) continue;
                    found[name] = [...new Set([...(found[name] ?? []), v.policy])].sort();
                }
                assert.deepEqual(found, offenders);
                const independent = new Set(Object.values(offenders).flat());
                assert.ok(independent.size >= 2, `${step} is closed by fewer than two policies`);
            });
        }

        test("nothing in the hardened reference part is flagged, except the pods the breaches let out, with the breach path named", () => {
            const reference = result.violations.filter((v) => !v.urn.split("::").pop()!.startsWith("breach-"));
            // The CNI that stops enforcing NetworkPolicies and the batch nodes' transit-gateway routes together let the
            // reference's own pods out: known in up (the Kubernetes objects' values are unknown in a preview of a new cluster).
            const expected = mode === "up" ? ["disallow-internet-wide-namespace-egress kubernetes-telemetry-reader-deployment"] : [];
            assert.deepEqual(reference.map((v) => `${v.policy} ${v.urn.split("::").pop()}`), expected);
            for (const v of reference) {
                assert.match(v.message, /enableNetworkPolicy "true", so no NetworkPolicy is enforced\) -> breach-batch-nodes -> subnet breach-batch-subnet -> .*route breach-partner-low 0\.0\.0\.0\/1 -> a transit gateway/);
            }
        });
    });
}
