// Stack config secrets as `pulumi preview` v3.248.0 decrypts them with the passphrase provider. The real vectors are
// pulumi/pulumi v3.248.0's own: encryptionsalt states with the passphrases its tests use, and one secure value
// (tests/roundtrip/roundtrip_test.go). Base64 refusals are Go's table (golang/go src/encoding/base64/base64_test.go).
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { parse } from "yaml";
import {
    PASSPHRASE_NOT_SET, SecretsError, UnavailableSecret, chooseSecretsManager, decryptConfigValue, decryptSecureValue,
    encryptSecureValue, hasSecureValue, hasUnavailableSecret, newPassphraseState, passphraseKeyFromState, readPassphrase,
    readStackSecretsSettings, stackDecrypter,
} from "../../engine/secrets";
import type { StackDecrypter, StackSecretsSettings } from "../../engine/secrets";

/** pkg/secrets/passphrase/manager_test.go:29: the state its tests open with PULUMI_CONFIG_PASSPHRASE=password. */
const MANAGER_TEST_STATE = "v1:fozI5u6B030=:v1:F+6ZduKKd8G0/V7L:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ==";

/** Upstream states with the passphrase their tests pass to GetPassphraseSecretsManager or the CLI. */
const UPSTREAM_STATES: { where: string; passphrase: string; state: string }[] = [
    { where: "pkg/secrets/passphrase/manager_test.go:29", passphrase: "password", state: MANAGER_TEST_STATE },
    { where: "pkg/backend/diy/backend_test.go:283", passphrase: "abc123", state: "v1:4iF78gb0nF0=:v1:Co6IbTWYs/UdrjgY:FSrAWOFZnj9ealCUDdJL7LrUKXX9BA==" },
    { where: "pkg/backend/diy/backend_test.go:301", passphrase: "123abc", state: "v1:C7H2a7/Ietk=:v1:yfAd1zOi6iY9DRIB:dumdsr+H89VpHIQWdB01XEFqYaYjAg==" },
    // "generated using the default passphrase from ptesting.Environment" (sdk/go/common/testing/environment.go:254).
    { where: "tests/smoke/smoke_test.go:677", passphrase: "correct horse battery staple", state: "v1:3ZcVRCMzEbk=:v1:A4wYnaSVLIkK0AhS:2SrOnSDh9wVGmoyZt97KYJN3WfDDHA==" },
    { where: "tests/roundtrip/roundtrip_test.go:128", passphrase: "TestConfigRoundtripComments", state: "v1:ThS5UPxP9qc=:v1:UZYAXF+ylaJ0rGhv:9OTvBnOEDFgxs7btjzSu+LZ470vLpg==" },
];

/** The stack file of tests/roundtrip/roundtrip_test.go:127-144 (comments left out), run with e.Passphrase set at :123. */
const ROUNDTRIP_STACK_FILE = `
encryptionsalt: v1:ThS5UPxP9qc=:v1:UZYAXF+ylaJ0rGhv:9OTvBnOEDFgxs7btjzSu+LZ470vLpg==
config:
  foo:a: some-value
  foo:d:
    secure: v1:T1ftqhY0hqr+EJK6:+jvd5PMecFx80tcavzuZY4tLatgIfoe/xR72GA==
`;

const CLI_PREFIX = "getting stack configuration: get stack secrets manager: ";
const SETTINGS = (s: Partial<StackSecretsSettings>): StackSecretsSettings => ({ secretsProvider: "", encryptedKey: "", encryptionSalt: "", ...s });

function refusal(f: () => unknown): SecretsError {
    try {
        f();
    } catch (e) {
        assert.ok(e instanceof SecretsError, `expected a SecretsError, got ${String(e)}`);
        return e;
    }
    assert.fail("expected a SecretsError");
}

// One derivation shared by the tests that only need some key (each derivation is 1,000,000 PBKDF2 rounds).
const FIXTURE = newPassphraseState("fixture passphrase");
const WITH_KEY: StackDecrypter = { kind: "passphrase", key: FIXTURE.key };

