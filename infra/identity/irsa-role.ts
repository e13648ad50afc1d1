import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../lib/aws";
import { check } from "../lib/validation";
import { IRSA_MANAGED_POLICY_ALLOWLIST, awsManagedPolicyArn } from "./grants";
import { PolicyStatement, policyDocument } from "./policy";
import { componentType, withPreviousType } from "../lib/type-token";

export interface IrsaRoleArgs {
    env: AwsEnvironment;
    /** ARN of the cluster's IAM OIDC provider. */
    oidcProviderArn: pulumi.Input<string>;
    /** Issuer host and path without `https://`, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/ABC`. */
    oidcIssuer: pulumi.Input<string>;
    /** Namespace of the one service account that may assume the role (a DNS-1123 label, no wildcards). */
    namespace: string;
    /** Name of that service account (a DNS-1123 subdomain, no wildcards). */
    serviceAccount: string;
    /** What the role is for, shown in the IAM console. */
    description: string;
    /**
     * Statements from the grant helpers in `grants.ts`, attached as one inline policy.
     * @default - no inline policy: the role can do nothing beyond its managed policies.
     */
    grants?: PolicyStatement[];
    /**
     * AWS-managed policies to attach. Narrow escape hatch for add-ons whose permissions AWS maintains; only the
     * names in `IRSA_MANAGED_POLICY_ALLOWLIST` are accepted, because a broad managed policy on a pod identity is
     * the "AWS credentials in the cluster" step of the kill chain.
     * @default - none.
     */
    managedPolicyArns?: string[];
    /**
     * Maximum session length in seconds, 3600-43200.
     * @default 3600 - one hour, the IAM minimum, so a leaked web-identity session dies quickly.
     */
    maxSessionDuration?: number;
}

/** Kubernetes DNS-1123 label: what a namespace name must be. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Kubernetes DNS-1123 subdomain: what a service account name must be. */
const DNS1123_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function validateNamespace(value: unknown, setting: string): string {
    check(typeof value === "string" && DNS1123_LABEL.test(value), setting, value,
        "must be a Kubernetes namespace name (DNS-1123 label: lower-case letters, digits and '-', at most 63 characters); wildcards are not allowed");
    return value as string;
}

export function validateServiceAccountName(value: unknown, setting: string): string {
    check(typeof value === "string" && DNS1123_SUBDOMAIN.test(value), setting, value,
        "must be a Kubernetes service account name (DNS-1123 subdomain: lower-case letters, digits, '-' and '.'); wildcards are not allowed");
    return value as string;
}

/** An issuer as IAM condition keys use it: host and path, no scheme, no trailing slash, no wildcard. */
export function validateOidcIssuer(value: unknown, setting: string): string {
    check(typeof value === "string" && /^[a-z0-9.-]+(\/[A-Za-z0-9._-]+)*$/.test(value), setting, value,
        "must be the issuer host and path without 'https://' (e.g. oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE), with no wildcard");
    return value as string;
}

export function validateMaxSessionDuration(value: unknown, setting: string): number {
    check(typeof value === "number" && Number.isInteger(value) && value >= 3600 && value <= 43200, setting, value,
        "must be a whole number of seconds from 3600 to 43200");
    return value as number;
}

/** Accepts only `arn:<partition>:iam::aws:policy/<name>` for names on the allowlist. */
export function validateIrsaManagedPolicyArns(env: AwsEnvironment, value: unknown, setting: string): string[] {
    check(Array.isArray(value), setting, value, "must be a list of AWS-managed policy ARNs");
    const allowed = IRSA_MANAGED_POLICY_ALLOWLIST.map((n) => awsManagedPolicyArn(env, n));
    (value as unknown[]).forEach((v, i) => {
        check(typeof v === "string" && allowed.includes(v), `${setting}[${i}]`, v,
            `must be one of ${allowed.join(", ")}; grant anything else with the intent-named helpers in infra/identity/grants.ts`);
    });
    check(new Set(value as string[]).size === (value as string[]).length, setting, value, "must not list a policy twice");
    return value as string[];
}

/**
 * Trust policy for IRSA: only web identities from this cluster's OIDC provider, only the one service account
 * (`:sub`), only tokens minted for STS (`:aud`). StringEquals, not StringLike, so no wildcard can slip in.
 */
export function irsaTrustPolicy(oidcProviderArn: string, oidcIssuer: string, namespace: string, serviceAccount: string): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: oidcProviderArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${oidcIssuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
                        [`${oidcIssuer}:aud`]: "sts.amazonaws.com",
                    },
                },
            },
        ],
    };
}

/**
 * An IAM role that exactly one Kubernetes service account can assume through the cluster's OIDC provider (IRSA).
 * Type token `hardened:index:IrsaRole` (formerly `hardened:identity:IrsaRole`, kept as an alias); children `${name}-role`, `${name}-grants` (inline policy, when
 * grants are given) and `${name}-<policy name>` (managed policy attachments).
 */
export class IrsaRole extends pulumi.ComponentResource {
    public readonly role: aws.iam.Role;
    public readonly arn: pulumi.Output<string>;
    public readonly name: pulumi.Output<string>;

    constructor(name: string, args: IrsaRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        validateNamespace(args.namespace, "IrsaRole.namespace");
        validateServiceAccountName(args.serviceAccount, "IrsaRole.serviceAccount");
        if (typeof args.oidcIssuer === "string") validateOidcIssuer(args.oidcIssuer, "IrsaRole.oidcIssuer");
        const managed = validateIrsaManagedPolicyArns(args.env, args.managedPolicyArns ?? [], "IrsaRole.managedPolicyArns");
        const maxSession = validateMaxSessionDuration(args.maxSessionDuration ?? 3600, "IrsaRole.maxSessionDuration");
        if (args.grants !== undefined) check(args.grants.length > 0, "IrsaRole.grants", args.grants, "must not be empty; leave it unset for no inline policy");
        super(componentType("IrsaRole"), name, {}, withPreviousType("IrsaRole", opts));

        const trust = pulumi.all([args.oidcProviderArn, args.oidcIssuer]).apply(([providerArn, issuer]) => {
            // The issuer is only known after the cluster exists, so it is checked again here.
            const host = validateOidcIssuer(issuer, "IrsaRole.oidcIssuer");
            return JSON.stringify(irsaTrustPolicy(providerArn, host, args.namespace, args.serviceAccount));
        });

        this.role = new aws.iam.Role(`${name}-role`, {
            description: args.description,
            assumeRolePolicy: trust,
            maxSessionDuration: maxSession,
            tags: { "hardened-stack/service-account": `${args.namespace}/${args.serviceAccount}` },
        }, { parent: this });

        if (args.grants) {
            new aws.iam.RolePolicy(`${name}-grants`, { role: this.role.name, policy: policyDocument(args.grants) }, { parent: this });
        }
        for (const policyArn of managed) {
            const policyName = policyArn.slice(policyArn.lastIndexOf("/") + 1);
            new aws.iam.RolePolicyAttachment(`${name}-${policyName}`, { role: this.role.name, policyArn }, { parent: this });
        }

        this.arn = this.role.arn;
        this.name = this.role.name;
        this.registerOutputs({ arn: this.arn, name: this.name });
    }
}
