import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, arn } from "../lib/aws";
import { check } from "../lib/validation";

/** One AWS service allowed to use the key, scoped by conditions (encryption context, source account...). */
export interface KeyServiceGrant {
    /** Statement id, e.g. `CloudWatchLogs`. */
    sid: string;
    /** Service principal, e.g. `logs.eu-west-1.amazonaws.com`. */
    service: string;
    actions: string[];
    /** IAM condition block; every service grant should carry one (encryption context or aws:SourceArn). */
    condition?: Record<string, Record<string, string | string[]>>;
}

export interface CustomerKeyArgs {
    env: AwsEnvironment;
    /** What the key protects, shown in the console. */
    description: string;
    /** Alias without the `alias/` prefix, e.g. `hardened-stack-dev-logs`. */
    alias: string;
    /**
     * Services that may use the key.
     * @default - none: only IAM principals of this account that are granted kms:* actions by their own policies.
     */
    serviceGrants?: KeyServiceGrant[];
    /**
     * Days before a scheduled deletion completes.
     * @default 30 - the maximum, so an accidental `pulumi destroy` leaves a month to cancel.
     */
    deletionWindowInDays?: number;
}

/** Key policy: the account root (so IAM policies decide, the AWS-recommended base) plus scoped service grants. */
export function customerKeyPolicy(env: AwsEnvironment, grants: KeyServiceGrant[]): string {
    const statements: Record<string, unknown>[] = [
        {
            Sid: "AccountIamPoliciesDecide",
            Effect: "Allow",
            Principal: { AWS: arn(env, "iam", "root", { region: false }) },
            Action: "kms:*",
            Resource: "*",
        },
    ];
    for (const g of grants) {
        statements.push({
            Sid: g.sid,
            Effect: "Allow",
            Principal: { Service: g.service },
            Action: g.actions,
            Resource: "*",
            ...(g.condition ? { Condition: g.condition } : {}),
        });
    }
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** Actions a service needs to encrypt and decrypt with the key (envelope encryption). */
export const KEY_USE_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"];

/**
 * A customer-managed KMS key with rotation on and a policy that names every service allowed to use it.
 * Type token `hardened:kms:CustomerKey`; children `${name}-key` and `${name}-alias`.
 */
export class CustomerKey extends pulumi.ComponentResource {
    public readonly key: aws.kms.Key;
    public readonly arn: pulumi.Output<string>;
    public readonly keyId: pulumi.Output<string>;
    public readonly aliasName: string;

    constructor(name: string, args: CustomerKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        const window = args.deletionWindowInDays ?? 30;
        check(Number.isInteger(window) && window >= 7 && window <= 30, "CustomerKey.deletionWindowInDays", window, "must be an integer from 7 to 30");
        check(/^[a-zA-Z0-9/_-]{1,250}$/.test(args.alias) && !args.alias.startsWith("aws/"), "CustomerKey.alias", args.alias,
            "must be 1-250 characters of letters, digits, '/', '_' or '-', without the reserved 'aws/' prefix");
        super("hardened:kms:CustomerKey", name, {}, opts);

        this.key = new aws.kms.Key(`${name}-key`, {
            description: args.description,
            enableKeyRotation: true,
            deletionWindowInDays: window,
            keyUsage: "ENCRYPT_DECRYPT",
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            policy: customerKeyPolicy(args.env, args.serviceGrants ?? []),
        }, { parent: this });
        this.aliasName = `alias/${args.alias}`;
        new aws.kms.Alias(`${name}-alias`, { name: this.aliasName, targetKeyId: this.key.keyId }, { parent: this });

        this.arn = this.key.arn;
        this.keyId = this.key.keyId;
        this.registerOutputs({ arn: this.arn, keyId: this.keyId, aliasName: this.aliasName });
    }
}
