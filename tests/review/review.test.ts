import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import type { AnalysisResult, Diagnostic } from "../../engine/analyzer";
import { PreviewScanner, readPreview } from "../../cli/review/preview";
import type { Preview } from "../../cli/review/preview";
import { readEventLog } from "../../cli/review/events";
import { buildReview, exitCodeOf, reviewPreview } from "../../cli/review/review";
import { programRunOf } from "../../cli/review/run";
import { analyzeRun } from "../../engine/analyzer";
import type { Review } from "../../cli/review/review";
import { renderReview, reviewCommand, REVIEW_FORMATS } from "../../cli/commands/review";
import { readPackConfigs } from "../../cli/packs";
import { MARKDOWN_LIMIT } from "../../cli/review/markdown";
import { scrubSecrets } from "../../cli/mask";
import { syntheticPreview } from "./generate";

const PACK = "tests/fixtures/packs/review-pack";
const CLI = "../shared/fixtures/pulumi-cli"; // real CLI output, read where it is kept (see its README)
const DERIVED = "tests/fixtures/review";

/** The vendored OASIS schema is draft-04; Ajv 8 reads it as draft-07 (see tests/fixtures/sarif/README.md). */
function sarifValidator() {
    const schema = JSON.parse(readFileSync("tests/fixtures/sarif/sarif-schema-2.1.0.json", "utf8")) as Record<string, unknown>;
    schema.$id = schema.id;
    delete schema.id;
    schema.$schema = "http://json-schema.org/draft-07/schema#";
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    return ajv.compile(schema);
}

const NO_ANALYSIS: AnalysisResult = { packs: [], violations: [], deferred: [], logs: [], calls: {} };

/** A review without packs: the catalogue's findings only. */
async function review(file: string): Promise<Review> {
    return reviewPreview(await readPreview(file), { packs: [] });
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string }> {
    let stdout = "";
    const code = await reviewCommand(argv, (s) => { stdout += s; });
    return { code, stdout };
}

const R: Record<string, Review> = {};

before(async () => {
    // Starting a pack costs 1-3 s, so the four previews that need review-pack's verdicts are analyzed in one run (their
    // URNs are distinct) and each review takes the verdicts on its own resources; every format below reuses them.
    const inputs: [string, string, string?][] = [
        ["update", `${CLI}/sample-preview-update.json`],
        ["bucket", `${DERIVED}/bucket-policy-public.preview.json`, `${DERIVED}/bucket-policy-public.events.jsonl`],
        ["flow", `${DERIVED}/flow-log-deleted.preview.json`],
        ["secrets", `${DERIVED}/secrets.preview.json`, `${DERIVED}/secrets.events.jsonl`],
    ];
    const previews = await Promise.all(inputs.map(([, f]) => readPreview(f)));
    const runs = previews.map(programRunOf);
    const analysis = await analyzeRun({ ...runs[0]!, resources: runs.flatMap((r) => r.resources) }, [PACK]);
    for (const [i, [name, , events]] of inputs.entries()) {
        const urns = new Set(previews[i]!.steps.map((s) => s.urn));
        const own = (ds: Diagnostic[]) => ds.filter((d) => urns.has(d.urn));
        R[name] = buildReview(previews[i]!, { ...analysis, violations: own(analysis.violations), deferred: own(analysis.deferred) }, events ? await readEventLog(events) : undefined);
    }
    R.creates = await review(`${CLI}/sample-preview-creates.json`);
    R.deletes = await review(`${CLI}/sample-preview-deletes.json`);
    R.eks = await review(`${DERIVED}/eks-endpoint-public.preview.json`);
});

