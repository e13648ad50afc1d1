import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../lib/aws";
import { ValidationError } from "../lib/validation";

export interface AccountPublicAccessBlockArgs {
    env: AwsEnvironment;
}

/**
 * S3 Block Public Access for the whole account, all four settings on, so a bucket created outside this program
 * (a quick test bucket, a tool's default) cannot be made public either.
 * There is one such setting per account: create this component in one stack per account only.
 * Type token `hardened:data:AccountPublicAccessBlock`.
 */
export class AccountPublicAccessBlock extends pulumi.ComponentResource {
    public readonly block: aws.s3.AccountPublicAccessBlock;

    constructor(name: string, args: AccountPublicAccessBlockArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!/^\d{12}$/.test(args.env.accountId)) {
            throw new ValidationError("AccountPublicAccessBlock.env.accountId", args.env.accountId, "must be a 12-digit AWS account id");
        }
        super("hardened:data:AccountPublicAccessBlock", name, {}, opts);

        this.block = new aws.s3.AccountPublicAccessBlock(`${name}-block`, {
            // Explicit so a provider configured for another account fails instead of changing the wrong account.
            accountId: args.env.accountId,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }, { parent: this });

        this.registerOutputs({ accountId: args.env.accountId });
    }
}
