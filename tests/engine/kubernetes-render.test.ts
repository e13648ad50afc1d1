// What the Kubernetes provider does in a preview, offline: manifests rendered into child resources (yaml/v2
// ConfigGroup through its Construct, yaml.ConfigFile v1 through the decode invoke), metadata.name autonamed and the
// default namespace applied in Check; Helm charts refused with one line.
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import type { ProgramRun } from "../../engine";
import { analyzeRun } from "../../engine/analyzer";
import type { AnalysisResult } from "../../engine/analyzer";
import { DEFAULT_PACKS } from "../../cli/packs";
import { one, runTest } from "../lib/plan";
import { UNKNOWN } from "../../engine/constants";

const P = "tests/programs/k8s-render";

describe("manifests the Kubernetes provider renders are judged object by object", () => {
    let run: ProgramRun;
    let result: AnalysisResult;
    before(async () => {
        run = await runTest({ program: `${P}/config-group.ts`, mode: "preview" });
        result = await analyzeRun(run, DEFAULT_PACKS);
    });

    test("a yaml/v2 ConfigGroup's objects are child resources, named <group>:<namespace>/<name> and typed as the provider types them", () => {
        const group = one(run, "kubernetes:yaml/v2:ConfigGroup");
        const children = run.resources.filter((r) => r.parent === group.urn).map((r) => `${r.type} ${r.name}`);
        assert.deepEqual(children, ["kubernetes:core/v1:Service miners:monitoring/exporter-metrics", "kubernetes:apps/v1:DaemonSet miners:monitoring/node-exporter"]);
    });

    test("the privileged hostNetwork miner and the public LoadBalancer on 3333 are refused in both the ConfigGroup and the v1 ConfigFile", () => {
        const refused = (name: string) => result.violations.filter((d) => d.enforcementLevel === "mandatory" && d.urn.endsWith(`::${name}`)).map((d) => d.policy);
        for (const prefix of ["miners:", "v1-"]) {
            const miner = refused(`${prefix}monitoring/node-exporter`);
            assert.ok(miner.includes("disallow-privileged-containers") && miner.includes("disallow-host-network"), `${prefix}: ${miner}`);
            assert.ok(refused(`${prefix}monitoring/exporter-metrics`).includes("disallow-public-kubernetes-services"), prefix);
        }
    });

    test("Check names an unnamed object <name>-<8 hex> and puts it in the kubeconfig context's namespace, known in the preview", () => {
        const web = one(run, "kubernetes:apps/v1:Deployment");
        const meta = web.inputs.metadata as Record<string, unknown>;
        assert.match(String(meta.name), /^web-[0-9a-f]{8}$/);
        assert.equal(meta.namespace, "apps");
    });

    test("what Check does that is not reproduced is named, not silent", () => {
        assert.ok(run.differences.some((d) => d.key === "check:kubernetes-typed"));
    });
});

describe("what the offline engine cannot render is never a silent pass", () => {
    test("a ConfigGroup under a provider a first preview cannot configure renders nothing, as in a real preview, and check says so (--strict fails)", async () => {
        const run = await runTest({ program: `${P}/unconfigured.ts`, mode: "preview" });
        const group = one(run, "kubernetes:yaml/v2:ConfigGroup");
        assert.equal(run.resources.filter((r) => r.parent === group.urn).length, 0);
        const note = run.differences.find((d) => d.key === `unrendered:${group.urn}`);
        assert.ok(note?.strict && /no policy saw them/.test(note.what));
    });

    test("a Helm v3 Release is checked as the provider checks it; the chart's version, known only by fetching it, is unknown in a preview", async () => {
        const r = await runTest({ program: `${P}/helm-release.ts`, mode: "preview" });
        const rel = one(r, "kubernetes:helm.sh/v3:Release");
        assert.match(rel.inputs.name as string, /^dashboard-[0-9a-f]{8}$/);
        assert.equal(rel.inputs.timeout, 300);
        assert.equal(rel.inputs.version, UNKNOWN);
        const note = r.differences.find((d) => d.key === "check:helm-chart");
        assert.ok(note?.strict && note.urns.includes(rel.urn));
        const verdict = await analyzeRun(r, DEFAULT_PACKS);
        assert.ok(verdict.violations.some((v) => v.policy === "disallow-unreviewed-helm-releases" && v.urn === rel.urn));
    });

    test("a Helm v4 Chart exits with one line saying its objects cannot be checked offline", async () => {
        await assert.rejects(runTest({ program: `${P}/helm-chart.ts`, mode: "preview" }),
            /kubernetes:helm\.sh\/v4:Chart "dashboard": the Helm chart's objects cannot be checked offline.*`pulumi preview --policy-pack` must decide$/);
    });

    test("a Helm v3 Chart (rendered through the helm template invoke) likewise", async () => {
        await assert.rejects(runTest({ program: `${P}/helm-v3.ts`, mode: "preview" }), /kubernetes:helm:template.*cannot be checked offline/);
    });
});
