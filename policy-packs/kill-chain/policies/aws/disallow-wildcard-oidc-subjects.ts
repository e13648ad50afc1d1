import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { cisEks } from "../../lib/frameworks";
import { webIdentityAllows } from "../../lib/iam";
import { issuerOf, subjectsOf } from "../../lib/path-doors";

/** GitHub Actions subjects pinned to one repository: `repo:<org>/<repo>:` with neither part a wildcard. */
const GITHUB_PINNED = /^repo:[^*?/:]+\/[^*?/:]+:/;

/** Why a subject pattern admits more than one workload of `issuer`; undefined when it pins one. */
export function unpinnedPattern(issuer: string, pattern: string): string | undefined {
    if (/^[*?]*$/.test(pattern)) return "is only wildcards";
    if (/token\.actions\.githubusercontent\.com/i.test(issuer) && !GITHUB_PINNED.test(pattern)) return "does not name one repository (repo:<org>/<repo>:...)";
    return undefined;
}

/**
 * A web-identity trust (GitHub Actions, any OIDC issuer other than the EKS cluster's, which require-pinned-irsa-trust
 * judges) admits one workload only when its `:sub` condition pins it: a positive operator, a value that is not just
 * wildcards (`"*"`, `"?*"`), and for GitHub a literal organisation and repository. Every Allow statement on its own:
 * a second statement without the pin undoes the first.
 */
export const disallowWildcardOidcSubjects = resourcePolicy({
    name: "disallow-wildcard-oidc-subjects",
    description: "IAM roles trusting an OIDC issuer other than EKS (GitHub Actions...) pin :sub in every Allow statement with a positive condition naming one workload: no \"*\" or \"?*\", no negated or IfExists operator, and for GitHub a literal repo:<org>/<repo>.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Give every sts:AssumeRoleWithWebIdentity statement a StringEquals (or StringLike with a literal prefix) on <issuer>:sub naming one workload, e.g. \"repo:<org>/<repo>:ref:refs/heads/main\" for GitHub Actions; remove statements without it.",
    url: "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services",
    framework: cisEks("5.2.1", "Prefer using dedicated EKS Service Accounts"),
    references: ["CIS EKS 5.2.1", "EKS-BP iam: Scope the IAM Role trust policy", "docs/path-model.md"],
    types: [AWS.iamRole],
    check: ({ args, reads, report }) => {
        const raw = reads.get("assumeRolePolicy", () => args.props.assumeRolePolicy);
        if (raw === UNKNOWN) return;
        for (const { s, i } of webIdentityAllows(raw)) {
            for (const fed of s.principal?.federated ?? []) {
                const issuer = issuerOf(fed);
                if (/^oidc\.eks\./i.test(issuer)) continue; // require-pinned-irsa-trust
                const who = subjectsOf(s, issuer);
                const where = `assumeRolePolicy Statement[${i}] trusts ${issuer}`;
                if (who === "everyone") {
                    report(`${where} with no positive :sub condition that narrows it (missing, negated, IfExists or only wildcards), so any workload the issuer signs for assumes the role; pin ${issuer}:sub to one workload.`);
                    continue;
                }
                const values = "patterns" in who ? who.patterns : who.exact;
                for (const v of values) {
                    const why = unpinnedPattern(issuer, v);
                    if (why) report(`${where} with :sub ${JSON.stringify(v)}, which ${why}; pin ${issuer}:sub to one workload.`);
                }
            }
        }
    },
});
