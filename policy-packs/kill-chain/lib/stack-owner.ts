/**
 * The AWS account(s) and region(s) a stack deploys into, as far as the stack's own resources say. A stack policy
 * cannot call STS; what it sees are the providers' inputs and the documents the program wrote.
 *
 * - regions: the `region` input of every AWS provider the stack's AWS resources use (the default provider's comes
 *   from `aws:region` config, known in a preview);
 * - accounts: the providers' `allowedAccountIds` when set (authoritative: the provider refuses any other account);
 *   otherwise the accounts the stack's documents show it owns: an account-level S3 public access block's
 *   `accountId`, the account of the OIDC provider an IAM role trusts (IAM roles trust only their own account's
 *   identity providers), and the `arn:…:iam::<account>:root` a KMS key policy gives key administration to. A stack
 *   that shows none fails closed (require-approved-image-registries says to set allowedAccountIds).
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS } from "./aws-types";
import { coversAction, parsePolicyDocument, principalAccount } from "./iam";
import { isUnknownSentinel } from "./unknowns";

export interface StackOwner {
    accounts: Set<string>;
    regions: Set<string>;
    /** Where the accounts came from, for messages. */
    accountSource: "allowedAccountIds" | "inferred" | "none";
}

const KMS_KEY = "aws:kms/key:Key";

/** A value read without the SDK's unknown-checking proxy throwing: unknown reads are treated as absent here. */
function safe(read: () => unknown): unknown {
    try {
        const v = read();
        return isUnknownSentinel(v) ? undefined : v;
    } catch {
        return undefined;
    }
}

function providerProps(r: PolicyResource): Record<string, unknown> | undefined {
    if (r.type.startsWith("pulumi:providers:aws")) return r.props as Record<string, unknown>;
    return r.type.startsWith("aws:") && r.provider ? r.provider.props as Record<string, unknown> : undefined;
}

function documentAccounts(raw: unknown, pick: (principal: string) => string | undefined, action: string): string[] {
    const doc = parsePolicyDocument(raw);
    if (!doc.statements) return [];
    const out: string[] = [];
    for (const s of doc.statements) {
        if (s.effect !== "Allow" || !s.principal || !coversAction(s, action)) continue;
        for (const p of [...s.principal.aws, ...s.principal.federated]) {
            const a = pick(p);
            if (a) out.push(a);
        }
    }
    return out;
}

export function stackOwner(resources: readonly PolicyResource[]): StackOwner {
    const regions = new Set<string>();
    const allowed = new Set<string>();
    const inferred = new Set<string>();
    for (const r of resources) {
        const p = providerProps(r);
        if (p) {
            const region = safe(() => p.region);
            if (typeof region === "string" && region !== "") regions.add(region);
            const ids = safe(() => p.allowedAccountIds);
            // Provider inputs arrive as strings; a list is JSON text.
            const list = typeof ids === "string" ? safe(() => JSON.parse(ids)) : ids;
            if (Array.isArray(list)) for (const id of list) if (typeof id === "string" && /^\d{12}$/.test(id)) allowed.add(id);
        }
        if (r.type === AWS.s3AccountPublicAccessBlock) {
            const id = safe(() => r.props.accountId);
            if (typeof id === "string" && /^\d{12}$/.test(id)) inferred.add(id);
        } else if (r.type === AWS.iamRole) {
            const oidc = (arn: string) => (/:oidc-provider\//.test(arn) ? principalAccount(arn) : undefined);
            for (const a of documentAccounts(safe(() => r.props.assumeRolePolicy), oidc, "sts:AssumeRoleWithWebIdentity")) inferred.add(a);
        } else if (r.type === KMS_KEY) {
            const root = (arn: string) => (/^arn:[a-z-]+:iam::\d{12}:root$/.test(arn) ? principalAccount(arn) : undefined);
            // Key administration (kms:PutKeyPolicy) for an account's root is the key's own account; a key shared with
            // another account grants that one use (kms:Decrypt...), not administration.
            for (const a of documentAccounts(safe(() => r.props.policy), root, "kms:PutKeyPolicy")) inferred.add(a);
        }
    }
    if (allowed.size > 0) return { accounts: allowed, regions, accountSource: "allowedAccountIds" };
    return { accounts: inferred, regions, accountSource: inferred.size > 0 ? "inferred" : "none" };
}
