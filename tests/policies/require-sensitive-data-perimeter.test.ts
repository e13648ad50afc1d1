import { describe, test } from "node:test";
import { requireSensitiveDataPerimeter as policy } from "../../policy-packs/kill-chain/policies/aws/require-sensitive-data-perimeter";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";
import { ACCOUNT, BASELINE, BUCKET, PERIMETER, READ_TELEMETRY, TLS_ONLY, bucket, bucketPolicy, doc, inline, replacing, role, secondWorkload, telemetryPolicy } from "./path-fixtures";

const withPolicy = (...statements: Record<string, unknown>[]) => replacing(telemetryPolicy, bucketPolicy(...statements));
const OBJECTS = `arn:aws:s3:::${BUCKET}/*`;

describe("require-sensitive-data-perimeter: the telemetry is read only through this account's VPC endpoints", () => {
    test("the reference bucket policy passes (TLS only, object reads only through aws:VpceAccount)", async () => assertClean(await stack(policy, BASELINE)));
    test("a second workload's bucket without a perimeter passes: it is not sensitive", async () => assertClean(await stack(policy, [...BASELINE, ...secondWorkload()])));
    test("a perimeter on aws:SourceVpce instead of aws:VpceAccount passes", async () => {
        const vpce = { ...PERIMETER, Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } } };
        assertClean(await stack(policy, withPolicy(TLS_ONLY, vpce)));
    });

    test("a role trusting another account (a CI account) does not make the stack's own account ambiguous", async () => {
        const ci = role("ci-deployer", doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x" } } }));
        const noArns = [...BASELINE, ci].map((r) => (r.type === "aws:iam/role:Role" ? edit(r, { arn: undefined }) : r));
        assertClean(await stack(policy, noArns));
    });
    test("the perimeter Deny removed: credentials taken from a pod read the telemetry from anywhere", async () => {
        assertFails(await stack(policy, withPolicy(TLS_ONLY)), [bucket], "credentials of a role of this account used outside its VPC endpoints");
    });
    test("a perimeter by IP whose two halves add up to the internet does not stop anyone", async () => {
        const halves = { Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: OBJECTS, Condition: { NotIpAddress: { "aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"] } } };
        assertFails(await stack(policy, withPolicy(TLS_ONLY, halves)), [bucket], "used outside its VPC endpoints (taken from a pod, as in the Tesla breach) -> s3:GetObject");
    });
    test("CloudFront allowed to read: the internet reads through the distribution (the perimeter exempts AWS services)", async () => {
        const cf = { Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: OBJECTS, Condition: { StringEquals: { "AWS:SourceArn": `arn:aws:cloudfront::${ACCOUNT}:distribution/E1` } } };
        assertFails(await stack(policy, withPolicy(TLS_ONLY, PERIMETER, cf)), [bucket], "the internet through CloudFront (service principal cloudfront.amazonaws.com) -> s3:GetObject");
    });
    test("another account granted reads and exempted from the perimeter by its role ARN fails", async () => {
        const other = "arn:aws:iam::444455556666:role/vendor";
        const grant = { Effect: "Allow", Principal: { AWS: other }, Action: "s3:GetObject", Resource: OBJECTS };
        const exempt = { ...PERIMETER, Condition: { ...PERIMETER.Condition, ArnNotEquals: { "aws:PrincipalArn": [other] } } };
        assertFails(await stack(policy, withPolicy(TLS_ONLY, exempt, grant)), [bucket], "account 444455556666");
    });
    test("anyone allowed with a condition that does not narrow (StringLike aws:PrincipalArn \"*\") and no perimeter fails", async () => {
        const open = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: OBJECTS, Condition: { StringLike: { "aws:Referer": "*" } } };
        assertFails(await stack(policy, withPolicy(TLS_ONLY, open)), [bucket], "anyone on the internet (anonymous) -> s3:GetObject");
    });
    test("a Lambda function URL with authorizationType NONE, in the VPC, whose role reads the telemetry fails", async () => {
        const fnRole = role("exporter-role", doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }));
        const fn = res("aws:lambda/function:Function", "exporter", { role: fnRole.props.arn, vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] } }, { role: [fnRole] });
        const url = res("aws:lambda/functionUrl:FunctionUrl", "exporter-url", { functionName: "exporter", authorizationType: "NONE" }, { functionName: [fn] });
        assertFails(await stack(policy, [...BASELINE, fnRole, inline(fnRole, "exporter-read", READ_TELEMETRY), fn, url]), [fnRole], "the internet -> exporter-role (aws:iam/role:Role) (Lambda function URL exporter-url (authorizationType NONE) -> function exporter)");
    });
    test("the same function with authorizationType AWS_IAM passes", async () => {
        const fnRole = role("exporter-role", doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }));
        const fn = res("aws:lambda/function:Function", "exporter", { role: fnRole.props.arn, vpcConfig: { subnetIds: ["subnet-1"] } }, { role: [fnRole] });
        const url = res("aws:lambda/functionUrl:FunctionUrl", "exporter-url", { functionName: "exporter", authorizationType: "AWS_IAM" }, { functionName: [fn] });
        assertClean(await stack(policy, [...BASELINE, fnRole, inline(fnRole, "exporter-read", READ_TELEMETRY), fn, url]));
    });

    test("a stack that names no account (no key policy, role or OIDC provider) fails closed, naming the account", async () => {
        assertFails(await stack(policy, [bucket, telemetryPolicy]), [bucket], "cannot prove whether credentials of a role of this account");
    });
    test("a second BucketPolicy for the telemetry bucket may replace the perimeter (S3 keeps the last one applied)", async () => {
        const vendor = res("aws:s3/bucketPolicy:BucketPolicy", "vendor-share", { bucket: BUCKET, policy: doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "s3:GetObject", Resource: OBJECTS }) }, { bucket: [bucket] });
        assertFails(await stack(policy, [...BASELINE, vendor]), [vendor], "vendor-share (aws:s3/bucketPolicy:BucketPolicy) is a second policy for telemetry-bucket");
    });
    test("a bucket whose tags are unknown (a sensitive tag may be among them) defers, naming tags", async () => {
        const own = secondWorkload();
        const unknownTags = edit(own[0]!, { tags: UNKNOWN });
        assertDeferred(await stack(policy, [...BASELINE, unknownTags]), own[0]!, "tags");
    });
    test("an unknown bucket policy defers, naming it", async () => {
        assertDeferred(await stack(policy, replacing(telemetryPolicy, edit(telemetryPolicy, { policy: UNKNOWN }))), telemetryPolicy, "policy");
    });
});
