import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeRun } from "../../engine/analyzer";
import type { AnalysisResult } from "../../engine/analyzer";
import { UNKNOWN } from "../../engine/constants";
import { DEFAULT_PACKS } from "../../cli/packs";
import { PreviewScanner, readPreview } from "../../cli/review/preview";
import type { Preview } from "../../cli/review/preview";
import { readEventLog } from "../../cli/review/events";
import type { EventLog } from "../../cli/review/events";
import { buildReview, exitCodeOf, reviewPreview, secretVerdictMessage } from "../../cli/review/review";
import { programRunOf } from "../../cli/review/run";
import { renderReview, REVIEW_FORMATS } from "../../cli/commands/review";
import { blindSecrets, containsSecret, secretPaths } from "../../cli/review/secret-values";

const PACK = "tests/fixtures/packs/review-pack";
const FIXTURE = "tests/fixtures/review/bucket-policy-secret.preview.json";
const POLICY_URN = "urn:pulumi:dev::sample::aws:s3/bucketPolicy:BucketPolicy::docs-policy";

describe("secret placeholders reach the packs as unknowns", () => {
    test("every \"[secret]\" leaf is found by path and blinded to the unknown sentinel; a value without one is returned as is", () => {
        const v = { policy: "[secret]", tags: { a: "x", b: "[secret]" }, list: ["y", "[secret]"] };
        assert.deepEqual(secretPaths(v), ["policy", "tags.b", "list[1]"]);
        assert.deepEqual(blindSecrets(v), { policy: UNKNOWN, tags: { a: "x", b: UNKNOWN }, list: ["y", UNKNOWN] });
        const plain = { a: { b: ["c"] } };
        assert.equal(blindSecrets(plain), plain);
        assert.equal(containsSecret(plain), false);
    });
    test("the ProgramRun given to the packs holds no \"[secret]\" text, only the unknown sentinel", async () => {
        const run = programRunOf(await readPreview(FIXTURE));
        const policy = run.resources.find((r) => r.urn === POLICY_URN)!;
        assert.equal(policy.inputs.policy, UNKNOWN);
        assert.ok(!JSON.stringify(run.resources).includes("[secret]"));
    });
    test("the message says where the real verdict is: with no event log, with one that ran the pack, with one that did not", () => {
        const log = (packs: Record<string, string>): EventLog => ({ file: "e.jsonl", verdicts: [], packs, events: 1, stacks: [] });
        assert.equal(secretVerdictMessage(["policy"], "p", undefined),
            "cannot judge offline: policy is secret in the preview; `pulumi preview` judged the plaintext: pass its --events log for that verdict");
        assert.match(secretVerdictMessage(["a", "b"], "p", log({ p: "1" })), /^cannot judge offline: a, b are secret in the preview; `pulumi preview` judged the plaintext and its event log has no violation of this policy here$/);
        assert.match(secretVerdictMessage(["a"], "p", log({ other: "1" })), /the event log has no run of p, so the real verdict is not known here$/);
    });
});

describe("review of a preview whose bucket policy is secret, with the real kill-chain pack", () => {
    let preview: Preview;
    let analysis: AnalysisResult;
    before(async () => {
        preview = await readPreview(FIXTURE);
        // One pack run; each case below builds its review from it with a different event log.
        analysis = await analyzeRun(programRunOf(preview), DEFAULT_PACKS, { remediate: false });
    });

    test("a secret bucket policy is \"cannot judge offline: secret\", never \"not valid JSON\", and is not a control weakening", () => {
        const r = buildReview(preview, analysis);
        const all = [...r.mandatory, ...r.advisory, ...r.deferred, ...r.unchanged];
        assert.deepEqual(all.filter((v) => /not valid JSON|cannot be read/.test(v.message)).map((v) => v.policy), []);
        assert.deepEqual(r.secret.map((v) => [v.policy, v.urn.split("::").pop()]).sort(), [
            ["disallow-public-bucket-policy", "docs-policy"], ["require-tls-only-bucket-policy", "sample-dev"]]);
        assert.match(r.secret.find((v) => v.policy === "require-tls-only-bucket-policy")!.message, /^cannot judge offline: policy of aws:s3\/bucketPolicy:BucketPolicy::docs-policy is secret/);
        assert.deepEqual(r.weakenings, []);
        assert.deepEqual(r.unverified.map((w) => [w.path, w.secret]), [["policy", true]]);
        for (const format of REVIEW_FORMATS) assert.match(renderReview(r, format), /cannot judge offline: policy is secret in the preview/, format);
    });
    test("with the real preview's event log, its verdict on the plaintext is the one reported (and it blocks when mandatory)", () => {
        const violation = { policyPack: "hardened-kill-chain", policyPackVersion: "0.1.0", policy: "disallow-public-bucket-policy", enforcementLevel: "mandatory",
            urn: POLICY_URN, message: "policy allows Principal \"*\"", severity: "critical" };
        const r = buildReview(preview, analysis, { file: "e.jsonl", verdicts: [violation], packs: { "hardened-kill-chain": "0.1.0" }, events: 2, stacks: ["sample/dev"] });
        assert.ok(!r.secret.some((v) => v.policy === "disallow-public-bucket-policy"), "the real verdict replaces the offline non-verdict");
        assert.deepEqual(r.mandatory.filter((v) => v.policy === "disallow-public-bucket-policy").map((v) => [v.source, v.message]), [["events", "policy allows Principal \"*\""]]);
        assert.equal(exitCodeOf(r), 1);
    });
});