describe("review of the real CLI previews", () => {
    test("a one-line Lambda code change is not blocking: summarised with its changed property, the pack's advisory verdict listed", () => {
        const r = R.update!;
        assert.equal(exitCodeOf(r), 0);
        assert.deepEqual(r.others.map((o) => [o.op, o.urn.split("::").pop(), o.properties]), [["update", "docsHandler", ["code"]]]);
        assert.deepEqual(r.advisory.map((v) => [v.policy, v.op, v.message]), [["review-advise-short-lambda-timeout", "update", "timeout is 180 seconds; keep it at 60 or less"]]);
        assert.deepEqual([r.mandatory.length, r.weakenings.length, r.removals.length], [0, 0, 0]);
        assert.deepEqual(r.counts, { same: 15, update: 1 });
    });
    test("a new stack of a bucket and a Lambda has no control-weakening change (nothing to weaken) and is summarised", () => {
        assert.equal(exitCodeOf(R.creates!), 0);
        assert.equal(R.creates!.others.length, 16);
        assert.ok(R.creates!.others.every((o) => o.op === "create"));
    });
    test("deleting a Lambda and its role attachments is not a security-resource deletion", () => {
        assert.equal(exitCodeOf(R.deletes!), 0);
        assert.equal(R.deletes!.removals.length, 0);
        assert.equal(R.deletes!.others.filter((o) => o.op === "delete").length, 14);
    });
});

