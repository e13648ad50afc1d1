import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { runProgram } from "../../engine";
import type { ProgramRun } from "../../engine";
import { analyzeRun } from "../../engine/analyzer";
import type { AnalysisResult } from "../../engine/analyzer";
import { DEFAULT_PACKS } from "../../cli/packs";
import { buildOverview, overviewMarkdown, overviewText, STEPS } from "../../cli/present/overview";
import { evaluateControls } from "../../cli/present/controls";

describe("npm start: the reference stack presented for a newcomer", () => {
    let run: ProgramRun;
    let analysis: AnalysisResult;
    before(async () => {
        run = await runProgram({ mode: "preview" });
        analysis = await analyzeRun(run, DEFAULT_PACKS);
    });

    test("the text fits one screen: at most 50 lines of at most 130 columns", () => {
        const lines = overviewText(buildOverview(run, analysis)).split("\n");
        assert.ok(lines.length <= 50, `${lines.length} lines`);
        for (const l of lines) assert.ok(l.length <= 130, `too wide: ${l}`);
    });

    test("the text shows every top-level component, every kill-chain step and the verdict", () => {
        const text = overviewText(buildOverview(run, analysis));
        for (const name of ["network", "cluster", "telemetry", "detection", "kubernetes"]) assert.match(text, new RegExp(`^  ${name} `, "m"));
        for (const step of STEPS) assert.match(text, new RegExp(`^  ✓ ${step} `, "m"));
        assert.match(text, /PASSED: no mandatory violation/);
    });

    test("every control of the reference stack is present (none missing)", () => {
        const missing = evaluateControls(run).filter((c) => c.state === "missing");
        assert.deepEqual(missing, []);
    });

    test("the markdown is complete: every policy with its verdict, every deferral", () => {
        const md = overviewMarkdown(buildOverview(run, analysis));
        for (const p of analysis.packs[0]!.policies) assert.ok(md.includes(`\`${p.name}\``), `${p.name} missing`);
        assert.equal((md.match(/^- `[a-z-]+`: deferred until apply/gm) ?? []).length, analysis.deferred.length);
        assert.match(md, /\| step \| what happened at Tesla \| controls in this stack \| policies that guard it \|/);
    });

    test("a stack that opens the API and drops flow logs shows those controls as missing", () => {
        const broken: ProgramRun = {
            ...run,
            resources: run.resources
                .filter((r) => r.type !== "aws:ec2/flowLog:FlowLog")
                .map((r) => r.type === "aws:eks/cluster:Cluster"
                    ? { ...r, inputs: { ...r.inputs, vpcConfig: { ...(r.inputs.vpcConfig as object), endpointPublicAccess: true } } } : r),
        };
        const missing = evaluateControls(broken).filter((c) => c.state === "missing").map((c) => c.label);
        assert.deepEqual(missing, ["EKS API endpoint private only", "VPC flow logs (all traffic)"]);
        assert.match(overviewText(buildOverview(broken, analysis)), /^ {2}! console /m);
    });
});
