/**
 * Stack config secrets as `pulumi preview` v3.248.0 decrypts them, as pure functions over Node's `crypto`. Followed:
 * - pkg/cmd/pulumi/stack/secrets.go GetSecretsManager (225-318): which secrets manager the stack file selects;
 * - pkg/cmd/pulumi/config/io.go (80-198): the manager is built before config is read, so a missing or wrong
 *   passphrase fails the preview even when no value is `secure:`;
 * - pkg/secrets/passphrase/manager.go: the `encryptionsalt` state and its "pulumi" check (48-73), new states
 *   (163-192), where the passphrase comes from (378-401);
 * - sdk/go/common/resource/config/crypt.go: PBKDF2 key derivation (165-170) and the `v1:<nonce>:<ciphertext>` AES-256-GCM
 *   values (179-249);
 * - sdk/go/common/resource/config/object.go, map.go: which YAML values are secure (isSecureValue, 541-551), secure
 *   leaves inside structured values (unmarshalObject 468-528, decrypt 118-162, Secure 50-71);
 * - pkg/engine/deployment.go:225-229: how a value that cannot be decrypted fails the preview;
 * - Go's encoding/base64 (decodeQuantum): which strings StdEncoding.DecodeString refuses, and at which byte.
 */
import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * The stack cannot be used as the CLI would use it (wrong passphrase, unreadable passphrase file, bad salt, a secure
 * value that does not decrypt). `cliMessage` is the text the CLI prints after `error: `; `message` names the config key
 * where there is one, which the CLI does not.
 */
export class SecretsError extends Error {
    override readonly name = "SecretsError";
    /** Left out where the CLI's text is not known (a stack file field of the wrong YAML type). */
    readonly cliMessage?: string;
    /** The config key (`ns:key`) whose value failed, for errors about one value. */
    readonly key?: string;

    constructor(message: string, cliMessage: string | undefined, key?: string) {
        super(message);
        if (cliMessage !== undefined) this.cliMessage = cliMessage;
        if (key !== undefined) this.key = key;
    }
}

/** The stack file's secrets fields, as workspace.ProjectStack (sdk/go/common/workspace/project.go:1211-1225) reads them. */
export interface StackSecretsSettings {
    /** `secretsprovider`: `""` when left out, which the CLI treats like `default`. */
    secretsProvider: string;
    /** `encryptedkey`: the KMS-wrapped data key of a cloud provider; `""` when left out. */
    encryptedKey: string;
    /** `encryptionsalt`: the passphrase provider's state, `v1:<salt>:<encrypted "pulumi">`; `""` when left out. */
    encryptionSalt: string;
}

/** The secrets fields of a parsed `Pulumi.<stack>.yaml`; `file` only names the file in errors. */
export function readStackSecretsSettings(doc: unknown, file: string): StackSecretsSettings {
    const d = typeof doc === "object" && doc !== null && !Array.isArray(doc) ? doc as Record<string, unknown> : {};
    const field = (name: string): string => {
        const v = d[name];
        if (v === undefined || v === null) return "";
        if (typeof v === "string") return v;
        // yaml.v3 puts any scalar into a string field; a number or boolean has no colon, so as a salt it is malformed.
        if (typeof v === "number" || typeof v === "boolean") return String(v);
        throw new SecretsError(`${file}: '${name}' must be a string`, undefined);
    };
    return { secretsProvider: field("secretsprovider"), encryptedKey: field("encryptedkey"), encryptionSalt: field("encryptionsalt") };
}

/** The manager GetSecretsManager picks for these settings (secrets.go:236-288). */
export type SecretsManagerChoice =
    | { kind: "passphrase"; encryptionSalt: string }
    /** `awskms://`, `azurekeyvault://`, `gcpkms://`, `hashivault://`: the data key is unwrapped by a KMS. */
    | { kind: "cloud"; url: string }
    /**
     * No salt and no cloud URL: the backend's default manager, the Pulumi Cloud service on a Cloud backend, a brand new
     * passphrase salt on a DIY one (which then cannot decrypt values written under an old salt).
     */
    | { kind: "backend-default" };