describe("review: each finding kind on previews derived from the real ones", () => {
    test("a bucket policy that now allows \"*\" is a mandatory violation (ours and the event log's, merged once) and a weakening: exit 1", () => {
        const r = R.bucket!;
        assert.equal(exitCodeOf(r), 1);
        const ours = r.mandatory.find((v) => v.policy === "review-disallow-public-bucket-policy")!;
        assert.equal(ours.source, "packs+events");
        assert.equal(ours.message, "policy allows Principal \"*\"; name the principals instead", "the event's copy adds no second line");
        assert.equal(ours.step, "s3");
        const foreign = r.mandatory.find((v) => v.policyPack === "org-baseline")!;
        assert.equal(foreign.source, "events");
        assert.equal(r.mandatory.length, 2);
        const [w] = r.weakenings;
        assert.equal(w!.path, "policy");
        assert.match(w!.why, /now allows s3:GetObject on arn:aws:s3:::docs-4936161\/\* to \*/);
        assert.match(w!.why, /no longer denies s3:\*/);
    });
    test("an EKS endpoint becoming public is a weakening shown false → true even though no policy ran: exit 1", () => {
        const r = R.eks!;
        assert.equal(r.packs.length, 0);
        assert.equal(exitCodeOf(r), 1);
        assert.deepEqual(r.weakenings.map((w) => [w.path, w.before, w.after]), [
            ["vpcConfig.endpointPublicAccess", false, true],
            ["vpcConfig.publicAccessCidrs", ["10.20.0.0/16"], ["0.0.0.0/0"]],
        ]);
        const text = renderReview(r, "text");
        assert.match(text, /vpcConfig\.endpointPublicAccess: false → true/);
        assert.match(text, /vpcConfig\.publicAccessCidrs: \["10\.20\.0\.0\/16"\] → \["0\.0\.0\.0\/0"\]/);
    });
    test("a security-relevant value known only after apply is shown as \"(known after apply)\" and does not block on its own", () => {
        const r = R.eks!;
        assert.deepEqual(r.unverified.map((w) => w.path), ["policy"]);
        for (const format of REVIEW_FORMATS) assert.match(renderReview(r, format), /\(known after apply\)/, format);
        const only = buildReview({ ...previewOf(`${DERIVED}/eks-endpoint-public.preview.json`), steps: previewOf(`${DERIVED}/eks-endpoint-public.preview.json`).steps.filter((s) => !s.urn.endsWith("Cluster::platform-cluster")) }, NO_ANALYSIS);
        assert.equal(only.unverified.length, 1);
        assert.equal(exitCodeOf(only), 0);
    });
    test("a deleted flow log and a deleted public access block are findings (exit 1); the stack policy's verdict on the unchanged VPC counts", () => {
        const r = R.flow!;
        assert.equal(exitCodeOf(r), 1);
        assert.deepEqual(r.removals.map((x) => [x.op, x.type]).sort(), [
            ["delete", "aws:ec2/flowLog:FlowLog"], ["delete", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
            ["replace", "kubernetes:networking.k8s.io/v1:NetworkPolicy"]]);
        assert.deepEqual(r.mandatory.map((v) => [v.policy, v.op, v.urn.split("::").pop()]), [["review-require-flow-log", "same", "platform-vpc"]]);
    });
    test("a replaced security resource is reported with its replace reason but does not block by itself", () => {
        const p = previewOf(`${DERIVED}/flow-log-deleted.preview.json`);
        const r = buildReview({ ...p, steps: p.steps.filter((s) => s.op !== "delete") }, NO_ANALYSIS);
        assert.deepEqual(r.removals.map((x) => [x.op, x.replaceReasons]), [["replace", ["metadata.name"]]]);
        assert.equal(exitCodeOf(r), 0);
        assert.match(renderReview(r, "markdown"), /replaced because of `metadata\.name`/);
    });
    test("a resource policy's violation on an unchanged resource predates the change: listed, not counted; a stack policy's, without the old stack's verdicts, is counted", () => {
        const p = previewOf(`${DERIVED}/flow-log-deleted.preview.json`);
        const vpc = p.steps.find((s) => s.urn.endsWith("Vpc::platform-vpc"))!.urn;
        const diag = (phase: Diagnostic["phase"]): Diagnostic => ({ policyPack: "p", policyPackVersion: "1", policy: `x-${phase}`, enforcementLevel: "mandatory",
            urn: vpc, message: "m", description: "d", severity: "high", phase });
        const r = buildReview(p, { ...NO_ANALYSIS, violations: [diag("analyze"), diag("stack")] });
        assert.deepEqual(r.unchanged.map((v) => v.policy), ["x-analyze"]);
        assert.deepEqual(r.mandatory.map((v) => v.policy), ["x-stack"]);
    });
    test("an event-log verdict that is a preview deferral is listed as waiting for `pulumi up`, not as a violation", () => {
        const p = previewOf(`${DERIVED}/eks-endpoint-public.preview.json`);
        const urn = p.steps.find((s) => s.urn.endsWith("Cluster::platform-cluster"))!.urn;
        const r = buildReview(p, NO_ANALYSIS, { file: "e.jsonl", packs: {}, events: 1, stacks: [], verdicts: [{ policyPack: "org", policyPackVersion: "1", policy: "require-x",
            enforcementLevel: "advisory", urn, severity: "", message: "Requires x.\ncan't run policy 'require-x' from policy pack 'org' during preview: roleArn is unknown" }] });
        assert.deepEqual(r.deferred.map((v) => v.message), ["roleArn is unknown"]);
        assert.equal(r.advisory.length, 0);
    });
});

describe("review output formats", () => {
    const validate = sarifValidator();

    test("the SARIF of every fixture review validates against the OASIS SARIF 2.1.0 schema", () => {
        for (const [name, r] of Object.entries(R)) {
            const doc = JSON.parse(renderReview(r, "sarif")) as unknown;
            assert.ok(validate(doc), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
        }
    });
    test("the schema check can fail: a result with an invalid level is rejected", () => {
        const doc = JSON.parse(renderReview(R.bucket!, "sarif")) as { runs: { results: { level: string }[] }[] };
        doc.runs[0]!.results[0]!.level = "fatal";
        assert.equal(validate(doc), false);
    });
    test("SARIF: one rule per policy with its metadata; results carry the URN and the program line from sourcePosition", () => {
        const doc = JSON.parse(renderReview(R.bucket!, "sarif")) as { runs: { tool: { driver: { rules: Record<string, unknown>[] } }; results: Record<string, unknown>[] }[] };
        const run = doc.runs[0]!;
        const rule = run.tool.driver.rules.find((x) => x.id === "review-pack/review-disallow-public-bucket-policy")!;
        assert.equal(rule.helpUri, "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html");
        assert.deepEqual(rule.defaultConfiguration, { level: "error" });
        assert.deepEqual((rule.properties as Record<string, unknown>)["security-severity"], "9.5");
        assert.equal(run.tool.driver.rules.filter((x) => String(x.id).startsWith("review-pack/")).length, 4);
        const result = run.results.find((x) => x.ruleId === "review-pack/review-disallow-public-bucket-policy")! as {
            level: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } }; logicalLocations: { fullyQualifiedName: string; kind: string }[] }[] };
        assert.equal(result.level, "error");
        assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, "review-pack/review-disallow-public-bucket-policy");
        assert.deepEqual(result.locations[0]!.logicalLocations[0], { name: "aws:s3/bucketPolicy:BucketPolicy::docs-policy", fullyQualifiedName: "urn:pulumi:dev::sample::aws:s3/bucketPolicy:BucketPolicy::docs-policy", kind: "resource" });
        assert.deepEqual(result.locations[0]!.physicalLocation.artifactLocation.uri, "index.ts");
        assert.deepEqual(result.locations[0]!.physicalLocation.region, { startLine: 12, startColumn: 21 });
    });
    test("SARIF: a resource declared inside a library is placed at the program line of its nearest program-declared ancestor", () => {
        const doc = JSON.parse(renderReview(R.eks!, "sarif", "deploy")) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
        const weakened = doc.runs[0]!.results.filter((x) => x.ruleId === "hardened-stack/control-weakened");
        assert.equal(weakened.length, 2);
        assert.deepEqual(weakened.map((x) => [x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine]), [["deploy/infra/index.ts", 41], ["deploy/infra/index.ts", 41]]);
    });
    test("JSON: before and after of each weakening, the verdicts and the exit code, for machines", () => {
        const j = JSON.parse(renderReview(R.eks!, "json")) as { exitCode: number; controlWeakenings: { property: string; before: string; after: string }[]; knownAfterApply: { after: string }[] };
        assert.equal(j.exitCode, 1);
        assert.deepEqual(j.controlWeakenings.map((w) => [w.property, w.before, w.after]), [["vpcConfig.endpointPublicAccess", "false", "true"], ["vpcConfig.publicAccessCidrs", "[\"10.20.0.0/16\"]", "[\"0.0.0.0/0\"]"]]);
        assert.equal(j.knownAfterApply[0]!.after, "(known after apply)");
    });
    test("Markdown: findings first (violations, weakenings, removals), the rest folded in <details>", () => {
        const md = renderReview(R.flow!, "markdown");
        assert.ok(md.startsWith("<!-- hardened-stack-review -->\n## HardenedStack review of `hardened-stack/dev`: ❌ blocking findings"));
        const order = ["### ❌ Mandatory policy violations", "### 🗑️ Security resources deleted or replaced", "<details><summary>Everything else"].map((h) => md.indexOf(h));
        assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!)), JSON.stringify(order));
        assert.match(md, /\| `aws:ec2\/flowLog:FlowLog::platform-flow-log` \| \*\*deleted\*\* \| connections to a mining pool would no longer be recorded \|/);
    });
    test("Markdown: a pack message cannot inject HTML or break the table", () => {
        const r = { ...R.update!, advisory: [{ ...R.update!.advisory[0]!, message: "<details open><script>x</script> a | b\nc" }] };
        const md = renderReview(r, "markdown");
        assert.ok(md.includes("&lt;details open&gt;&lt;script&gt;x&lt;/script&gt; a \\| b<br>c"));
        assert.ok(!md.includes("<script>"));
    });
});

