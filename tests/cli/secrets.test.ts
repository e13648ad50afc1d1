/**
 * No output of `check` or `plan` carries any part of a value the engine knows to be secret: a bucket policy built
 * with pulumi.secret, judged by the kill-chain pack (whose message names the statement's Sid) and by a pack that
 * echoes every property it is given in every shape (tests/fixtures/packs/echo-pack).
 */
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { CHECK_FORMATS, redactReport, renderCheck, runCheck } from "../../cli/commands/check";
import type { CheckReport } from "../../cli/commands/check";
import { planJson, planTree } from "../../cli/commands/plan";
import { scrubSecrets, secretFragments } from "../../cli/mask";
import { DEFAULT_PACKS } from "../../cli/packs";
import { runTest } from "../lib/plan";
import { main } from "../../cli/main";
import { encryptSecureValue, newPassphraseState } from "../../engine/secrets";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PROGRAM = "tests/programs/cli/secret-bucket-policy.ts";
const ECHO_PACK = "tests/fixtures/packs/echo-pack";
/** Parts of the secret document: its Sid, its action, its resource ARN, its version, and the whole. */
const SECRET_PARTS = ["OpenSesame7731", "s3:GetObject", "arn:aws:s3:::leaky-bucket-example/*", "2012-10-17"];

function leaks(text: string): string[] {
    return SECRET_PARTS.filter((p) => text.includes(p) || text.includes(JSON.stringify(p).slice(1, -1)));
}

describe("secret hygiene: check", () => {
    let report: CheckReport;
    before(async () => {
        // runCheck hands the process environment to the program; the secret, not type-checking, is under test.
        process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
        report = await runCheck({ program: PROGRAM }, [...DEFAULT_PACKS, ECHO_PACK]);
    });

    test("the secret bucket policy is still refused, and its message says why without its Sid", () => {
        const d = redactReport(report).analysis.violations.find((v) => v.policy === "disallow-public-bucket-policy");
        assert.ok(d, "disallow-public-bucket-policy did not fire");
        assert.equal(d.enforcementLevel, "mandatory");
        assert.match(d.message, /Statement\[0\] \(\[secret\]\) allows Principal "\*" without a condition/);
    });

    test("redaction happens before formatting: no diagnostic the formats read holds a part of the secret", () => {
        const shown = redactReport(report);
        const said = [...shown.analysis.violations, ...shown.analysis.deferred].map((d) => `${d.message}\n${d.description}`).join("\n");
        assert.ok(shown.analysis.violations.some((d) => d.policy === "echo-props"), "the echo pack did not run");
        // The echo did reach the engine: the packs get plaintext, as under `pulumi preview`.
        assert.notDeepEqual(leaks(report.analysis.violations.map((d) => d.message).join("\n")), []);
        assert.deepEqual(leaks(said), []);
    });

    test("a policy that throws quoting the secret document fails the check without it", async () => {
        let err = "";
        const code = await main(["check", "--program", PROGRAM, "--policy-pack", "tests/fixtures/packs/throws-quoting-secret"],
            { out: () => undefined, err: (x) => { err += `${x}\n`; } });
        assert.equal(code, 2, err);
        assert.match(err, /'cannot-parse-policy' .*Error: cannot parse \[secret\]/);
        assert.deepEqual(leaks(err), []);
    });

    for (const format of CHECK_FORMATS) {
        test(`no part of the secret reaches the ${format} format`, () => {
            assert.deepEqual(leaks(renderCheck(report, format)), []);
        });
    }
});

describe("secret hygiene: plan", () => {
    test("neither the tree nor --json shows any part of the secret", async () => {
        const run = await runTest({ program: PROGRAM, mode: "preview" });
        assert.deepEqual(leaks(`${planTree(run)}\n${JSON.stringify(planJson(run))}`), []);
    });
});

describe("secret hygiene: the program's own output", () => {
    test("a program printing its secret config (plan) or failing with it (check) reaches stderr with the secret redacted", async () => {
        const TOKEN = "tok-DO-NOT-PRINT-5521";
        const PASSPHRASE = "correct horse battery staple";
        const { encryptionSalt, key } = newPassphraseState(PASSPHRASE);
        const file = join(mkdtempSync(join(tmpdir(), "hs-secret-out-")), "Pulumi.dev.yaml");
        writeFileSync(file, `encryptionsalt: ${encryptionSalt}\nconfig:\n  hardened-stack:apiToken:\n    secure: ${encryptSecureValue(key, TOKEN)}\n`);
        process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
        process.env.PULUMI_CONFIG_PASSPHRASE = PASSPHRASE;
        try {
            const cli = async (...argv: string[]) => {
                let out = "";
                let err = "";
                const code = await main(argv, { out: (x) => { out += x; }, err: (x) => { err += `${x}\n`; } });
                assert.ok(!`${out}${err}`.includes(TOKEN), `${argv.join(" ")}: ${err}`);
                return { code, err };
            };
            // plan and check share the scrubbing (cli/mask.ts configSecretTexts); one program run of each case is enough.
            const printed = await cli("plan", "--program", "tests/programs/cli/prints-secret.ts", "--config", file);
            assert.equal(printed.code, 0, printed.err);
            assert.match(printed.err, /^connecting with token \[secret\]$/m);
            const failed = await cli("check", "--program", "tests/programs/cli/throws-secret.ts", "--config", file);
            assert.equal(failed.code, 2, failed.err);
            assert.match(failed.err, /failed: the API refused token \[secret\]$/m);
        } finally {
            delete process.env.PULUMI_CONFIG_PASSPHRASE;
        }
    });
});

describe("secretFragments", () => {
    const doc = { Statement: [{ Sid: "OpenSesame7731", Effect: "Allow", Principal: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d" } } }] };
    const fragments = secretFragments(JSON.stringify(doc));

    test("a JSON document is found as written, re-indented, by each object inside it, and by each identifier", () => {
        for (const f of [JSON.stringify(doc), JSON.stringify(doc, null, 2), JSON.stringify(doc, null, 4), JSON.stringify(doc.Statement[0]),
            JSON.stringify(doc.Statement[0]!.Condition), "OpenSesame7731", "vpce-0a1b2c3d"]) {
            assert.ok(fragments.includes(f), `missing ${f}`);
        }
    });

    test("the document's short vocabulary (Allow, *) is not a fragment, so a fix can still be stated", () => {
        assert.ok(!fragments.includes("Allow") && !fragments.includes("*"));
    });

    test("a whole secret of four characters or more is a fragment; a shorter one is not searched for", () => {
        assert.deepEqual(secretFragments("hunter2"), ["hunter2"]);
        assert.deepEqual(secretFragments("abc"), []);
        assert.deepEqual(secretFragments(5432), ["5432"]);
    });

    test("scrubSecrets replaces a fragment quoted inside a JSON string too", () => {
        const message = `props ${JSON.stringify({ policy: JSON.stringify(doc) })}`;
        assert.equal(scrubSecrets(message, fragments), `props {"policy":"[secret]"}`);
    });
});