export function chooseSecretsManager(s: StackSecretsSettings): SecretsManagerChoice {
    // "passphrase" and "default" are not URLs: everything else goes to the cloud manager, salt or no salt.
    if (s.secretsProvider !== "passphrase" && s.secretsProvider !== "default" && s.secretsProvider !== "") {
        return { kind: "cloud", url: s.secretsProvider };
    }
    // `secretsprovider: passphrase` without a salt is not the passphrase branch: it falls to the backend default.
    if (s.encryptionSalt !== "") return { kind: "passphrase", encryptionSalt: s.encryptionSalt };
    return { kind: "backend-default" };
}

/** The two environment variables readPassphrase (manager.go:378-401) consults. */
export interface PassphraseEnv {
    PULUMI_CONFIG_PASSPHRASE?: string;
    PULUMI_CONFIG_PASSPHRASE_FILE?: string;
}

export interface PassphraseIo {
    /** Resolves a relative PULUMI_CONFIG_PASSPHRASE_FILE, as filepath.Abs does. @default - process.cwd() */
    cwd?: string;
    /** @default - fs.readFileSync */
    readFile?: (path: string) => Buffer;
}

/** The CLI's text when neither variable is set and it cannot prompt (manager.go:395-396). */
export const PASSPHRASE_NOT_SET = "passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables";

/** How the preview command wraps a secrets manager error (config/io.go:189 inside preview.go:474). */
const GETTING_SECRETS_MANAGER = "getting stack configuration: get stack secrets manager: ";

/**
 * The passphrase as bytes, or undefined when the CLI would have to prompt. PULUMI_CONFIG_PASSPHRASE wins whenever it
 * is set, even to `""` (an empty passphrase is a valid one); an empty PULUMI_CONFIG_PASSPHRASE_FILE counts as unset.
 * The file's bytes are kept as they are, only trimmed like Go's strings.TrimSpace, so a passphrase that is not UTF-8
 * still derives the CLI's key. Throws when the file is set but cannot be read, as the CLI fails then too.
 */
export function readPassphrase(env: PassphraseEnv, io: PassphraseIo = {}): Buffer | undefined {
    const phrase = env.PULUMI_CONFIG_PASSPHRASE;
    if (phrase !== undefined) return Buffer.from(phrase, "utf8");
    const file = env.PULUMI_CONFIG_PASSPHRASE_FILE;
    if (file === undefined || file === "") return undefined;
    const path = resolve(io.cwd ?? process.cwd(), file);
    let bytes: Buffer;
    try {
        bytes = (io.readFile ?? readFileSync)(path);
    } catch (e) {
        const cli = `unable to read PULUMI_CONFIG_PASSPHRASE_FILE: ${goPathError(path, e as NodeJS.ErrnoException)}`;
        throw new SecretsError(GETTING_SECRETS_MANAGER + cli, GETTING_SECRETS_MANAGER + cli);
    }
    return trimGoSpace(bytes);
}

/** os.ReadFile's *PathError text for the usual failures; Node's own text otherwise. */
function goPathError(path: string, e: NodeJS.ErrnoException): string {
    const texts: Record<string, string> = {
        ENOENT: "no such file or directory", EACCES: "permission denied", ENOTDIR: "not a directory",
        ELOOP: "too many levels of symbolic links", ENAMETOOLONG: "file name too long",
    };
    // Opening a directory succeeds on Linux; it is the read that fails.
    if (e.code === "EISDIR") return `read ${path}: is a directory`;
    const text = e.code !== undefined ? texts[e.code] : undefined;
    return `open ${path}: ${text ?? e.message}`;
}

// unicode.IsSpace beyond ASCII, UTF-8 encoded: U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
// U+3000. JavaScript's trim() differs (it trims U+FEFF and keeps U+0085), so the file is trimmed by hand.
const WIDE_SPACES = [
    [0xc2, 0x85], [0xc2, 0xa0], [0xe1, 0x9a, 0x80], [0xe2, 0x80, 0xa8], [0xe2, 0x80, 0xa9], [0xe2, 0x80, 0xaf],
    [0xe2, 0x81, 0x9f], [0xe3, 0x80, 0x80],
    ...Array.from({ length: 11 }, (_, i) => [0xe2, 0x80, 0x80 + i]),
].map((b) => Buffer.from(b));