describe("review: secrets never appear in any output format", () => {
    test("masked values, secret signature objects and a pack that echoes a secret: no plaintext in markdown, sarif, json or text", () => {
        const r = R.secrets!;
        assert.ok(r.secretTexts.includes("hunter2-DO-NOT-PRINT-7731"), "the plaintext was seen, so the test can fail");
        for (const format of REVIEW_FORMATS) {
            const out = renderReview(r, format);
            assert.doesNotMatch(out, /DO-NOT-PRINT|hunter2|1b47061264138c4ac30d75fd1eb44270/, format);
            assert.match(out, /\[secret\]/, format);
        }
    });
    test("a role policy that became a secret is listed as not comparable here, shown as \"[secret]\", not as a weakening of its text", () => {
        assert.deepEqual(R.secrets!.weakenings, []);
        const [w] = R.secrets!.unverified;
        assert.equal(w!.path, "policy");
        assert.equal(w!.after, "[secret]");
        assert.equal(w!.secret, true);
        assert.match(renderReview(R.secrets!, "text"), /→ \[secret\] {2}\(secret: not compared here\)/);
    });
    test("scrubSecrets removes a known plaintext, also in its JSON-escaped form", () => {
        assert.equal(scrubSecrets("a pa\"ss b \"pa\\\"ss\"", ["pa\"ss"]), "a [secret] b \"[secret]\"");
    });
});