describe("what the reader remembers as secret plaintext", () => {
    test("every string and number inside a secret, in dropped parts too; a secret JSON document whole, not its words", () => {
        const sig = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
        const step = { op: "update", urn: "urn:pulumi:dev::p::aws:iam/rolePolicy:RolePolicy::r",
            oldState: { type: "aws:iam/rolePolicy:RolePolicy", outputs: { token: { ...sig, value: { k: "old-token-1", n: 4242 } } } },
            newState: { type: "aws:iam/rolePolicy:RolePolicy", inputs: { policy: { ...sig, value: "{\"Effect\":\"Allow\"}" }, pw: { ...sig, value: "\"quoted-pw\"" } } } };
        const scanner = new PreviewScanner("p.json");
        scanner.feed(Buffer.from(JSON.stringify({ steps: [step] })));
        const texts = scanner.end().secretTexts;
        for (const t of ["old-token-1", "4242", "{\"Effect\":\"Allow\"}", "quoted-pw"]) assert.ok(texts.includes(t), t);
        assert.ok(!texts.includes("Allow"), "a word of a secret document would be scrubbed from every line");
    });
});

describe("secrets anywhere in a resource reach no review output format", () => {
    const SECRET_OBJECT = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
    const secret = (value: unknown) => ({ ...SECRET_OBJECT, value });
    // Plaintexts with the characters the formats escape (`<`, `|`, `&`, `"`), so only a redaction before formatting hides them.
    const DROPPED = "LEAK<old>|out&put\"0001";
    const NESTED = "LEAK-nested-<b>-0002";
    const NUMBER = 987654321;
    const LOGS = "urn:pulumi:dev::hardened-stack::hardened:cluster:PrivateCluster$aws:iam/rolePolicy:RolePolicy::platform-logs";
    const PARAM = "urn:pulumi:dev::hardened-stack::aws:ssm/parameter:Parameter::db-password";
    let outputs: Record<string, string>;

    before(async () => {
        const dir = mkdtempSync(join(tmpdir(), "review-secrets-"));
        const doc = JSON.parse(readFileSync("tests/fixtures/review/secrets.preview.json", "utf8")) as { steps: Record<string, Record<string, Record<string, unknown>>>[] };
        const logs = doc.steps.find((s) => String(s.urn) === LOGS)!;
        // In the old outputs of an update (a part the reader drops), and nested in an object and a number in the new inputs.
        logs.oldState!.outputs!.token = secret(DROPPED);
        logs.newState!.inputs!.tags = secret({ owner: NESTED, port: NUMBER });
        const previewFile = join(dir, "preview.json");
        writeFileSync(previewFile, JSON.stringify(doc, null, 4));
        // The real preview's packs saw the plaintexts; a pack that echoes props puts them in its messages.
        const echo = (urn: string, message: string) => JSON.stringify({ sequence: 1, timestamp: 0, policyEvent: { resourceUrn: urn, message, color: "raw",
            policyName: "echo-props", policyPackName: "leaky-pack", policyPackVersion: "0.0.1", enforcementLevel: "mandatory" } });
        const eventsFile = join(dir, "events.jsonl");
        writeFileSync(eventsFile, [
            echo(LOGS, `token was ${DROPPED}`),
            echo(LOGS, `tags are ${JSON.stringify({ owner: NESTED, port: NUMBER })}`),
            // A long message: the Markdown cell is cut at 600 characters, inside the secret.
            echo(LOGS, `${"x".repeat(590)}${DROPPED}`),
            echo(PARAM, `value ${NESTED}`),
            JSON.stringify({ sequence: 2, timestamp: 0, summaryEvent: { PolicyPacks: { "leaky-pack": "0.0.1" } } }),
        ].join("\n"));
        const preview = await readPreview(previewFile);
        // review-pack echoes the parameter's value into its message: it sees only what the review gives the packs.
        const r = await reviewPreview(preview, { packs: [PACK], events: await readEventLog(eventsFile) });
        outputs = Object.fromEntries(REVIEW_FORMATS.map((f) => [f, renderReview(r, f)]));
        assert.ok(r.mandatory.filter((v) => v.policyPack === "leaky-pack").length === 2, "the echoing verdicts are in the review, so the test can fail");
    });

    for (const format of REVIEW_FORMATS) {
        test(`${format}: no plaintext, no fragment of one and no escaped form of one`, () => {
            const out = outputs[format]!;
            for (const needle of ["LEAK", "<old>", "&lt;old", "out&amp;put", String(NUMBER), "nested"]) assert.ok(!out.includes(needle), `${format} carries ${needle}`);
            assert.match(out, /\[secret\]/);
        });
    }
});