function spaceAt(b: Buffer, at: number, fromEnd: boolean): number {
    const c = fromEnd ? b[at - 1] : b[at];
    if (c === 0x20 || (c !== undefined && c >= 0x09 && c <= 0x0d)) return 1;
    for (const w of WIDE_SPACES) {
        const start = fromEnd ? at - w.length : at;
        if (start >= 0 && start + w.length <= b.length && b.subarray(start, start + w.length).equals(w)) return w.length;
    }
    return 0;
}

function trimGoSpace(b: Buffer): Buffer {
    let start = 0;
    let end = b.length;
    for (let n = spaceAt(b, start, false); n > 0 && start < end; n = spaceAt(b, start, false)) start += n;
    for (let n = spaceAt(b, end, true); n > 0 && end > start; n = spaceAt(b, end, true)) end -= n;
    return Buffer.from(b.subarray(start, end));
}

/** PBKDF2-HMAC-SHA256, 1,000,000 iterations, 32-byte key (crypt.go:165-170). */
export const PBKDF2_ITERATIONS = 1_000_000;
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** NewPassphraseSecretsManager's salt length (manager.go:165). */
const SALT_BYTES = 8;
/** The plaintext every `encryptionsalt` carries, to tell a wrong passphrase (manager.go:67, 174). */
const PASSPHRASE_CHECK = "pulumi";

export function derivePassphraseKey(passphrase: string | Buffer, salt: Buffer): Buffer {
    return pbkdf2Sync(passphrase, salt, PBKDF2_ITERATIONS, KEY_BYTES, "sha256");
}

/**
 * The AES key of a passphrase stack (symmetricCrypterFromPhraseAndState, manager.go:48-73). Throws "incorrect
 * passphrase" when the state's check value does not decrypt to "pulumi", for any reason, as the CLI does.
 */
export function passphraseKeyFromState(passphrase: string | Buffer, encryptionSalt: string): Buffer {
    const refuse = (cli: string): never => {
        throw new SecretsError(GETTING_SECRETS_MANAGER + cli, GETTING_SECRETS_MANAGER + cli);
    };
    // SplitN(state, ":", 3): the check value keeps its own colons.
    const first = encryptionSalt.indexOf(":");
    const second = first < 0 ? -1 : encryptionSalt.indexOf(":", first + 1);
    if (second < 0) return refuse("malformed state value");
    if (encryptionSalt.slice(0, first) !== "v1") return refuse("unknown state version");
    const salt = goBase64Decode(encryptionSalt.slice(first + 1, second));
    if (typeof salt === "string") return refuse(salt);
    const key = derivePassphraseKey(passphrase, salt);
    let check: string | undefined;
    try {
        check = decryptSecureValue(key, encryptionSalt.slice(second + 1));
    } catch {
        check = undefined;
    }
    if (check !== PASSPHRASE_CHECK) return refuse("incorrect passphrase");
    return key;
}

/** A new `encryptionsalt` and its key, as `pulumi stack init` writes them (NewPassphraseSecretsManager, manager.go:163-192). */
export function newPassphraseState(passphrase: string | Buffer, salt: Buffer = randomBytes(SALT_BYTES)): { encryptionSalt: string; key: Buffer } {
    const key = derivePassphraseKey(passphrase, salt);
    return { encryptionSalt: `v1:${salt.toString("base64")}:${encryptSecureValue(key, PASSPHRASE_CHECK)}`, key };
}

/** `v1:<base64 nonce>:<base64 ciphertext+tag>`, as symmetricCrypter.EncryptValue writes it (crypt.go:179-183, 232-249). */
export function encryptSecureValue(key: Buffer, plaintext: string, nonce: Buffer = randomBytes(NONCE_BYTES)): string {
    const cipher = createCipheriv("aes-256-gcm", key, nonce);
    const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `v1:${nonce.toString("base64")}:${sealed.toString("base64")}`;
}

