"use strict";
/**
 * AWS credentials written into Kubernetes objects: the Tesla attackers found AWS keys in the cluster they reached
 * through the open console. Pure functions over plain strings; messages never repeat the credential.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.AWS_CREDENTIAL_ENV_NAMES = void 0;
exports.awsCredentialInText = awsCredentialInText;
exports.decodeBase64Text = decodeBase64Text;
exports.awsCredentialIn = awsCredentialIn;
/** Long-term (AKIA) and temporary (ASIA) access key IDs: prefix plus 16 upper-case letters and digits. */
const ACCESS_KEY_ID = /(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
/** A secret access key written next to its name, as in a credentials file, an .env file or JSON. */
const SECRET_ASSIGNMENT = /(aws)?_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i;
const SECRET_KEY_VALUE = /^[A-Za-z0-9/+]{40}$/;
/** Property or variable names that hold a secret access key or a session token. */
const SECRET_NAME = /secret_?access_?key|aws_?secret|session_?token/i;
/** Environment variables through which the AWS SDKs pick up static credentials. */
exports.AWS_CREDENTIAL_ENV_NAMES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];
/** What kind of AWS credential `text` holds, judged by the text alone; undefined when none. */
function awsCredentialInText(text) {
    const id = ACCESS_KEY_ID.exec(text);
    if (id)
        return id[1] === "ASIA" ? "a temporary AWS access key ID (ASIA…)" : "an AWS access key ID (AKIA…)";
    if (SECRET_ASSIGNMENT.test(text))
        return "an AWS secret access key";
    return undefined;
}
/** Decodes standard base64 when `text` is plausibly base64 of printable text; undefined otherwise. */
function decodeBase64Text(text) {
    const t = text.replace(/\s+/g, "");
    if (t.length < 16 || t.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(t))
        return undefined;
    const decoded = Buffer.from(t, "base64").toString("utf8");
    // Binary data decodes to control characters or replacement characters: not something a key could hide in.
    for (const ch of decoded) {
        const code = ch.codePointAt(0);
        if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffd)
            return undefined;
    }
    return decoded;
}
/**
 * What AWS credential the value under property `name` holds, looking at the text, at its base64 decoding (Secret
 * `data`, ConfigMap `binaryData`, and values someone encoded to "hide" them), and at a 40-character secret key under
 * a name that says what it is.
 */
function awsCredentialIn(name, value) {
    const found = awsCredentialInText(value);
    if (found)
        return found;
    const decoded = decodeBase64Text(value);
    if (decoded !== undefined) {
        const inDecoded = awsCredentialInText(decoded);
        if (inDecoded)
            return `${inDecoded}, base64-encoded`;
    }
    if (name !== undefined && SECRET_NAME.test(name)) {
        if (SECRET_KEY_VALUE.test(value.trim()))
            return "an AWS secret access key";
        if (decoded !== undefined && SECRET_KEY_VALUE.test(decoded.trim()))
            return "an AWS secret access key, base64-encoded";
    }
    return undefined;
}
//# sourceMappingURL=k8s-secrets.js.map