describe("real pulumi/pulumi v3.248.0 ciphertexts decrypt", () => {
    for (const v of UPSTREAM_STATES) {
        test(`the encryptionsalt of ${v.where} opens with its passphrase`, () => {
            const key = passphraseKeyFromState(v.passphrase, v.state);
            assert.equal(key.length, 32);
            // The state's third part is the encrypted check value; under the derived key it reads "pulumi".
            assert.equal(decryptSecureValue(key, v.state.split(":").slice(2).join(":")), "pulumi");
        });
    }

    test("the secure value of the roundtrip test's stack file decrypts under PULUMI_CONFIG_PASSPHRASE", () => {
        const doc = parse(ROUNDTRIP_STACK_FILE) as { config: Record<string, unknown> };
        const dec = stackDecrypter(readStackSecretsSettings(doc, "Pulumi.test.yaml"), { PULUMI_CONFIG_PASSPHRASE: "TestConfigRoundtripComments" });
        assert.equal(dec.kind, "passphrase");
        // AES-GCM authenticates: a wrong key or format would throw, not give other text.
        assert.equal(decryptConfigValue("foo:d", doc.config["foo:d"], dec), "secret-value");
        assert.equal(decryptConfigValue("foo:a", doc.config["foo:a"], dec), "some-value");
    });
});

describe("a wrong passphrase is refused as the CLI refuses it", () => {
    test("manager_test.go's state refuses password123 with 'incorrect passphrase'", () => {
        const e = refusal(() => stackDecrypter(SETTINGS({ encryptionSalt: MANAGER_TEST_STATE }), { PULUMI_CONFIG_PASSPHRASE: "password123" }));
        assert.equal(e.message, `${CLI_PREFIX}incorrect passphrase`);
        assert.equal(e.cliMessage, e.message);
    });

    test("an empty PULUMI_CONFIG_PASSPHRASE is a passphrase, here a wrong one, not a missing one", () => {
        const e = refusal(() => stackDecrypter(SETTINGS({ encryptionSalt: MANAGER_TEST_STATE }), { PULUMI_CONFIG_PASSPHRASE: "" }));
        assert.equal(e.cliMessage, `${CLI_PREFIX}incorrect passphrase`);
        const empty = newPassphraseState("");
        assert.deepEqual(passphraseKeyFromState("", empty.encryptionSalt), empty.key);
    });

    test("a malformed encryptionsalt is refused with symmetricCrypterFromPhraseAndState's text", () => {
        // manager_test.go:30 brokenState: its first part is not the version.
        const broken = "fozI5u6B030=:v1:F+6ZduL:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ==";
        assert.equal(refusal(() => passphraseKeyFromState("password", broken)).cliMessage, `${CLI_PREFIX}unknown state version`);
        assert.equal(refusal(() => passphraseKeyFromState("password", "v1:fozI5u6B030=")).cliMessage, `${CLI_PREFIX}malformed state value`);
        assert.equal(refusal(() => passphraseKeyFromState("password", "v1:fozI5u6B03=:v1:a:b")).cliMessage,
            `${CLI_PREFIX}illegal base64 data at input byte 11`);
    });
});

describe("the passphrase comes from the environment as readPassphrase takes it", () => {
    const dir = mkdtempSync(join(tmpdir(), "hs-secrets-"));
    after(() => rmSync(dir, { recursive: true, force: true }));

    test("PULUMI_CONFIG_PASSPHRASE_FILE is read, trimmed, and opens the stack", () => {
        writeFileSync(join(dir, "phrase"), "  password\r\n");
        const env = { PULUMI_CONFIG_PASSPHRASE_FILE: join(dir, "phrase") };
        assert.deepEqual(readPassphrase(env), Buffer.from("password"));
        const dec = stackDecrypter(SETTINGS({ encryptionSalt: MANAGER_TEST_STATE }), env);
        assert.equal(dec.kind, "passphrase");
    });

    test("a relative PULUMI_CONFIG_PASSPHRASE_FILE is resolved against the working directory", () => {
        writeFileSync(join(dir, "relative"), "abc123");
        assert.deepEqual(readPassphrase({ PULUMI_CONFIG_PASSPHRASE_FILE: "relative" }, { cwd: dir }), Buffer.from("abc123"));
    });

    test("the file is trimmed like Go's strings.TrimSpace, not like String.trim", () => {
        // U+00A0 and U+2003 are Unicode spaces to Go; U+FEFF is not (JavaScript's trim() would drop it).
        writeFileSync(join(dir, "unicode"), "\u00a0pass word\u2003\u0085\n");
        assert.deepEqual(readPassphrase({ PULUMI_CONFIG_PASSPHRASE_FILE: join(dir, "unicode") }), Buffer.from("pass word"));
        writeFileSync(join(dir, "bom"), "\ufeffpassword");
        assert.deepEqual(readPassphrase({ PULUMI_CONFIG_PASSPHRASE_FILE: join(dir, "bom") }), Buffer.from("\ufeffpassword"));
        // Bytes that are not UTF-8 are kept as they are, as Go keeps them.
        writeFileSync(join(dir, "binary"), Buffer.from([0x20, 0xff, 0xfe, 0x0a]));
        assert.deepEqual(readPassphrase({ PULUMI_CONFIG_PASSPHRASE_FILE: join(dir, "binary") }), Buffer.from([0xff, 0xfe]));
    });

    test("PULUMI_CONFIG_PASSPHRASE wins over the file, even when empty", () => {
        writeFileSync(join(dir, "other"), "from-file");
        assert.deepEqual(readPassphrase({ PULUMI_CONFIG_PASSPHRASE: "from-env", PULUMI_CONFIG_PASSPHRASE_FILE: join(dir, "other") }), Buffer.from("from-env"));
        assert.deepEqual(readPassphrase({ PULUMI_CONFIG_PASSPHRASE: "", PULUMI_CONFIG_PASSPHRASE_FILE: join(dir, "other") }), Buffer.alloc(0));
    });

    test("an unreadable PULUMI_CONFIG_PASSPHRASE_FILE fails with os.ReadFile's text", () => {
        const missing = join(dir, "missing");
        assert.equal(refusal(() => readPassphrase({ PULUMI_CONFIG_PASSPHRASE_FILE: missing })).cliMessage,
            `${CLI_PREFIX}unable to read PULUMI_CONFIG_PASSPHRASE_FILE: open ${missing}: no such file or directory`);
        assert.equal(refusal(() => readPassphrase({ PULUMI_CONFIG_PASSPHRASE_FILE: dir })).cliMessage,
            `${CLI_PREFIX}unable to read PULUMI_CONFIG_PASSPHRASE_FILE: read ${dir}: is a directory`);
    });
});

