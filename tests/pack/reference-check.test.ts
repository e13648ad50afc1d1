/**
 * The project's own pack, started exactly as the Pulumi CLI starts it, on the reference stack run as `check` runs it
 * (each resource analysed as it registers): zero violations in both modes, no deferral in `up`, and in `preview` only
 * the deferrals that truly need values known after create.
 */
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import type { AnalysisResult } from "../../engine/analyzer";
import { checkExitCode, checkJson, runCheck } from "../../cli/commands/check";
import type { CheckReport } from "../../cli/commands/check";
import { policies } from "../../policy-packs/kill-chain/policies";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportOf } from "../lib/state";
import type { ProgramRun } from "../../engine";
import { buildOverview, overviewMarkdown, overviewText, STEPS } from "../../cli/present/overview";
import { evaluateControls } from "../../cli/present/controls";

describe("hardened-kill-chain on the reference stack", () => {
    const results: Record<string, AnalysisResult> = {};
    const reports: Record<string, CheckReport> = {};
    before(async () => {
        for (const mode of ["preview", "up"] as const) {
            reports[mode] = await runCheck({ mode }, []);
            results[mode] = reports[mode].analysis;
        }
    });

    test("the pack started through run-policy-pack reports every policy of policies.ts with its metadata", () => {
        const info = results.preview!.packs[0]!;
        assert.equal(info.name, "hardened-kill-chain");
        assert.deepEqual(info.policies.map((p) => p.name).sort(), policies.map((p) => p.name).sort());
        for (const p of info.policies) {
            assert.ok(p.tags.some((t) => t.startsWith("kill-chain:")), `${p.name} has no kill-chain tag`);
            assert.ok(p.remediationSteps && p.url && p.framework?.name, `${p.name} lacks metadata over the wire`);
        }
    });

    for (const mode of ["preview", "up"] as const) {
        test(`zero violations of any level in ${mode} mode`, () => {
            assert.deepEqual(results[mode]!.violations.map((d) => `${d.policy} ${d.urn}: ${d.message}`), []);
        });
    }

    test("zero deferrals in up mode", () => {
        assert.deepEqual(results.up!.deferred, []);
    });

    test("preview deferrals are the IRSA trusts (OIDC provider unknown), the reader grant (key ARN unknown) and the Kubernetes objects, whose provider is built from the cluster being created", () => {
        const deferred = results.preview!.deferred.map((d) => d.message.match(/deferred until apply: (.*)$/)?.[1] ?? d.message);
        const subjects = new Set<string>();
        for (const d of deferred) for (const m of d.matchAll(/(?:[\w.]+, )*([\w.]+) of (urn:\S+) (?:is|are) unknown/g)) subjects.add(m[2]!.split("::").pop()!);
        // A Kubernetes provider whose kubeconfig is unknown previews no outputs (provider_plugin.go Create): stack
        // policies see those objects only in `up`. Their inputs are judged in preview by the resource policies; the
        // Deployment's namespace and image owner (stack facts) wait for `up` too.
        assert.deepEqual([...subjects].sort(), [
            "cluster-vpc-cni-role",
            "kubernetes-ns-payments-allow-dns",
            "kubernetes-ns-payments-default-deny",
            "kubernetes-ns-payments-default-sa",
            "kubernetes-ns-payments-namespace",
            "kubernetes-telemetry-reader-deployment",
            "kubernetes-telemetry-reader-egress",
            "kubernetes-telemetry-reader-ns-allow-dns",
            "kubernetes-telemetry-reader-ns-default-deny",
            "kubernetes-telemetry-reader-ns-default-sa",
            "kubernetes-telemetry-reader-ns-namespace",
            "kubernetes-telemetry-reader-sa",
            "telemetry-reader-grants",
            "telemetry-reader-role",
        ]);
    });

    test("check --json has exactly the documented shape", async () => {
        const doc = checkJson(reports.preview!);
        assert.deepEqual(Object.keys(doc), ["resources", "policies", "violations", "deferred", "differences"]);
        assert.equal(doc.policies, policies.length);
        for (const d of doc.deferred) assert.deepEqual(Object.keys(d), ["policyPack", "policy", "urn", "message"]);
    });

    test("an update preview of the deployed stack decides every deferral of the first preview; --strict fails only while something waits", async () => {
        const file = join(mkdtempSync(join(tmpdir(), "hs-ref-state-")), "state.json");
        writeFileSync(file, JSON.stringify(exportOf(reports.up!.run)));
        const update = await runCheck({ mode: "preview", state: file }, []);
        assert.deepEqual(update.analysis.violations, []);
        assert.deepEqual(update.analysis.deferred, []);
        assert.equal(update.state!.same, update.run.resources.length);
        assert.deepEqual(update.state!.resolved.map((r) => r.urn).sort(), results.preview!.deferred.map((d) => d.urn).sort());
        // What is left are places where the offline check may differ in values no policy of the pack reads (provider
        // defaults, typed round trips): noted, not failed under --strict.
        assert.deepEqual(update.run.differences.filter((d) => d.strict).map((d) => d.key), []);
        assert.equal(checkExitCode(update, true), 0);
        assert.equal(checkExitCode(reports.preview!, false), 0);
        assert.equal(checkExitCode(reports.preview!, true), 1, "the first preview has deferrals: --strict fails");
    });

    // What `npm start` prints, judged on the same preview (the same runCheck the CLI runs): one program run, not two.
    describe("npm start: the reference stack presented for a newcomer", () => {
        const run = () => reports.preview!.run;
        const analysis = () => reports.preview!.analysis;

        test("the text fits one screen: at most 50 lines of at most 130 columns", () => {
            const lines = overviewText(buildOverview(run(), analysis())).split("\n");
            assert.ok(lines.length <= 50, `${lines.length} lines`);
            for (const l of lines) assert.ok(l.length <= 130, `too wide: ${l}`);
        });

        test("the text shows every top-level component, every kill-chain step and the verdict", () => {
            const text = overviewText(buildOverview(run(), analysis()));
            for (const name of ["network", "cluster", "telemetry", "detection", "kubernetes"]) assert.match(text, new RegExp(`^  ${name} `, "m"));
            for (const step of STEPS) assert.match(text, new RegExp(`^  ✓ ${step} `, "m"));
            assert.match(text, /PASSED: no mandatory violation/);
        });

        test("every control of the reference stack is present (none missing)", () => {
            const missing = evaluateControls(run()).filter((c) => c.state === "missing");
            assert.deepEqual(missing, []);
        });

        test("the markdown is complete: every policy with its verdict, every deferral", () => {
            const md = overviewMarkdown(buildOverview(run(), analysis()));
            for (const p of analysis().packs[0]!.policies) assert.ok(md.includes(`\`${p.name}\``), `${p.name} missing`);
            assert.equal((md.match(/^- `[a-z-]+`: deferred until apply/gm) ?? []).length, analysis().deferred.length);
            assert.match(md, /\| step \| what happened at Tesla \| controls in this stack \| policies that guard it \|/);
        });

        test("a stack that opens the API and drops flow logs shows those controls as missing", () => {
            const broken: ProgramRun = {
                ...run(),
                resources: run().resources
                    .filter((r) => r.type !== "aws:ec2/flowLog:FlowLog")
                    .map((r) => r.type === "aws:eks/cluster:Cluster"
                        ? { ...r, inputs: { ...r.inputs, vpcConfig: { ...(r.inputs.vpcConfig as object), endpointPublicAccess: true } } } : r),
            };
            const missing = evaluateControls(broken).filter((c) => c.state === "missing").map((c) => c.label);
            assert.deepEqual(missing, ["EKS API endpoint private only", "VPC flow logs (all traffic)"]);
            assert.match(overviewText(buildOverview(broken, analysis())), /^ {2}! console /m);
        });
    });
});
