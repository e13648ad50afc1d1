// A standalone IrsaRole with a read-objects grant, given literal provider ARN and issuer so its trust policy is
// known in preview. Config `hardened-stack:irsaTest` overrides IrsaRole args.
import * as pulumi from "@pulumi/pulumi";
import { grantReadObjects } from "../../infra/identity/grants";
import { IrsaRole, IrsaRoleArgs } from "../../infra/identity/irsa-role";
import { AwsEnvironment } from "../../infra/lib/aws";
import { probeErrors } from "./lib/probe";

export = async () => {
    const env: AwsEnvironment = { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
    const issuer = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    const build = (name: string, overrides: Partial<IrsaRoleArgs>) => new IrsaRole(name, {
        env,
        oidcProviderArn: `arn:aws:iam::111122223333:oidc-provider/${issuer}`,
        oidcIssuer: issuer,
        namespace: "telemetry",
        serviceAccount: "reader",
        description: "Reads telemetry objects",
        grants: grantReadObjects(env, "arn:aws:s3:::hardened-stack-dev-telemetry",
            "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        ...overrides,
    });
    const probed = probeErrors("irsa", build);
    if (probed) return { probeErrors: probed };
    const role = build("telemetry-reader", new pulumi.Config("hardened-stack").getObject<Partial<IrsaRoleArgs>>("irsaTest") ?? {});
    return { roleArn: role.arn };
};