describe("secure values nested in structured config decrypt in place", () => {
    const enc = (s: string) => ({ secure: encryptSecureValue(FIXTURE.key, s) });
    const value = {
        region: "eu-west-1",
        accounts: [{ name: "ci", accessKeyId: enc("AKIAIOSFODNN7EXAMPLE") }, { name: "ops", port: 443 }],
        db: { password: enc("hunter2"), deep: { list: [enc("a"), "b", null, true] } },
    };

    test("every secure leaf becomes its plaintext and every other value is kept", () => {
        assert.deepEqual(decryptConfigValue("p:cfg", value, WITH_KEY), {
            region: "eu-west-1",
            accounts: [{ name: "ci", accessKeyId: "AKIAIOSFODNN7EXAMPLE" }, { name: "ops", port: 443 }],
            db: { password: "hunter2", deep: { list: ["a", "b", null, true] } },
        });
        // The input keeps its ciphertexts.
        assert.ok(isCiphertext(value.db.password));
    });

    test("a top-level secure value decrypts to a string", () => {
        assert.equal(decryptConfigValue("p:key", enc("AKIAIOSFODNN7EXAMPLE"), WITH_KEY), "AKIAIOSFODNN7EXAMPLE");
    });

    test("only a map with the single string key 'secure' is secret, as isSecureValue reads it", () => {
        assert.equal(hasSecureValue(value), true);
        assert.equal(hasSecureValue({ a: [{ b: enc("x") }] }), true);
        assert.equal(hasSecureValue({ secure: 1 }), false);
        assert.equal(hasSecureValue({ secure: "v1:a:b", note: "two keys" }), false);
        assert.equal(hasSecureValue("v1:T1ftqhY0hqr+EJK6:+jvd5PMecFx80tcavzuZY4tLatgIfoe/xR72GA=="), false);
        assert.deepEqual(decryptConfigValue("p:k", { secure: 1 }, WITH_KEY), { secure: 1 });
    });
});

function isCiphertext(v: unknown): boolean {
    return typeof v === "object" && v !== null && typeof (v as { secure?: unknown }).secure === "string";
}

