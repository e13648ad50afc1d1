import { gunzipSync } from "node:zlib";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS, INSTANCE_LAUNCH_TYPES } from "../../lib/aws-types";
import { checkov } from "../../lib/frameworks";

/** Access key ids: long-lived (AKIA) and temporary (ASIA) keys, which user data would keep past their session. */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;
/** A secret access key assignment in any of the usual spellings (env var, credentials file, JSON). */
const SECRET_ACCESS_KEY = /(?:aws_?secret_?access_?key|secretAccessKey)["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}/i;
const BASE64_RUN = /[A-Za-z0-9+/]{24,}={0,2}/g;

/** Decodes base64 (and gzip inside it) when the result is mostly text; undefined otherwise. */
function decode(b64: string): string | undefined {
    let bytes: Buffer;
    try {
        bytes = Buffer.from(b64, "base64");
    } catch {
        return undefined;
    }
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
            bytes = gunzipSync(bytes);
        } catch {
            return undefined;
        }
    }
    const text = bytes.toString("utf8");
    const printable = text.replace(/[^\x20-\x7e\r\n\t]/g, "").length;
    return text.length > 0 && printable / text.length > 0.9 ? text : undefined;
}

/**
 * What in `userData` looks like AWS credentials, looking through base64 (whole value, MIME parts and embedded
 * runs) and gzip up to three layers deep; undefined when nothing does.
 */
export function findAwsCredentials(userData: string, depth = 0): string | undefined {
    const id = ACCESS_KEY_ID.exec(userData);
    if (id) return `access key id ${id[0].slice(0, 8)}...`;
    if (SECRET_ACCESS_KEY.test(userData)) return "a secret access key";
    if (depth >= 3) return undefined;
    const candidates = new Set<string>();
    const compact = userData.replace(/\s+/g, "");
    if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) candidates.add(compact);
    for (const m of userData.matchAll(BASE64_RUN)) candidates.add(m[0]);
    for (const c of candidates) {
        const text = decode(c);
        const found = text === undefined ? undefined : findAwsCredentials(text, depth + 1);
        if (found) return `${found} (base64-encoded)`;
    }
    return undefined;
}

/**
 * No AWS access keys in EC2 user data: it is readable from the instance metadata service by anything on the node
 * and through ec2:DescribeInstanceAttribute by anyone with read-only EC2 access.
 */
export const disallowAwsKeysInUserData = resourcePolicy({
    name: "disallow-aws-keys-in-user-data",
    description: "EC2 user data (launch templates, instances, spot requests, launch configurations) contains no AWS access keys, plain or base64/gzip-encoded.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Remove the credentials from userData / userDataBase64 and deactivate the key in IAM now (it has been exposed). Give the instance an instance profile role, or pods an IRSA role, instead.",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html",
    framework: checkov("CKV_AWS_46", "Ensure no hard-coded secrets exist in EC2 user data"),
    references: ["CIS EKS 4.4.2", "EKS-BP data: Use an external secrets provider", "CKV_AWS_46", "CKV_SECRET_2"],
    types: INSTANCE_LAUNCH_TYPES,
    check: ({ args, reads, report }) => {
        const fields = args.type === AWS.launchTemplate ? ["userData"] : ["userData", "userDataBase64"];
        for (const f of fields) {
            const v = reads.get(f, () => args.props[f]);
            if (v === UNKNOWN || typeof v !== "string") continue;
            const found = findAwsCredentials(v);
            if (found) report(`${f} contains ${found}; remove it, deactivate the key, and use an instance profile or IRSA role instead`);
        }
    },
});
