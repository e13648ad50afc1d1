/**
 * The kill-chain pack on what the packaged components register when the component provider constructs them for
 * another language's program (tests/components/programs/construct-all.ts, run by the offline engine as `check`
 * runs a program): as clean as the reference program in infra/.
 *
 * Construct is called in the program's process (ComponentProvider.construct), not over gRPC by the engine: the
 * offline engine does not serve a component package's Construct (engine/deployment.ts refuses remote components but
 * the Kubernetes ConfigGroup). What is skipped is only the wire (de)serialization of inputs, which the inputs
 * here reproduce (plain values, Outputs for other components' outputs).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { runCheck } from "../../cli/commands/check";
import type { CheckReport } from "../../cli/commands/check";

const PROGRAM = "tests/components/programs/construct-all.ts";
// The schema analysis inside construct type-checks the package; ts-node doing it again for the program only costs time.
process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";

describe("hardened-kill-chain on the components constructed by the component provider", () => {
    let report: CheckReport;
    before(async () => {
        report = await runCheck({ mode: "up", program: PROGRAM }, []);
    });

    test("every packaged component is constructed under its hardened:index token", () => {
        const types = new Set(report.run.resources.map((r) => r.type));
        for (const c of ["HardenedVpc", "PrivateCluster", "AccessLogBucket", "PrivateBucket", "ThreatDetection", "IrsaRole", "KubernetesLayer", "LockedNamespace"]) {
            assert.ok(types.has(`hardened:index:${c}`), c);
        }
        assert.ok(report.run.resources.length > 150, `only ${report.run.resources.length} resources registered`);
    });

    test("zero violations of any level, as on the reference program", () => {
        assert.equal(report.analysis.packs[0]?.name, "hardened-kill-chain");
        assert.ok(report.analysis.packs[0]!.policies.length > 50, "the whole pack ran");
        assert.deepEqual(report.analysis.violations.map((d) => `${d.policy} ${d.urn}: ${d.message}`), []);
    });

    test("zero deferrals in up mode", () => {
        assert.deepEqual(report.analysis.deferred.map((d) => `${d.policy} ${d.urn}`), []);
    });
});