describe("values that cannot be had offline give the marker, not an error", () => {
    test("the passphrase provider without a passphrase is unavailable, with the error the CLI would stop on", () => {
        const dec = stackDecrypter(SETTINGS({ encryptionSalt: MANAGER_TEST_STATE }), {});
        assert.equal(dec.kind, "unavailable");
        assert.equal(dec.kind === "unavailable" && dec.provider, "passphrase");
        assert.equal(dec.kind === "unavailable" && dec.cliError, `${CLI_PREFIX}${PASSPHRASE_NOT_SET}`);
        // An empty PULUMI_CONFIG_PASSPHRASE_FILE counts as unset (manager.go:383).
        assert.equal(stackDecrypter(SETTINGS({ encryptionSalt: MANAGER_TEST_STATE }), { PULUMI_CONFIG_PASSPHRASE_FILE: "" }).kind, "unavailable");
    });

    for (const url of ["awskms://alias/hs?region=eu-west-1", "azurekeyvault://hs.vault.azure.net/keys/k", "gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k", "hashivault://hs"]) {
        test(`secretsprovider ${url.split("://")[0]}:// is unavailable even with an encryptionsalt and a passphrase`, () => {
            const settings = SETTINGS({ secretsProvider: url, encryptedKey: "ZGF0YWtleQ==", encryptionSalt: MANAGER_TEST_STATE });
            assert.deepEqual(chooseSecretsManager(settings), { kind: "cloud", url });
            const dec = stackDecrypter(settings, { PULUMI_CONFIG_PASSPHRASE: "password" });
            assert.equal(dec.kind === "unavailable" && dec.provider, "cloud");
        });
    }

    test("no encryptionsalt means the backend's default manager, even with secretsprovider: passphrase", () => {
        for (const s of [SETTINGS({ encryptedKey: "ZGF0YWtleQ==" }), SETTINGS({ secretsProvider: "passphrase" }), SETTINGS({ secretsProvider: "default" }), SETTINGS({})]) {
            assert.deepEqual(chooseSecretsManager(s), { kind: "backend-default" });
            assert.equal(stackDecrypter(s, { PULUMI_CONFIG_PASSPHRASE: "password" }).kind, "unavailable");
        }
        assert.deepEqual(chooseSecretsManager(SETTINGS({ secretsProvider: "default", encryptionSalt: "v1:x" })), { kind: "passphrase", encryptionSalt: "v1:x" });
    });

    test("each unavailable secure leaf becomes an UnavailableSecret naming its key and path", () => {
        const dec = stackDecrypter(SETTINGS({ secretsProvider: "awskms://alias/hs" }), {});
        const out = decryptConfigValue("p:cfg", { plain: "x", list: [{ "key.with.dots": { secure: "opaque" } }] }, dec) as
            { plain: string; list: Record<string, unknown>[] };
        assert.equal(out.plain, "x");
        const marker = out.list[0]!["key.with.dots"];
        assert.ok(marker instanceof UnavailableSecret);
        assert.deepEqual([marker.key, marker.path], ["p:cfg", `list[0]["key.with.dots"]`]);
        assert.equal(hasUnavailableSecret(out), true);
        assert.equal(hasUnavailableSecret({ plain: "x" }), false);
        // The marker cannot reach a program's config by JSON.stringify without the caller noticing.
        assert.throws(() => JSON.stringify(out), /config 'p:cfg' at list\[0\]\["key.with.dots"\] is a secret not available offline/);
        const top = decryptConfigValue("p:key", { secure: "opaque" }, dec);
        assert.ok(top instanceof UnavailableSecret && top.path === "");
    });
});

describe("what the test helpers encrypt is what the CLI writes", () => {
    test("a new state opens with its passphrase, refuses another, and its values round trip", () => {
        const salt = Buffer.from("0123456789abcdef", "hex");
        const made = newPassphraseState("round trip", salt);
        assert.match(made.encryptionSalt, /^v1:ASNFZ4mrze8=:v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{30}==$/);
        assert.deepEqual(passphraseKeyFromState("round trip", made.encryptionSalt), made.key);
        assert.equal(refusal(() => passphraseKeyFromState("round trips", made.encryptionSalt)).cliMessage, `${CLI_PREFIX}incorrect passphrase`);
        for (const text of ["", "AKIAIOSFODNN7EXAMPLE", "ünïcødé ✓", "a:b:c", "x".repeat(5000)]) {
            assert.equal(decryptSecureValue(made.key, encryptSecureValue(made.key, text)), text);
        }
    });

    test("the value is v1, a 12-byte nonce and the ciphertext with its 16-byte tag, in padded standard base64", () => {
        const nonce = Buffer.alloc(12, 7);
        const [version, n, sealed] = encryptSecureValue(FIXTURE.key, "hunter2", nonce).split(":");
        assert.equal(version, "v1");
        assert.equal(n, nonce.toString("base64"));
        assert.equal(Buffer.from(sealed!, "base64").length, "hunter2".length + 16);
        // A random nonce each time, as crypt.go's encryptAES256GCGM draws one.
        assert.notEqual(encryptSecureValue(FIXTURE.key, "same"), encryptSecureValue(FIXTURE.key, "same"));
    });
});

