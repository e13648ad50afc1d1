import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import Ajv from "ajv";
import addFormats from "ajv-formats";

interface Step { name?: string; id?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string; "continue-on-error"?: boolean }
interface Job { needs?: string; "runs-on": string; permissions?: Record<string, string>; env?: Record<string, string>; steps: Step[] }
interface Workflow { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> }

const wf = parse(readFileSync(".github/workflows/pull-request.yml", "utf8")) as Workflow;
const review = wf.jobs.review!;
const REVIEW_STEP = "Review (Markdown, SARIF and JUnit from one run)";
const step = (name: string) => {
    const s = review.steps.find((x) => x.name === name);
    assert.ok(s, `step ${name}`);
    return s;
};

describe("pull-request workflow: the steps a platform team relies on", () => {
    test("runs on pull requests with read-only default permissions", () => {
        assert.ok("pull_request" in wf.on);
        assert.deepEqual(wf.permissions, { contents: "read" });
    });
    test("the checks job installs, lints and tests", () => {
        const runs = wf.jobs.checks!.steps.map((s) => s.run).filter(Boolean);
        assert.deepEqual(runs, ["npm ci", "npm run lint", "npm test"]);
    });
    test("the review job runs after the checks, with only the permissions it needs (OIDC, PR comment, SARIF upload)", () => {
        assert.equal(review.needs, "checks");
        assert.deepEqual(review.permissions, { contents: "read", "id-token": "write", "pull-requests": "write", "security-events": "write" });
        const creds = review.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!;
        assert.ok(creds.with!["role-to-assume"], "AWS access is a role assumed through OIDC, never stored keys");
        assert.ok(!JSON.stringify(wf).includes("AWS_SECRET_ACCESS_KEY"));
    });
    test("the official pulumi/actions only installs the CLI; the one preview runs the pack, writes JSON and the event log, and does not stop the review", () => {
        const install = step("Install the Pulumi CLI");
        assert.match(install.uses!, /^pulumi\/actions@v\d+$/);
        assert.equal(install.with?.command, undefined, "no second preview through the action");
        const preview = step("Pulumi preview with the policy pack");
        assert.match(preview.run!, /pulumi preview --stack "\$PULUMI_STACK" --policy-pack "\$POLICY_PACK" --json --event-log "\$PREVIEW_EVENTS" > "\$PREVIEW_JSON"/);
        assert.equal(preview["continue-on-error"], true);
        assert.equal(review.env!.POLICY_PACK, "policy-packs/kill-chain");
        const previews = review.steps.filter((x) => /^\s*pulumi preview\b/m.test(x.run ?? "") || x.with?.command === "preview");
        assert.equal(previews.length, 1, "the packs run once");
        assert.ok(review.steps.indexOf(step("Install")) < review.steps.indexOf(preview), "npm ci builds the pack before it is used");
    });
    test("one review writes Markdown, SARIF and JUnit; they go to the job summary, a sticky PR comment, code scanning and an artifact; blocking findings fail the job", () => {
        const run = step("Review (Markdown, SARIF and JUnit from one run)").run!;
        assert.match(run, /npx hardened-stack review "\$PREVIEW_JSON" --events "\$PREVIEW_EVENTS" --format markdown,sarif,junit --output-dir "\$RUNNER_TEMP\/review"/);
        assert.equal(review.steps.filter((x) => x.run?.includes("hardened-stack review")).length, 1, "the review runs once");
        const comment = step("Review comment on the pull request");
        assert.match(comment.uses!, /^marocchino\/sticky-pull-request-comment@/);
        assert.equal(comment.with!.path, "${{ runner.temp }}/review/review.md");
        const upload = step("Upload the review to code scanning");
        assert.match(upload.uses!, /^github\/codeql-action\/upload-sarif@/);
        assert.equal(upload.with!.sarif_file, "${{ runner.temp }}/review/review.sarif");
        assert.equal(step("Keep the JUnit report for test dashboards").with!.path, "${{ runner.temp }}/review/review.xml");
        const fail = step("Fail on blocking findings");
        assert.match(fail.if!, /steps\.review\.outputs\.exit-code != '0'/);
        assert.match(fail.if!, /steps\.preview\.outcome == 'failure'/);
        const order = ["Pulumi preview with the policy pack", "Review (Markdown, SARIF and JUnit from one run)", "Review comment on the pull request", "Upload the review to code scanning", "Fail on blocking findings"]
            .map((n) => review.steps.indexOf(step(n)));
        assert.deepEqual([...order].sort((a, b) => a - b), order);
    });
});