describe("review: size and exit codes", () => {
    test("Markdown stays under GitHub's 65,536-character comment limit on a 5,000-resource preview with 10,000 findings", () => {
        const scanner = new PreviewScanner("big.json");
        scanner.feed(Buffer.from(syntheticPreview(5000)));
        const p = scanner.end();
        const violations: Diagnostic[] = p.steps.slice(1).map((s) => ({ policyPack: "p", policyPackVersion: "1", policy: "disallow-ssh", enforcementLevel: "mandatory",
            urn: s.urn, message: `SSH is open to the internet on ${s.urn} ${"x".repeat(300)}`, description: "", severity: "high", phase: "analyze" }));
        const r = buildReview(p, { ...NO_ANALYSIS, violations });
        assert.equal(r.mandatory.length, 5000);
        assert.equal(r.weakenings.length, 5000);
        const md = renderReview(r, "markdown");
        assert.ok(md.length <= MARKDOWN_LIMIT && md.length < 65536, `${md.length} characters`);
        assert.match(md, /\*\*5000 mandatory violations · 5000 control-weakening changes/);
        assert.match(md, /more not shown here/);
        assert.ok(md.includes("### ⚠️ Changes that weaken a control (5000)"), "every section heading survives the cut");
        assert.ok(md.trimEnd().endsWith("</sub>"));
    });
    test("the CLI exits 1 on a control-weakening change even when the pack config makes the policy advisory (as the preview was run)", async () => {
        const cfg = join(mkdtempSync(join(tmpdir(), "review-cfg-")), "pack-config.json");
        writeFileSync(cfg, JSON.stringify({ "review-disallow-public-bucket-policy": "advisory" }));
        const r = await cli([`${DERIVED}/bucket-policy-public.preview.json`, "--policy-pack", PACK, "--policy-pack-config", cfg, "--format", "json"]);
        assert.equal(r.code, 1);
        const j = JSON.parse(r.stdout) as { mandatoryViolations: unknown[]; advisoryViolations: { policy: string; enforcementLevel: string }[]; controlWeakenings: { property: string }[] };
        assert.deepEqual(j.mandatoryViolations, []);
        assert.ok(j.advisoryViolations.some((v) => v.policy === "review-disallow-public-bucket-policy" && v.enforcementLevel === "advisory"));
        assert.deepEqual(j.controlWeakenings.map((w) => w.property), ["policy"]);
    });
    test("a preview whose diagnostics hold an error is blocking in every format, never \"nothing blocking\"", () => {
        const p = previewOf(`${CLI}/sample-preview-update.json`);
        const clean = buildReview(p, NO_ANALYSIS);
        assert.equal(exitCodeOf(clean), 0, "the same preview without the error blocks nothing, so the test can fail");
        const r = buildReview({ ...p, diagnostics: [{ message: "error: aws:lambda:Function docsHandler: program failed", severity: "error" }, { message: "a warning", severity: "warning" }] }, NO_ANALYSIS);
        assert.equal(exitCodeOf(r), 1);
        const text = renderReview(r, "text");
        assert.doesNotMatch(text, /OK: nothing blocking/);
        assert.match(text, /BLOCKING: the preview reported 1 error, so its steps may be incomplete\.$/);
        const md = renderReview(r, "markdown");
        assert.match(md, /: ❌ the preview failed\n/);
        assert.doesNotMatch(md, /nothing blocking/);
        const j = JSON.parse(renderReview(r, "json")) as { exitCode: number; blocking: boolean; blockingReasons: string[] };
        assert.deepEqual([j.exitCode, j.blocking, j.blockingReasons], [1, true, ["the preview reported 1 error, so its steps may be incomplete"]]);
        const sarif = JSON.parse(renderReview(r, "sarif")) as { runs: { results: { ruleId: string; level: string }[] }[] };
        assert.deepEqual(sarif.runs[0]!.results.filter((x) => x.ruleId === "hardened-stack/preview-error").map((x) => x.level), ["error"]);
    });
    test("pack config files pair with the packs in order; a count mismatch is a usage error", () => {
        assert.throws(() => readPackConfigs(["a", "b"], ["x.json"]), /the number of "--policy-pack-config" flags must match the number of "--policy-pack" flags \(2 pack\(s\), 1 config file\(s\)\)/);
        assert.deepEqual(readPackConfigs(["a"], []), {});
    });
});

function previewOf(file: string): Preview {
    const s = new PreviewScanner(file);
    s.feed(readFileSync(file));
    return s.end();
}
