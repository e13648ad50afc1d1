/**
 * The AWS provider's Check, names only. The expectations are written by hand from the upstream rules (pulumi-aws
 * provider/autonaming.go and resource_overrides.go; pulumi-terraform-bridge info/autonaming.go, schema.go, provider.go;
 * pulumi/pulumi resource_id.go NewUniqueName), not derived from the code under test. The "real CLI" values come from
 * /work/shared/fixtures/pulumi-cli/sample-preview-creates.json (`pulumi preview --json`, public repository
 * dundalek/stratify, MIT, test/resources/pulumi/, commit af0ab43; @pulumi/aws 6.63), quoted inline.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AwsCheckError, awsCheck } from "../../engine/providers/aws-check";
import { SECRET_SIG, SPECIAL_SIG, UNKNOWN } from "../../engine/constants";

const urnOf = (type: string, name: string, stack = "dev"): string => `urn:pulumi:${stack}::hardened-stack::${type}::${name}`;
const check = (type: string, name: string, inputs: Record<string, unknown> = {}, stack = "dev") =>
    awsCheck(type, name, urnOf(type, name, stack), inputs);
const suffixed = (prefix: string): RegExp => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}-[0-9a-f]{7}$`);

const BUCKET = "aws:s3/bucket:Bucket";
const ROLE = "aws:iam/role:Role";

describe("awsCheck: autonames", () => {
    test("S3 bucket: `bucket` is the resource name lowercased, '-', 7 hex digits, at most 63 characters", () => {
        const { inputs, failures } = check(BUCKET, "AuditLogs", { forceDestroy: true });
        assert.match(String(inputs.bucket), /^auditlogs-[0-9a-f]{7}$/);
        assert.ok(String(inputs.bucket).length <= 63);
        assert.equal(inputs.forceDestroy, true);
        assert.deepEqual(failures, []);
    });

    test("IAM role: `name` is `<name>-<7 hex>`, case kept", () => {
        const { inputs } = check(ROLE, "clusterRole", { assumeRolePolicy: "{}" });
        assert.match(String(inputs.name), suffixed("clusterRole"));
        assert.equal(inputs.assumeRolePolicy, "{}");
    });

    test("provider-wide rule: IAM policy, role policy, log group, security group, EKS cluster, launch template, trail, firewall, resolver firewall", () => {
        for (const type of [
            "aws:iam/policy:Policy",
            "aws:iam/rolePolicy:RolePolicy",
            "aws:cloudwatch/logGroup:LogGroup",
            "aws:ec2/securityGroup:SecurityGroup",
            "aws:eks/cluster:Cluster",
            "aws:ec2/launchTemplate:LaunchTemplate",
            "aws:cloudtrail/trail:Trail",
            "aws:networkfirewall/firewall:Firewall",
            "aws:networkfirewall/firewallPolicy:FirewallPolicy",
            "aws:networkfirewall/ruleGroup:RuleGroup",
            "aws:route53/resolverFirewallDomainList:ResolverFirewallDomainList",
            "aws:route53/resolverFirewallRuleGroup:ResolverFirewallRuleGroup",
            "aws:route53/resolverFirewallRule:ResolverFirewallRule",
            "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation",
        ]) {
            const { inputs } = check(type, "Platform");
            assert.match(String(inputs.name), suffixed("Platform"), type);
            assert.ok((inputs.__defaults as string[]).includes("name"), type);
        }
    });

    test("EKS node group autonames `nodeGroupName`, not `name`", () => {
        const { inputs } = check("aws:eks/nodeGroup:NodeGroup", "system");
        assert.match(String(inputs.nodeGroupName), suffixed("system"));
        assert.equal("name" in inputs, false);
        assert.deepEqual(inputs.__defaults, ["nodeGroupName"]);
    });

    test("KMS alias: 'alias/' is prepended, unless the resource name already starts with it", () => {
        assert.match(String(check("aws:kms/alias:Alias", "eks-secrets").inputs.name), suffixed("alias/eks-secrets"));
        assert.match(String(check("aws:kms/alias:Alias", "alias/eks").inputs.name), suffixed("alias/eks"));
    });

    test("SNS topic: '.fifo' is appended only when fifoTopic is the boolean true", () => {
        assert.match(String(check("aws:sns/topic:Topic", "alerts", { fifoTopic: true }).inputs.name), /^alerts-[0-9a-f]{7}\.fifo$/);
        assert.match(String(check("aws:sns/topic:Topic", "alerts", { fifoTopic: false }).inputs.name), suffixed("alerts"));
        assert.match(String(check("aws:sns/topic:Topic", "alerts", { fifoTopic: UNKNOWN }).inputs.name), suffixed("alerts"));
    });

    test("Plugin Framework resource (TLS inspection configuration): autonamed, but no `__defaults`", () => {
        const { inputs } = check("aws:networkfirewall/tlsInspectionConfiguration:TlsInspectionConfiguration", "tls");
        assert.match(String(inputs.name), suffixed("tls"));
        assert.equal("__defaults" in inputs, false);
    });
});

describe("awsCheck: when the name is left alone", () => {
    test("an explicit name is kept as given (case and length untouched) and not listed in `__defaults`", () => {
        const { inputs } = check(BUCKET, "logs", { bucket: "My-Explicit-Bucket" });
        assert.equal(inputs.bucket, "My-Explicit-Bucket");
        assert.deepEqual(inputs.__defaults, []);
    });

    test("an unknown name stays unknown", () => {
        const { inputs } = check(ROLE, "nodeRole", { name: UNKNOWN });
        assert.equal(inputs.name, UNKNOWN);
        assert.deepEqual(inputs.__defaults, []);
    });

    test("a secret name stays the secret", () => {
        const secret = { [SPECIAL_SIG]: SECRET_SIG, value: "hidden-role" };
        const { inputs } = check(ROLE, "nodeRole", { name: secret });
        assert.deepEqual(inputs.name, secret);
        assert.deepEqual(inputs.__defaults, []);
    });

    test("a `*Prefix` property (known, unknown or secret) conflicts with the name: no autoname, the provider's create names it", () => {
        for (const prefix of ["app-", UNKNOWN, { [SPECIAL_SIG]: SECRET_SIG, value: "app-" }]) {
            const role = check(ROLE, "r", { namePrefix: prefix }).inputs;
            assert.equal("name" in role, false);
            assert.deepEqual(role.__defaults, []);
            assert.equal("bucket" in check(BUCKET, "b", { bucketPrefix: prefix }).inputs, false);
            assert.equal("nodeGroupName" in check("aws:eks/nodeGroup:NodeGroup", "n", { nodeGroupNamePrefix: prefix }).inputs, false);
        }
    });

    test("a null name is unset (the bridge skips nulls), so it is autonamed", () => {
        const { inputs } = check(ROLE, "nodeRole", { name: null, path: null });
        assert.match(String(inputs.name), suffixed("nodeRole"));
        assert.equal("path" in inputs, false);
    });

    test("types without a name input get nothing but `__defaults: []`: GuardDuty detector, VPC", () => {
        assert.deepEqual(check("aws:guardduty/detector:Detector", "main", { enable: true }).inputs, { __defaults: [], enable: true });
        assert.deepEqual(check("aws:ec2/vpc:Vpc", "main", { cidrBlock: "10.0.0.0/16" }).inputs, { __defaults: [], cidrBlock: "10.0.0.0/16" });
    });

    test("a type this module does not know comes back unchanged", () => {
        const given = { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24" };
        assert.deepEqual(check("aws:ec2/subnet:Subnet", "a", given).inputs, given);
    });
});

describe("awsCheck: length limits (NewUniqueName refuses, it does not truncate)", () => {
    test("bucket: a 55-character name fits exactly (55 + '-' + 7 = 63); 56 characters is Check's error", () => {
        const ok = check(BUCKET, "a".repeat(55)).inputs.bucket as string;
        assert.equal(ok.length, 63);
        assert.throws(
            () => check(BUCKET, "b".repeat(56)),
            (e: Error) =>
                e instanceof AwsCheckError &&
                e.message === `could not make instance of 'aws:s3/bucket:Bucket': name '${"b".repeat(56)}-' plus 7 random chars is longer than maximum length 63`,
        );
    });

    test("role: 64 is the limit (56 characters fit, 57 do not); the provider-wide 255 lets the same name through for a policy", () => {
        assert.equal((check(ROLE, "r".repeat(56)).inputs.name as string).length, 64);
        assert.throws(() => check(ROLE, "r".repeat(57)), /longer than maximum length 64$/);
        assert.match(String(check("aws:iam/policy:Policy", "r".repeat(57)).inputs.name), suffixed("r".repeat(57)));
        assert.throws(() => check("aws:iam/policy:Policy", "p".repeat(248)), /longer than maximum length 255$/);
    });

    test("the limit counts bytes, as Go's len does", () => {
        // 27 two-byte characters: 54 bytes + '-' + 7 = 62 fits 63; 28 of them (56 bytes) do not.
        assert.doesNotThrow(() => check(BUCKET, "é".repeat(27)));
        assert.throws(() => check(BUCKET, "é".repeat(28)), AwsCheckError);
    });

    test("an explicit long name is not Check's business here", () => {
        const long = "x".repeat(100);
        assert.equal(check(BUCKET, "b".repeat(80), { bucket: long }).inputs.bucket, long);
    });
});

describe("awsCheck: `__defaults` and the random part", () => {
    test("`__defaults` lists exactly the properties defaulted, sorted: security group name and its 'Managed by Pulumi' description", () => {
        const both = check("aws:ec2/securityGroup:SecurityGroup", "web", { vpcId: UNKNOWN }).inputs;
        assert.deepEqual(both.__defaults, ["description", "name"]);
        assert.equal(both.description, "Managed by Pulumi");
        const given = check("aws:ec2/securityGroup:SecurityGroup", "web", { vpcId: UNKNOWN, description: "web tier", name: "web" }).inputs;
        assert.deepEqual(given.__defaults, []);
        assert.equal(given.description, "web tier");
    });

    test("stable for one URN, different for another", () => {
        const a1 = check(ROLE, "nodeRole", {}, "dev").inputs.name;
        const a2 = check(ROLE, "nodeRole", {}, "dev").inputs.name;
        const b = check(ROLE, "nodeRole", {}, "prod").inputs.name;
        assert.equal(a1, a2);
        assert.notEqual(a1, b);
        assert.match(String(b), suffixed("nodeRole"));
    });

    test("the input object is not mutated", () => {
        const given = { assumeRolePolicy: "{}" };
        check(ROLE, "r", given);
        assert.deepEqual(given, { assumeRolePolicy: "{}" });
    });
});

describe("awsCheck against a real `pulumi preview` (sample-preview-creates.json)", () => {
    // Real: bucket `docs` -> {"__defaults": ["acl", "bucket", "forceDestroy"], "acl": "private", "bucket": "docs-32c8f2c",
    // "forceDestroy": false}. acl and forceDestroy are Terraform schema defaults, which are out of reach offline.
    test("bucket: same shape of name; `__defaults` is the real one less the Terraform schema defaults", () => {
        const real = ["acl", "bucket", "forceDestroy"];
        const { inputs } = check(BUCKET, "docs");
        assert.match(String(inputs.bucket), /^docs-[0-9a-f]{7}$/);
        assert.equal(String(inputs.bucket).length, "docs-32c8f2c".length);
        assert.deepEqual(inputs.__defaults, ["bucket"]);
        assert.deepEqual(real.filter((k) => !(inputs.__defaults as string[]).includes(k)), ["acl", "forceDestroy"]);
    });

    // Real: role `docsHandler` -> name "docsHandler-ae85f73", `__defaults` ["forceDetachPolicies", "maxSessionDuration",
    // "name", "path"]; lambda permission `docsHandler` -> statementId "docsHandler-1d9c53a", `__defaults` ["statementId"].
    test("role and lambda permission: names of the real shape; the permission's `__defaults` is the real one", () => {
        const role = check(ROLE, "docsHandler", { assumeRolePolicy: "{}" }).inputs;
        assert.match(String(role.name), suffixed("docsHandler"));
        assert.equal(String(role.name).length, "docsHandler-ae85f73".length);
        const permission = check("aws:lambda/permission:Permission", "docsHandler", {
            action: "lambda:InvokeFunction",
            function: UNKNOWN,
            principal: "s3.amazonaws.com",
            sourceArn: UNKNOWN,
        }).inputs;
        assert.match(String(permission.statementId), suffixed("docsHandler"));
        assert.deepEqual(permission.__defaults, ["statementId"]);
    });

    // Real: {"__defaults": [], "policyArn": "arn:aws:iam::aws:policy/AmazonS3FullAccess", "role": UNKNOWN}.
    test("role policy attachment: the checked inputs equal the real ones", () => {
        const inputs = { policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess", role: UNKNOWN };
        assert.deepEqual(check("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "docsHandler-4aaabb8e", inputs).inputs, {
            __defaults: [],
            policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
            role: UNKNOWN,
        });
    });
});