describe("pull-request workflow: its review steps, run as written against the fixtures", () => {
    const tmp = mkdtempSync(join(tmpdir(), "workflow-"));
    const env = {
        ...process.env, RUNNER_TEMP: tmp, GITHUB_STEP_SUMMARY: join(tmp, "summary.md"), GITHUB_OUTPUT: join(tmp, "output"),
        PREVIEW_JSON: "tests/fixtures/review/bucket-policy-public.preview.json", PREVIEW_EVENTS: "tests/fixtures/review/bucket-policy-public.events.jsonl",
    };
    type Ran = { status: number | null; stderr: string };
    const runStep = (name: string, extra: Record<string, string> = {}) => new Promise<Ran>((resolve) => {
        const child = spawn("bash", ["-e", "-c", step(name).run!], { env: { ...env, ...extra }, cwd: process.cwd() });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
        child.on("close", (status) => resolve({ status, stderr }));
    });
    let reviewRun: Ran;
    let brokenRun: Ran;
    before(async () => {
        writeFileSync(env.GITHUB_STEP_SUMMARY, "");
        writeFileSync(env.GITHUB_OUTPUT, "");
        const bad = join(tmp, "broken.json");
        writeFileSync(bad, "{\"steps\": [");
        // The two runs are independent (each writes its own files), so they run side by side.
        [reviewRun, brokenRun] = await Promise.all([
            runStep(REVIEW_STEP),
            runStep(REVIEW_STEP, { PREVIEW_JSON: bad, GITHUB_STEP_SUMMARY: join(tmp, "broken-summary.md"), GITHUB_OUTPUT: join(tmp, "broken-output"), RUNNER_TEMP: mkdtempSync(join(tmpdir(), "workflow-broken-")) }),
        ]);
    });

    test("the review step appends the Markdown review to the summary and records exit code 1 for a bucket policy opened to \"*\"", () => {
        assert.equal(reviewRun.status, 0, reviewRun.stderr);
        assert.match(readFileSync(env.GITHUB_OUTPUT, "utf8"), /^exit-code=1$/m);
        const summary = readFileSync(env.GITHUB_STEP_SUMMARY, "utf8");
        assert.ok(summary.startsWith("<!-- hardened-stack-review -->"));
        assert.match(summary, /Changes that weaken a control/);
        assert.match(summary, /org-baseline\/org-disallow-anonymous-read/, "the event log's verdicts are in the comment");
        assert.equal(summary, readFileSync(join(tmp, "review", "review.md"), "utf8"), "the PR comment is the summary");
        assert.match(readFileSync(join(tmp, "review", "review.xml"), "utf8"), /^<\?xml [^]*<testsuites [^]*failures="[1-9]/);
    });
    test("the same step writes a SARIF file that validates against SARIF 2.1.0", () => {
        assert.equal(reviewRun.status, 0, reviewRun.stderr);
        const schema = JSON.parse(readFileSync("tests/fixtures/sarif/sarif-schema-2.1.0.json", "utf8")) as Record<string, unknown>;
        schema.$id = schema.id;
        delete schema.id;
        schema.$schema = "http://json-schema.org/draft-07/schema#";
        const ajv = new Ajv({ strict: false });
        addFormats(ajv);
        const doc = JSON.parse(readFileSync(join(tmp, "review", "review.sarif"), "utf8")) as { runs: { results: unknown[] }[] };
        assert.ok(ajv.validate(schema, doc), JSON.stringify(ajv.errors));
        assert.ok(doc.runs[0]!.results.length > 0);
    });
    test("a broken preview stops the review step (exit 2), so nothing half-made is posted", () => {
        assert.notEqual(brokenRun.status, 0);
        assert.match(brokenRun.stderr, /broken\.json: truncated/);
    });
});
