import { stackPolicy } from "../../lib/policy";
import { configWithDefaults, stringList } from "../../lib/config";
import { eksBestPractices } from "../../lib/frameworks";
import { pathModel } from "../../lib/path-model";
import { perimeterBreaches } from "../../lib/path-questions";
import { deferOn, reportAnswer } from "../../lib/path-report";
import { DEFAULT_SENSITIVE_BUCKETS, SENSITIVE_BUCKETS_SCHEMA, isSensitive, sensitivityUnknown } from "../../lib/sensitive-data";

/**
 * Credentials taken out of the cluster must be worthless for the data: a sensitive bucket answers object reads only
 * through this account's VPC endpoints. Every caller from outside (anyone, another account, this account's own
 * stolen credentials, an AWS service fronting it such as CloudFront) must meet a Deny, and no role reachable from
 * outside (a public Lambda function URL, an unpinned OIDC trust) may read it.
 */
export const requireSensitiveDataPerimeter = stackPolicy({
    name: "require-sensitive-data-perimeter",
    description: "Sensitive buckets are readable only through this account's VPC endpoints: the bucket policy denies object reads from anyone, any account, any service principal and this account's own credentials outside the perimeter, and no role reachable from outside (Lambda URL without auth, unpinned OIDC trust) reads them.",
    step: "s3",
    severity: "critical",
    remediationSteps: "Build sensitive buckets with PrivateBucket: its policy denies s3:GetObject* and listing unless aws:VpceAccount is this account (except named break-glass roles). Do not allow service principals such as cloudfront.amazonaws.com to read them, do not put IP ranges that add up to the internet in conditions, and give no role reachable from outside read access.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html",
    framework: eksBestPractices("data", "Encrypt data at rest; restrict access to the VPC"),
    references: ["EKS-BP data: Restrict access to S3 from the VPC", "AWS data perimeter: network perimeter", "docs/path-model.md"],
    configSchema: { properties: { ...SENSITIVE_BUCKETS_SCHEMA } },
    check: (c) => {
        const patterns = stringList(configWithDefaults(c.args.getConfig(), { sensitiveBuckets: DEFAULT_SENSITIVE_BUCKETS }).sensitiveBuckets);
        const model = pathModel(c.args.resources);
        for (const b of sensitivityUnknown(model.buckets, patterns)) deferOn(c, b.urn, "tags");
        reportAnswer(c, perimeterBreaches(model, (b) => isSensitive(b, patterns)), "A sensitive bucket is read only through this account's VPC endpoints: add the perimeter Deny (aws:VpceAccount) and remove the outside door");
    },
});