/**
 * The plaintext of one `secure:` value (symmetricCrypter.DecryptValue, crypt.go:189-225). Throws a SecretsError whose
 * text is the Go decrypter's ("bad value", "unknown value version", "cipher: message authentication failed", ...).
 */
export function decryptSecureValue(key: Buffer, ciphertext: string): string {
    const fail = (text: string): never => {
        throw new SecretsError(text, text);
    };
    const parts = ciphertext.split(":");
    if (parts.length !== 3) return fail("bad value");
    if (parts[0] !== "v1") return fail("unknown value version");
    const nonce = goBase64Decode(parts[1]!);
    if (typeof nonce === "string") return fail(`bad value: ${nonce}`);
    const sealed = goBase64Decode(parts[2]!);
    if (typeof sealed === "string") return fail(`bad value: ${sealed}`);
    if (nonce.length !== NONCE_BYTES) return fail("bad value: nonce size is incorrect");
    // Go's gcm.Open gives the one error for a value too short to hold a tag and for a tag that does not match.
    if (sealed.length < TAG_BYTES) return fail("cipher: message authentication failed");
    const decipher = createDecipheriv("aes-256-gcm", key, nonce);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
        return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
    } catch {
        return fail("cipher: message authentication failed");
    }
}

const B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_DIGIT = new Set(Buffer.from(B64_ALPHABET));
const [CR, LF, PAD] = [0x0d, 0x0a, 0x3d];

/**
 * base64.StdEncoding.DecodeString: the bytes, or Go's error text ("illegal base64 data at input byte N", N counted in
 * bytes). Go skips CR and LF anywhere, wants `=` padding, and does not check the unused bits of the last digit, so a
 * string it accepts decodes the same in Node; only the refusals need Go's rules.
 */
function goBase64Decode(s: string): Buffer | string {
    const src = Buffer.from(s, "utf8");
    const at = goBase64ErrorAt(src);
    if (at !== undefined) return `illegal base64 data at input byte ${at}`;
    return Buffer.from(src.toString("latin1").replace(/[\r\n]/g, ""), "base64");
}

function goBase64ErrorAt(src: Buffer): number | undefined {
    const skipNewlines = (i: number) => {
        while (i < src.length && (src[i] === CR || src[i] === LF)) i++;
        return i;
    };
    let si = 0;
    while (si < src.length) {
        // One quantum of four digits, as decodeQuantum reads it.
        for (let j = 0; j < 4; j++) {
            if (si === src.length) return j === 0 ? undefined : si - j;
            const c = src[si++]!;
            if (B64_DIGIT.has(c)) continue;
            if (c === CR || c === LF) {
                j--;
                continue;
            }
            if (c !== PAD || j < 2) return si - 1;
            if (j === 2) {
                si = skipNewlines(si);
                if (si === src.length) return src.length;
                if (src[si] !== PAD) return si - 1;
                si++;
            }
            si = skipNewlines(si);
            return si < src.length ? si : undefined;
        }
    }
    return undefined;
}

/** What decryptConfigValue needs from the stack: a key, or why the values cannot be had offline. */
export type StackDecrypter =
    | { kind: "passphrase"; key: Buffer }
    | {
        kind: "unavailable";
        provider: SecretsManagerChoice["kind"];
        /** One line saying why, for the "unknown" the caller reports. */
        reason: string;
        /**
         * The error `pulumi preview` itself stops with, where it is certain: only the passphrase provider without a
         * passphrase, and it stops even when no value is secure. Cloud and service providers need the network.
         */
        cliError?: string;
    };

/**
 * The decrypter the CLI would build for this stack file (secrets.go GetSecretsManager). The passphrase is checked
 * against the salt now, as the CLI does before reading any config: a wrong one throws "incorrect passphrase" whether
 * or not a value is secure. A missing passphrase and every non-passphrase provider give `unavailable`, not an error.
 */
