// Constants shared by the Kubernetes test program (tests/programs/k8s-layer.ts) and the tests that read its plan.
import { AwsEnvironment } from "../../infra/lib/aws";

export const ENV: AwsEnvironment = { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
export const CLUSTER_NAME = "hardened-dev";
export const ENDPOINT = "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com";
export const CA_DATA = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").toString("base64");
export const VPC_CIDR = "10.20.0.0/16";
export const DIGEST = `sha256:${"ab12".repeat(16)}`;
export const IMAGE = `111122223333.dkr.ecr.eu-west-1.amazonaws.com/telemetry/reader@${DIGEST}`;
export const OIDC_ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
export const WORKLOAD_NAMESPACES = ["payments", "ingest"];
export const VIEWER_GROUP = "telemetry-viewers";
export const PROGRAM = "tests/programs/k8s-layer.ts";
/** The program's config for the layer in deploy mode (its default, said explicitly). */
export const DEPLOY = { "hardened-stack:kubernetes": { mode: "deploy" } };
