import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ClusterOidcProviderArgs {
    /** The cluster's issuer URL as EKS reports it (`https://oidc.eks.<region>.amazonaws.com/id/<ID>`). */
    issuerUrl: pulumi.Input<string>;
}

/** `https://host/path` -> `host/path`, the form IAM condition keys use. */
export function issuerHostPath(issuerUrl: string): string {
    return issuerUrl.replace(/^https:\/\//, "").replace(/\/+$/, "");
}

/**
 * The IAM OIDC identity provider for a cluster, so service accounts can assume IRSA roles.
 * Type token `hardened:identity:ClusterOidcProvider`; child `${name}-provider`.
 *
 * The only audience is `sts.amazonaws.com`: tokens projected for anything else cannot be exchanged for AWS
 * credentials. No thumbprint is set: for the EKS issuer IAM validates the certificate against its own trusted
 * CAs, and a pinned thumbprint would only break at the next certificate rotation.
 */
export class ClusterOidcProvider extends pulumi.ComponentResource {
    public readonly provider: aws.iam.OpenIdConnectProvider;
    public readonly arn: pulumi.Output<string>;
    /** Issuer host and path without `https://`. */
    public readonly issuer: pulumi.Output<string>;

    constructor(name: string, args: ClusterOidcProviderArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:identity:ClusterOidcProvider", name, {}, opts);
        this.provider = new aws.iam.OpenIdConnectProvider(`${name}-provider`, {
            url: args.issuerUrl,
            clientIdLists: ["sts.amazonaws.com"],
        }, { parent: this });
        this.arn = this.provider.arn;
        this.issuer = pulumi.output(args.issuerUrl).apply(issuerHostPath);
        this.registerOutputs({ arn: this.arn, issuer: this.issuer });
    }
}
