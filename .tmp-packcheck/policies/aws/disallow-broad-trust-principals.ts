import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { configWithDefaults, stringList, stringListSchema } from "../../lib/config";
import { checkov } from "../../lib/frameworks";
import { Condition, Statement, coversAction, isAccountPrincipal, parsePolicyDocument, principalAccount } from "../../lib/iam";

/** Condition keys that narrow who may assume a role (not when, or over which transport). */
const NARROWING_KEYS = [
    "sts:externalid", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount",
    "aws:userid", "aws:username", "aws:sourceidentity", "aws:principaltag/", "aws:sourcearn", "aws:sourceaccount",
];

/** A condition that narrows the principal: a narrowing key, not `...IfExists` (absent keys pass), no bare `*` value. */
export function narrowsPrincipal(c: Condition): boolean {
    const key = c.key.toLowerCase();
    if (!NARROWING_KEYS.some((k) => (k.endsWith("/") ? key.startsWith(k) : key === k))) return false;
    if (/IfExists$/.test(c.operator) || /^Null$/i.test(c.operator) || /^StringNot|^ArnNot/i.test(c.operator)) return false;
    return c.values.length > 0 && !c.values.includes("*");
}

/** Why one Allow statement of a trust policy lets too many principals in; undefined when it does not. */
export function broadTrust(s: Statement, trustedAccounts: readonly string[]): string | undefined {
    if (s.effect !== "Allow") return undefined;
    if (s.notPrincipal) return "uses NotPrincipal with Allow, which trusts everyone not listed";
    if (!s.principal) return undefined;
    if (s.principal.any) return "trusts Principal \"*\" (any AWS account)";
    const narrowed = s.conditions.some(narrowsPrincipal);
    const accounts = s.principal.aws.filter((a) => isAccountPrincipal(a) && !trustedAccounts.includes(principalAccount(a)!));
    if (accounts.length > 0 && !narrowed) {
        return `trusts the whole account ${accounts.join(", ")} (any role or user there allowed sts:AssumeRole) with no condition on the principal (sts:ExternalId, aws:PrincipalArn, aws:PrincipalOrgID...)`;
    }
    if (s.principal.aws.some((a) => /[*?]/.test(a) && a !== "*")) return `trusts wildcard principals ${s.principal.aws.filter((a) => /[*?]/.test(a)).join(", ")}`;
    if (coversAction(s, "sts:AssumeRoleWithWebIdentity")) {
        for (const f of s.principal.federated) {
            const idp = f.replace(/^arn:[a-z-]+:iam::\d{12}:oidc-provider\//, "");
            const needed = idp === "cognito-identity.amazonaws.com" ? `${idp}:aud` : `${idp}:sub`;
            const pinned = s.conditions.some((c) => c.key.toLowerCase() === needed.toLowerCase() && !/IfExists$/.test(c.operator)
                && c.values.length > 0 && !c.values.some((v) => /^\*+$/.test(v)));
            if (!pinned) return `trusts web identities of ${idp} with no condition on ${needed}, so any identity that provider issues can assume the role`;
        }
    }
    return undefined;
}

/**
 * Role trust policies name who may assume the role: no "*" principal, no NotPrincipal, no whole account without a
 * narrowing condition (unless configured as trusted), no web-identity provider without a subject condition.
 */
export const disallowBroadTrustPrincipals = resourcePolicy({
    name: "disallow-broad-trust-principals",
    description: "IAM role trust policies do not trust \"*\", NotPrincipal, whole untrusted accounts without a narrowing condition, or OIDC identities without a subject condition.",
    step: "creds",
    severity: "critical",
    remediationSteps: "In assumeRolePolicy, name the exact role ARN or AWS service that may assume the role; for another account add sts:ExternalId or aws:PrincipalArn conditions (or list the account in trustedAccountIds); for OIDC providers add a StringEquals condition on <provider>:sub. Never use Principal \"*\" or NotPrincipal in a trust policy.",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#term_trust-policy",
    framework: checkov("CKV_AWS_60", "Ensure IAM role allows only specific services or principals to assume it"),
    references: ["EKS-BP iam: Scope the IAM Role trust policy for IRSA Roles to the service account name, namespace, and cluster", "CKV_AWS_60", "CKV_AWS_61", "CKV_AWS_358"],
    configSchema: stringListSchema({
        trustedAccountIds: {
            description: "12-digit AWS account ids whose root may be trusted without a narrowing condition (e.g. this account, a security tooling account).",
            default: [],
        },
    }),
    types: [AWS.iamRole],
    check: ({ args, reads, report }) => {
        const trusted = stringList(configWithDefaults(args.getConfig(), { trustedAccountIds: [] as string[] }).trustedAccountIds);
        const raw = reads.get("assumeRolePolicy", () => args.props.assumeRolePolicy);
        if (raw === UNKNOWN) return;
        const doc = parsePolicyDocument(raw);
        if (doc.error !== undefined) {
            report(`assumeRolePolicy ${doc.error}; write the trust policy as a JSON document naming the exact principals`);
            return;
        }
        doc.statements.forEach((s, i) => {
            const why = broadTrust(s, trusted);
            if (why) report(`assumeRolePolicy Statement[${i}] ${why}; name the exact principal or add a narrowing condition`);
        });
    },
});