describe("a secure value that does not decrypt names its config key", () => {
    const good = encryptSecureValue(FIXTURE.key, "hunter2");
    const [, nonce, sealed] = good.split(":") as [string, string, string];
    const fails = (ciphertext: string, path?: string): SecretsError => {
        const e = refusal(() => decryptConfigValue("hardened-stack:dbPassword", path ? { [path]: { secure: ciphertext } } : { secure: ciphertext }, WITH_KEY));
        assert.equal(e.key, "hardened-stack:dbPassword");
        assert.ok(!e.message.includes("\n"), "one line");
        assert.ok(e.message.startsWith(`config 'hardened-stack:dbPassword'${path ? ` at ${path}` : ""}: `), e.message);
        return e;
    };

    test("the wrong number of parts, the wrong version, a bad nonce size", () => {
        assert.equal(fails("v1:onlytwo").cliMessage, "failed to decrypt config: bad value");
        assert.equal(fails("").cliMessage, "failed to decrypt config: bad value");
        assert.equal(fails(`v2:${nonce}:${sealed}`).cliMessage, "failed to decrypt config: unknown value version");
        assert.equal(fails(`v1:AAAA:${sealed}`, "primary").cliMessage, "failed to decrypt config: bad value: nonce size is incorrect");
    });

    test("a tampered value, a short one, and one from another stack fail authentication", () => {
        const flipped = Buffer.from(sealed, "base64");
        flipped[0]! ^= 1;
        assert.equal(fails(`v1:${nonce}:${flipped.toString("base64")}`).cliMessage, "failed to decrypt config: cipher: message authentication failed");
        assert.equal(fails(`v1:${nonce}:AAAA`).cliMessage, "failed to decrypt config: cipher: message authentication failed");
        const other = encryptSecureValue(randomBytes(32), "hunter2");
        assert.equal(fails(other).message, "config 'hardened-stack:dbPassword': its secure value cannot be decrypted: cipher: message authentication failed");
    });

    test("bad base64 gives Go's byte offset (golang/go base64_test.go TestDecodeCorrupt)", () => {
        const corrupt: [string, number][] = [
            ["!!!!", 0], ["====", 0], ["x===", 1], ["=AAA", 0], ["A=AA", 1], ["AA=A", 2], ["AA==A", 4], ["AAA=AAAA", 4],
            ["AAAAA", 4], ["AAAAAA", 4], ["A=", 1], ["A==", 1], ["AA=", 3], ["AAAAAA=", 7], ["YWJjZA=====", 8], ["A!\n", 1], ["A=\n", 1],
        ];
        for (const [input, at] of corrupt) {
            assert.equal(fails(`v1:${input}:${sealed}`).cliMessage, `failed to decrypt config: bad value: illegal base64 data at input byte ${at}`, JSON.stringify(input));
        }
        // What Go accepts decodes (here to a nonce of the wrong size), newlines skipped.
        for (const input of ["", "\n", "AAA=\n", "AAAA\n", "AA==", "AAA=", "AAAA"]) {
            assert.equal(fails(`v1:${input}:${sealed}`).cliMessage, "failed to decrypt config: bad value: nonce size is incorrect", JSON.stringify(input));
        }
        assert.equal(decryptSecureValue(FIXTURE.key, `v1:${nonce.slice(0, 8)}\r\n${nonce.slice(8)}:${sealed}`), "hunter2");
    });

    test("a nested value's message gives its path", () => {
        const e = refusal(() => decryptConfigValue("p:cfg", { accounts: [{ secretKey: { secure: "v1:bad" } }] }, WITH_KEY));
        assert.equal(e.message, "config 'p:cfg' at accounts[0].secretKey: its secure value cannot be decrypted: bad value");
    });
});

describe("the stack file's secrets fields are read as workspace.ProjectStack reads them", () => {
    test("missing or null fields are empty and a non-string is refused", () => {
        assert.deepEqual(readStackSecretsSettings({ config: {} }, "Pulumi.dev.yaml"), SETTINGS({}));
        assert.deepEqual(readStackSecretsSettings(null, "Pulumi.dev.yaml"), SETTINGS({}));
        assert.deepEqual(readStackSecretsSettings({ secretsprovider: "passphrase", encryptionsalt: "v1:x", encryptedkey: null }, "Pulumi.dev.yaml"),
            SETTINGS({ secretsProvider: "passphrase", encryptionSalt: "v1:x" }));
        // yaml.v3 reads a scalar into the string field; a mapping it cannot.
        assert.deepEqual(readStackSecretsSettings({ encryptionsalt: 1 }, "Pulumi.dev.yaml"), SETTINGS({ encryptionSalt: "1" }));
        assert.equal(refusal(() => passphraseKeyFromState("password", "1")).cliMessage, `${CLI_PREFIX}malformed state value`);
        assert.equal(refusal(() => readStackSecretsSettings({ encryptionsalt: { v1: "x" } }, "Pulumi.dev.yaml")).message,
            "Pulumi.dev.yaml: 'encryptionsalt' must be a string");
    });
});
