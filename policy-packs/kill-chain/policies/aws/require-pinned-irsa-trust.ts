import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { cisEks } from "../../lib/frameworks";
import { Statement, webIdentityAllows } from "../../lib/iam";

const SERVICE_ACCOUNT_SUBJECT = /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** The EKS OIDC issuer (`oidc.eks.<region>.amazonaws.com/id/<ID>`) a web-identity statement trusts, if any. */
export function eksIssuerOf(s: Statement): string | undefined {
    for (const f of s.principal?.federated ?? []) {
        const m = /oidc-provider\/(oidc\.eks\.[^/]+\/id\/[^/]+)$/i.exec(f);
        if (m) return m[1];
    }
    const key = s.conditions.map((c) => c.key).find((k) => /^oidc\.eks\./i.test(k));
    return key?.replace(/:(sub|aud|amr)$/i, "");
}

/** What is wrong with one IRSA trust statement; empty when it is pinned to one service account and STS. */
export function irsaTrustProblems(s: Statement, issuer: string): string[] {
    const problems: string[] = [];
    const on = (suffix: string) => s.conditions.filter((c) => c.key.toLowerCase() === `${issuer}:${suffix}`.toLowerCase());
    const sub = on("sub");
    const pinned = sub.find((c) => c.operator === "StringEquals" && c.values.length === 1 && SERVICE_ACCOUNT_SUBJECT.test(c.values[0]!));
    if (!pinned) {
        const loose = sub.map((c) => `${c.operator} ${JSON.stringify(c.values)}`);
        problems.push(loose.length > 0
            ? `the ${issuer}:sub condition (${loose.join("; ")}) is not StringEquals on exactly one "system:serviceaccount:<namespace>:<name>" without wildcards`
            : `there is no StringEquals condition on ${issuer}:sub, so every service account of the cluster can assume the role`);
    }
    const aud = on("aud");
    if (!aud.some((c) => c.operator === "StringEquals" && c.values.length === 1 && c.values[0] === "sts.amazonaws.com")) {
        problems.push(`there is no StringEquals condition ${issuer}:aud = "sts.amazonaws.com"`);
    }
    return problems;
}

/**
 * IRSA roles can be assumed by exactly one Kubernetes service account: StringEquals on the issuer's `:sub`
 * (system:serviceaccount:<ns>:<sa>, no wildcard, no StringLike) and `:aud` = sts.amazonaws.com. Without it, any
 * pod in the cluster (a miner included) can exchange its token for the role's credentials.
 */
export const requirePinnedIrsaTrust = resourcePolicy({
    name: "require-pinned-irsa-trust",
    description: "IAM roles trusting an EKS OIDC provider pin :sub to one service account and :aud to sts.amazonaws.com with StringEquals.",
    step: "creds",
    severity: "critical",
    remediationSteps: "In the role's assumeRolePolicy, give every sts:AssumeRoleWithWebIdentity statement for the EKS OIDC provider a Condition { StringEquals: { \"<issuer>:sub\": \"system:serviceaccount:<namespace>:<service-account>\", \"<issuer>:aud\": \"sts.amazonaws.com\" } } (IrsaRole builds exactly this). One role per service account; no StringLike, no wildcards.",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html",
    framework: cisEks("5.2.1", "Prefer using dedicated EKS Service Accounts"),
    references: ["CIS EKS 5.2.1", "EKS-BP iam: Scope the IAM Role trust policy for IRSA Roles to the service account name, namespace, and cluster"],
    types: [AWS.iamRole],
    check: ({ args, reads, report }) => {
        const raw = reads.get("assumeRolePolicy", () => args.props.assumeRolePolicy);
        if (raw === UNKNOWN) return;
        for (const { s, i } of webIdentityAllows(raw)) {
            const issuer = eksIssuerOf(s);
            if (!issuer) continue;
            const problems = irsaTrustProblems(s, issuer);
            if (problems.length > 0) {
                report(`assumeRolePolicy Statement[${i}] trusts ${issuer} but ${problems.join(", and ")}; pin it with StringEquals on :sub (one service account) and :aud (sts.amazonaws.com)`);
            }
        }
    },
});