export function stackDecrypter(settings: StackSecretsSettings, env: PassphraseEnv = process.env, io: PassphraseIo = {}): StackDecrypter {
    const choice = chooseSecretsManager(settings);
    switch (choice.kind) {
        case "passphrase": {
            const passphrase = readPassphrase(env, io);
            if (passphrase === undefined) {
                return {
                    kind: "unavailable", provider: "passphrase",
                    reason: "the stack's passphrase secrets provider needs PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE",
                    cliError: GETTING_SECRETS_MANAGER + PASSPHRASE_NOT_SET,
                };
            }
            return { kind: "passphrase", key: passphraseKeyFromState(passphrase, choice.encryptionSalt) };
        }
        case "cloud": {
            const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(choice.url)?.[0] ?? choice.url;
            return { kind: "unavailable", provider: "cloud", reason: `the stack's secrets provider ${scheme} unwraps its key with a KMS, which is not reachable offline` };
        }
        case "backend-default":
            return {
                kind: "unavailable", provider: "backend-default",
                reason: "the stack file has no encryptionsalt or secrets provider URL, so its secrets belong to the backend's default secrets manager",
            };
    }
}

/** Stands for a `secure:` leaf that cannot be decrypted offline; the caller turns it into an unknown value. */
export class UnavailableSecret {
    constructor(
        /** The config key (`ns:key`). */
        readonly key: string,
        /** Where in a structured value, in the CLI's property path syntax; `""` for the whole value. */
        readonly path: string,
        readonly reason: string,
    ) {}

    /** Serialising the marker into a program's config would hand the program a made-up value, so it cannot happen. */
    toJSON(): never {
        throw new Error(`config '${this.key}'${this.path ? ` at ${this.path}` : ""} is a secret not available offline (${this.reason}); `
            + "turn it into an unknown before serialising the config");
    }
}

/** `{ secure: "<ciphertext>" }` and nothing else: the only shape the CLI reads as a secret (object.go:541-551). */
export function isSecureValue(v: unknown): v is { secure: string } {
    return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1
        && typeof (v as { secure?: unknown }).secure === "string";
}

/** The value is secure or holds a secure leaf: Go's Value.Secure(), which puts a key in ConfigSecretKeys. */
export function hasSecureValue(v: unknown): boolean {
    if (isSecureValue(v)) return true;
    if (Array.isArray(v)) return v.some(hasSecureValue);
    if (typeof v === "object" && v !== null) return Object.values(v).some(hasSecureValue);
    return false;
}

/** The value holds an UnavailableSecret anywhere. */
export function hasUnavailableSecret(v: unknown): boolean {
    if (v instanceof UnavailableSecret) return true;
    if (Array.isArray(v)) return v.some(hasUnavailableSecret);
    if (typeof v === "object" && v !== null) return Object.values(v).some(hasUnavailableSecret);
    return false;
}

type PathPart = string | number;

/** resource.PropertyPath.String (sdk/go/common/resource/properties_path.go:582-611). */
function formatPath(path: readonly PathPart[]): string {
    return path.map((p, i) => {
        if (typeof p === "number") return `[${p}]`;
        if (/^[A-Za-z0-9_]+$/.test(p)) return i === 0 ? p : `.${p}`;
        return `["${p.replace(/"/g, "\\\"")}"]`;
    }).join("");
}

/**
 * The config value with each `secure:` leaf, at the top or nested in maps and arrays, replaced by its plaintext
 * string, or by an UnavailableSecret when the decrypter is unavailable. The input is not modified. A leaf that does
 * not decrypt throws a SecretsError naming the key; its cliMessage is what the preview prints (deployment.go:226-229).
 */
export function decryptConfigValue(key: string, value: unknown, decrypter: StackDecrypter): unknown {
    const walk = (v: unknown, path: PathPart[]): unknown => {
        if (isSecureValue(v)) {
            if (decrypter.kind === "unavailable") return new UnavailableSecret(key, formatPath(path), decrypter.reason);
            try {
                return decryptSecureValue(decrypter.key, v.secure);
            } catch (e) {
                if (!(e instanceof SecretsError)) throw e;
                const text = e.message;
                const where = path.length > 0 ? ` at ${formatPath(path)}` : "";
                throw new SecretsError(`config '${key}'${where}: its secure value cannot be decrypted: ${text}`, `failed to decrypt config: ${text}`, key);
            }
        }
        if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
        if (typeof v === "object" && v !== null) {
            return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
        }
        return v;
    };
    return walk(value, []);
}
