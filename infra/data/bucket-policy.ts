import { AwsEnvironment, arn } from "../lib/aws";
import { ValidationError } from "../lib/validation";

/** One statement of a resource policy (bucket, topic). Plain strings only, so the document is known at preview. */
export interface ResourcePolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal: "*" | { AWS?: string | string[]; Service?: string | string[] };
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface ResourcePolicyDocument {
    Version: "2012-10-17";
    Statement: ResourcePolicyStatement[];
}

/** `arn:<partition>:s3:::<name>`; S3 bucket ARNs carry neither region nor account. */
export function bucketArn(env: Pick<AwsEnvironment, "partition">, bucketName: string): string {
    return arn({ partition: env.partition, region: "", accountId: "", dnsSuffix: "" }, "s3", bucketName, { region: false, account: false });
}

/**
 * Object reads, writes and deletes: what an attacker with stolen credentials uses to take or destroy telemetry.
 * Bucket-management actions (`s3:GetBucket*`, `s3:PutBucket*`, `s3:DeleteBucket*`) are deliberately absent: the
 * deployer manages the bucket from outside the VPC, and denying it those would lock it out of its own policy.
 */
export const OBJECT_DATA_ACTIONS = [
    "s3:GetObject*",
    "s3:PutObject*",
    "s3:DeleteObject*",
    "s3:RestoreObject",
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
    "s3:Replicate*",
] as const;

/**
 * Listing object keys. Kept apart from object access because `s3:ListBucket` also authorizes HeadBucket, which the
 * AWS provider calls on every read of the bucket: a deployer outside the VPC needs it, but never object data.
 */
export const LIST_ACTIONS = ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"] as const;

/** Every data-plane action the VPC-endpoint perimeter covers. */
export const DATA_PLANE_ACTIONS = [...OBJECT_DATA_ACTIONS, ...LIST_ACTIONS] as const;

/** Deny every request that is not HTTPS, and HTTPS below TLS 1.2, for any principal. */
export function secureTransportStatements(bucketArnValue: string): ResourcePolicyStatement[] {
    const resources = [bucketArnValue, `${bucketArnValue}/*`];
    return [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: resources,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "DenyOutdatedTls",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: resources,
            Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
        },
    ];
}

export interface PrivateBucketPolicyInput {
    env: AwsEnvironment;
    bucketName: string;
    /** Roles that may use the data plane from outside this account's VPC endpoints (break-glass, incident response). */
    adminRoleArns: string[];
    /** Roles that may list the bucket (HeadBucket) from outside the VPC endpoints, but not touch objects. */
    deployerRoleArns?: string[];
    /** Allow statements for AWS service principals, e.g. CloudTrail delivery. */
    serviceStatements?: ResourcePolicyStatement[];
}

/** `...IfExists` conditions of the network deny: not via this account's endpoints, not a service, not an exempt role. */
function outsidePerimeter(env: AwsEnvironment, exemptRoleArns: string[]): Record<string, Record<string, string | string[]>> {
    const condition: Record<string, Record<string, string | string[]>> = {
        StringNotEqualsIfExists: { "aws:VpceAccount": env.accountId },
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
    };
    if (exemptRoleArns.length > 0) condition.ArnNotEquals = { "aws:PrincipalArn": [...exemptRoleArns] };
    return condition;
}

/**
 * The bucket policy of a PrivateBucket:
 * - no request without TLS 1.2+;
 * - no object read, write or delete unless it arrives through a VPC endpoint owned by this account
 *   (`aws:VpceAccount`), or is made by a named admin role, or by an AWS service principal acting for itself;
 * - no listing on the same terms, except that named deployer roles may also list (HeadBucket).
 *
 * `aws:VpceAccount` is used rather than `aws:SourceVpce`/`aws:SourceVpc` because endpoint and VPC ids are unknown
 * until `up`, and this document must be reviewable (and policy-checked) in a preview. S3 supports the key, it is
 * set for gateway and interface endpoints alike, and it is absent for requests over the public endpoint, which
 * `...IfExists` turns into a deny. Service-to-service calls carry no network context, hence the
 * `aws:PrincipalIsAWSService` exemption that AWS recommends for such deny statements.
 *
 * Forward-access-session calls (Athena or Glue reading with the caller's credentials) are NOT exempted: they would
 * let credentials stolen from the cluster read telemetry through an AWS service from anywhere.
 */
export function privateBucketPolicy(input: PrivateBucketPolicyInput): ResourcePolicyDocument {
    const { env, bucketName, adminRoleArns } = input;
    const deployerRoleArns = input.deployerRoleArns ?? [];
    const bucket = bucketArn(env, bucketName);
    const serviceStatements = input.serviceStatements ?? [];
    for (const s of serviceStatements) {
        const service = typeof s.Principal === "object" ? s.Principal.Service : undefined;
        if (s.Effect !== "Allow" || service === undefined || (typeof s.Principal === "object" && s.Principal.AWS !== undefined)) {
            throw new ValidationError(`PrivateBucket.serviceStatements[${s.Sid}]`, s.Principal,
                "must be an Allow statement whose only principal is an AWS service (other access goes through IAM and the VPC endpoint)");
        }
    }
    return {
        Version: "2012-10-17",
        Statement: [
            ...secureTransportStatements(bucket),
            {
                Sid: "DenyObjectAccessOutsideAccountVpcEndpoints",
                Effect: "Deny",
                Principal: "*",
                Action: [...OBJECT_DATA_ACTIONS],
                Resource: `${bucket}/*`,
                Condition: outsidePerimeter(env, adminRoleArns),
            },
            {
                Sid: "DenyListingOutsideAccountVpcEndpoints",
                Effect: "Deny",
                Principal: "*",
                Action: [...LIST_ACTIONS],
                Resource: bucket,
                Condition: outsidePerimeter(env, [...adminRoleArns, ...deployerRoleArns.filter((d) => !adminRoleArns.includes(d))]),
            },
            ...serviceStatements,
        ],
    };
}

export interface AccessLogBucketPolicyInput {
    env: AwsEnvironment;
    bucketName: string;
    /**
     * Buckets allowed to deliver server access logs here.
     * @default - any bucket of this account (still pinned by aws:SourceAccount).
     */
    sourceBucketArns?: string[];
}

/**
 * Policy for a server-access-log target: TLS-only, and the S3 logging service may write objects only on behalf of
 * this account's buckets (confused-deputy protection via aws:SourceAccount and aws:SourceArn).
 */
export function accessLogBucketPolicy(input: AccessLogBucketPolicyInput): ResourcePolicyDocument {
    const bucket = bucketArn(input.env, input.bucketName);
    const sources = input.sourceBucketArns && input.sourceBucketArns.length > 0
        ? [...input.sourceBucketArns]
        : bucketArn(input.env, "*");
    return {
        Version: "2012-10-17",
        Statement: [
            ...secureTransportStatements(bucket),
            {
                Sid: "AllowS3ServerAccessLogDelivery",
                Effect: "Allow",
                Principal: { Service: "logging.s3.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${bucket}/*`,
                Condition: {
                    StringEquals: { "aws:SourceAccount": input.env.accountId },
                    ArnLike: { "aws:SourceArn": sources },
                },
            },
        ],
    };
}

/** IAM action matching (`*` and `?` wildcards, case-insensitive), for tests and policy checks. */
export function actionMatches(pattern: string, action: string): boolean {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    return re.test(action);
}

/** Whether `statement` applies to `action` (its Action list, with wildcards). */
export function statementCoversAction(statement: ResourcePolicyStatement, action: string): boolean {
    const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
    return actions.some((p) => actionMatches(p, action));
}
