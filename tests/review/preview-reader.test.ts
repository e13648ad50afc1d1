import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { PreviewScanner, readPreview, ReviewInputError } from "../../cli/review/preview";
import { readEventLog } from "../../cli/review/events";
import { programRunOf } from "../../cli/review/run";
import { locateJsonError } from "../../cli/review/json-error";
import { reviewCommand } from "../../cli/commands/review";
import { syntheticPreview } from "./generate";

const CLI = "../shared/fixtures/pulumi-cli"; // real CLI output, read where it is kept (see its README)
const dir = mkdtempSync(join(tmpdir(), "review-reader-"));
const write = (name: string, text: string | Buffer) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
};

/** Runs `hardened-stack review` in this process; returns the exit code and what went to stderr and stdout. */
async function cli(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
    let stderr = "";
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string | Uint8Array) => { stderr += String(s); return true; }) as typeof process.stderr.write;
    let stdout = "";
    try {
        const code = await reviewCommand(argv, (s) => { stdout += s; });
        return { code, stderr, stdout };
    } finally {
        process.stderr.write = orig;
    }
}

describe("preview reader: real `pulumi preview --json` output", () => {
    test("reads every step of the real fixtures with op, urn, states and detailedDiff", async () => {
        const update = await readPreview(`${CLI}/sample-preview-update.json`);
        assert.equal(update.steps.length, 16);
        assert.deepEqual(update.changeSummary, { same: 15, update: 1 });
        const fn = update.steps.find((s) => s.op === "update")!;
        assert.deepEqual(fn.detailedDiff, { code: { kind: "update", inputDiff: false } });
        assert.equal(fn.newState!.sourcePosition, "project:///node_modules/@pulumi/lambda/lambdaMixins.ts#426,9");
        assert.equal(fn.oldState!.inputs!.timeout, 180);
        const deletes = await readPreview(`${CLI}/sample-preview-deletes.json`);
        assert.equal(deletes.steps.filter((s) => s.op === "delete").length, 14);
        assert.ok(deletes.steps.filter((s) => s.op === "delete").every((s) => s.newState === undefined && s.oldState!.type));
    });

    test("an unchanged resource keeps its old outputs (stack policies read them); a changed one keeps only inputs", async () => {
        const update = await readPreview(`${CLI}/sample-preview-update.json`);
        const bucket = update.steps.find((s) => s.urn.endsWith("Bucket::docs"))!;
        assert.equal(bucket.oldState!.outputs!.arn, "arn:aws:s3:::docs-4936161");
        const fn = update.steps.find((s) => s.op === "update")!;
        assert.equal(fn.oldState!.outputs, undefined);
        const run = programRunOf(update);
        assert.equal(run.resources.find((r) => r.urn.endsWith("Bucket::docs"))!.outputs.arn, "arn:aws:s3:::docs-4936161");
        assert.equal(run.project, "sample");
        assert.equal(run.stack, "dev");
        assert.equal(run.resources.length, 16);
    });

    test("the preview of a new stack keeps the unknown sentinel in the new state, as the packs expect it", async () => {
        const creates = await readPreview(`${CLI}/sample-preview-creates.json`);
        const run = programRunOf(creates);
        assert.equal(run.resources.find((r) => r.type === "aws:lambda/function:Function")!.inputs.role, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        assert.deepEqual(run.resources.find((r) => r.type === "aws:lambda/function:Function")!.propertyDependencies.role,
            ["urn:pulumi:dev::sample::aws:s3/bucket:Bucket$aws:s3:BucketEventSubscription$aws:iam/role:Role::docsHandler"]);
    });

    test("chunk boundaries do not matter: the file fed one byte at a time reads the same as in one piece", async () => {
        const bytes = readFileSync(`${CLI}/sample-preview-creates.json`);
        const whole = new PreviewScanner("x");
        whole.feed(bytes);
        const bytewise = new PreviewScanner("x");
        for (let i = 0; i < bytes.length; i++) bytewise.feed(bytes.subarray(i, i + 1));
        assert.deepEqual(bytewise.end().steps, whole.end().steps);
    });

    test("reads the preview from stdin for -", async () => {
        const p = await readPreview("-", Readable.from([readFileSync(`${CLI}/sample-preview-update.json`)]));
        assert.equal(p.file, "<stdin>");
        assert.equal(p.steps.length, 16);
    });

    test("reads the real engine event log: the policyEvent with its pack, policy, level and colour tags removed", async () => {
        const log = await readEventLog(`${CLI}/analyze-failure.eventstream.jsonl`);
        assert.deepEqual(log.verdicts, [{ policyPack: "analyzerA", policyPackVersion: "", policy: "always-fails", enforcementLevel: "mandatory",
            urn: "urn:pulumi:test::test::pkgA:m:typA::resA", message: "a policy failed", severity: "" }]);
        assert.deepEqual(log.packs, { analyzerA: "" });
    });
});

describe("preview reader: bad input is one line naming the file and the position, exit 2", () => {
    const real = readFileSync(`${CLI}/sample-preview-update.json`, "utf8");

    const cases: [string, () => string, RegExp][] = [
        ["empty", () => write("empty.json", ""), /empty\.json: empty input: expected the output of `pulumi preview --json`$/],
        ["whitespace only", () => write("blank.json", "  \n\n"), /blank\.json: empty input/],
        ["truncated inside the steps", () => write("truncated.json", real.slice(0, 20000)), /truncated\.json: truncated: the JSON ends inside the steps array, after \d+ complete steps at line \d+, column \d+ \(byte 20000\)$/],
        ["truncated at the end", () => write("cut-end.json", real.trimEnd().slice(0, -1)), /cut-end\.json: truncated: the JSON ends before the document is complete at line \d+/],
        ["malformed inside a step", () => write("malformed.json", real.replace("\"custom\": true,\n                \"id\": \"docs-4936161\"", "\"custom\": tru,\n                \"id\": \"docs-4936161\"")),
            /malformed\.json: not valid JSON \(expected a value\) at line 33, column 27 \(byte \d+\)$/],
        ["malformed between top-level keys", () => write("comma.json", real.replace("\"steps\": [", "\"steps\" [")), /comma\.json: not valid JSON: expected ':' after a property name at line 5, column 13/],
        ["not JSON at all", () => write("text.txt", "Previewing update (dev):\n  + pulumi:pulumi:Stack"), /text\.txt: not a Pulumi preview: expected a JSON object .* at line 1, column 1 \(byte 0\)$/],
        ["valid JSON but a stack export", () => write("export.json", readFileSync(`${CLI}/sample-export.json`)), /export\.json: not a Pulumi preview: no "steps" array \(this looks like `pulumi stack export` output\)/],
        ["valid JSON but steps is not an array", () => write("steps-object.json", "{\"steps\": {\"op\": \"create\"}}"), /steps-object\.json: not a Pulumi preview: "steps" is not an array$/],
        ["a JSON array", () => write("array.json", "[1, 2]"), /array\.json: not a Pulumi preview: expected a JSON object/],
        ["a step without op", () => write("no-op.json", "{\"steps\": [{\"urn\": \"urn:pulumi:dev::p::t:m:T::x\"}]}"), /no-op\.json: not a Pulumi preview: step 1 has no "op" and "urn" at line 1, column 12/],
        ["an event log given as the preview", () => write("events.json", readFileSync(`${CLI}/analyze-failure.eventstream.jsonl`)), /events\.json: .*(more than one JSON document|no "steps" array)/],
        ["a missing file", () => join(dir, "nope.json"), /nope\.json: cannot read the preview \(no such file\)$/],
        ["a step with an op the review does not know", () => write("unknown-op.json", real.replace("\"op\": \"update\"", "\"op\": \"teleport\"")),
            /unknown-op\.json: .*step 11 \(urn:pulumi:dev::sample::.*\$aws:lambda\/function:Function::docsHandler\) has the unknown op "teleport"; expected one of same, create/],
        ["an unknown op and a URN carrying escape sequences and a newline", () => write("escapes.json", "{\"steps\": [{\"op\": \"x\\u001b[2J\\nforged\", \"urn\": \"urn:pulumi:dev::p::t:m:T::a\\u001b]0;title\\u0007b\\nOK: nothing blocking\"}]}"),
            /escapes\.json: .*step 1 \(urn:pulumi:dev::p::t:m:T::ab\\x0aOK: nothing blocking\) has the unknown op "x\\x0aforged"/],
    ];
    for (const [name, make, expected] of cases) {
        test(`${name}: exit 2 and one clear line`, async () => {
            const r = await cli([make()]);
            assert.equal(r.code, 2);
            assert.equal(r.stdout, "");
            const lines = r.stderr.trimEnd().split("\n");
            assert.equal(lines.length, 1, r.stderr);
            assert.match(lines[0]!, /^hardened-stack: review: /);
            assert.match(lines[0]!, expected);
            assert.ok(!lines[0]!.includes("\u001b"), "no escape sequence reaches the terminal");
        });
    }

    test("the error never quotes the input, so a secret next to the fault is not printed", async () => {
        const f = write("leak.json", "{\"steps\": [{\"op\": \"create\", \"urn\": \"urn:pulumi:dev::p::t:m:T::x\", \"password\": \"s3cr3t-value\" oops}]}");
        const r = await cli([f]);
        assert.equal(r.code, 2);
        assert.doesNotMatch(r.stderr, /s3cr3t/);
        assert.match(r.stderr, /not valid JSON \(expected ',' or '\}'\) at line 1, column 94 \(byte 93\)/);
    });

    test("an event log of another project/stack is exit 2 naming both, not merged", async () => {
        const r = await cli([`${CLI}/sample-preview-update.json`, "--events", "tests/fixtures/review/secrets.events.jsonl"]);
        assert.equal(r.code, 2);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, /^hardened-stack: review: tests\/fixtures\/review\/secrets\.events\.jsonl: the event log is of hardened-stack\/dev but \.\.\/shared\/fixtures\/pulumi-cli\/sample-preview-update\.json is a preview of sample\/dev; pass the --event-log written by the same `pulumi preview` run\n$/);
        const otherStack = write("prod.events.jsonl", readFileSync("tests/fixtures/review/bucket-policy-public.events.jsonl", "utf8").replaceAll("urn:pulumi:dev::", "urn:pulumi:prod::"));
        assert.match((await cli([`${CLI}/sample-preview-update.json`, "--events", otherStack])).stderr, /is of sample\/prod but .* is a preview of sample\/dev/);
    });

    test("a bad event log is exit 2 naming the file and the line", async () => {
        const f = write("bad-events.jsonl", "{\"sequence\":0,\"policyLoadEvent\":{}}\n{\"sequence\":1,\n");
        const r = await cli([`${CLI}/sample-preview-update.json`, "--events", f]);
        assert.equal(r.code, 2);
        assert.match(r.stderr.trim(), /^hardened-stack: review: .*bad-events\.jsonl: line 2 is not valid JSON \(the JSON ends early\) at column 15; expected one engine event per line/);
        const notEvents = write("not-events.jsonl", "{\"a\":1}\n");
        assert.match((await cli([`${CLI}/sample-preview-update.json`, "--events", notEvents])).stderr, /not a Pulumi event log/);
    });

    test("a missing preview argument and an unknown format are usage errors", async () => {
        assert.equal((await cli([])).code, 2);
        await assert.rejects(cli([`${CLI}/sample-preview-update.json`, "--format", "html"]), /--format must be one or more of markdown, sarif, json, text, junit \(comma-separated\), not "html"/);
    });

    test("locateJsonError finds the first fault, including ones JSON.parse reports without a position", () => {
        assert.deepEqual(locateJsonError("{\"a\":}"), { index: 5, reason: "expected a value" });
        assert.deepEqual(locateJsonError("[1,2,x]"), { index: 5, reason: "expected a value" });
        assert.deepEqual(locateJsonError("{\"a\":1"), { index: 6, reason: "the JSON ends early" });
        assert.deepEqual(locateJsonError("{\"a\":\"\\q\"}"), { index: 6, reason: "invalid string" });
        assert.equal(locateJsonError("{\"a\": [1, {\"b\": null}]}").reason, "no error found");
    });

    test("ReviewInputError is what the reader throws for bad input", async () => {
        await assert.rejects(readPreview(write("e2.json", "")), ReviewInputError);
    });
});

describe("preview reader: memory stays a small multiple of the file, not of the document", () => {
    let file: string;
    before(() => { file = write("big.json", syntheticPreview(5000, 9500)); });

    test("a ~50 MB preview is read with a peak RSS growth under 1.5x its size (JSON.parse of the text would hold text and tree)", () => {
        const size = statSync(file).size;
        assert.ok(size > 45e6, `generated ${size} bytes`);
        const script = [
            "const { readPreview } = require('./cli/review/preview');",
            "const base = process.memoryUsage().rss;",
            `readPreview(${JSON.stringify(file)}).then((p) => {`,
            "  console.log(JSON.stringify({ steps: p.steps.length, base, peak: process.resourceUsage().maxRSS * 1024 }));",
            "});",
        ].join("\n");
        const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8", cwd: process.cwd() });
        assert.equal(r.status, 0, r.stderr);
        const m = JSON.parse(r.stdout.trim().split("\n").pop()!) as { steps: number; base: number; peak: number };
        assert.equal(m.steps, 5001);
        const growth = m.peak - m.base;
        assert.ok(growth < 1.5 * size, `peak RSS grew by ${(growth / 1e6).toFixed(0)} MB for a ${(size / 1e6).toFixed(0)} MB preview`);
    });
});
