import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    DEFAULT_KUBERNETES_VERSION, amiTypeFor, guardDutyAgentVersionWarning, architectureOf, validateClusterName, validateEgressMode, validateKubernetesVersion,
    validateLogRetentionDays, validateNodeGroup, validateRoleArns, validateVpcCidr,
} from "../../infra/cluster/settings";
import { accessGrants } from "../../infra/cluster/access";
import { AwsEnvironment } from "../../infra/lib/aws";
import { ValidationError } from "../../infra/lib/validation";

const env: AwsEnvironment = { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
const S = "hardened-stack:cluster.x";
const throwsWith = (fn: () => unknown, message: RegExp) => assert.throws(fn, (e: unknown) => e instanceof ValidationError && message.test(e.message));
const NG = { instanceTypes: ["m7i.large"], minSize: 1, maxSize: 3, desiredSize: 2, diskSizeGiB: 50 };

describe("cluster settings", () => {
    test("the default Kubernetes version is the newest one both EKS standard support and the GuardDuty runtime agent cover", () => {
        assert.equal(DEFAULT_KUBERNETES_VERSION, "1.35");
        assert.equal(guardDutyAgentVersionWarning("1.35", true), undefined);
        assert.equal(guardDutyAgentVersionWarning("1.36", false), undefined);
        assert.match(guardDutyAgentVersionWarning("1.36", true) ?? "", /^hardened-stack:cluster\.version 1\.36 is newer than .* aws-guardduty-agent --kubernetes-version 1\.36/);
        assert.equal(validateKubernetesVersion("1.34", S), "1.34");
        throwsWith(() => validateKubernetesVersion("1.33", S), /^invalid hardened-stack:cluster\.x: "1\.33" — must be one of 1\.34, 1\.35, 1\.36/);
        throwsWith(() => validateKubernetesVersion(1.35, S), /must be one of/);
    });

    test("cluster names follow the EKS pattern", () => {
        assert.equal(validateClusterName("hardened-stack-dev", S), "hardened-stack-dev");
        for (const bad of ["", "-lead", "has space", "a".repeat(101), "x*"]) throwsWith(() => validateClusterName(bad, S), /must be 1-100 characters/);
    });

    test("egress mode is sealed or allowlist, nothing else", () => {
        assert.equal(validateEgressMode("sealed", S), "sealed");
        throwsWith(() => validateEgressMode("open", S), /must be "sealed"/);
    });

    test("the VPC CIDR must be a network address of /16 to /28", () => {
        assert.equal(validateVpcCidr("10.20.0.0/16", S), "10.20.0.0/16");
        for (const bad of ["0.0.0.0/0", "10.0.0.0/8", "10.20.0.1/16", "10.20.0.0"]) throwsWith(() => validateVpcCidr(bad, S), /VPC's IPv4 CIDR/);
    });

    describe("role ARNs", () => {
        test("exact role ARNs, with or without a path, are accepted", () => {
            const arns = ["arn:aws:iam::111122223333:role/platform-admin", "arn:aws:iam::444455556666:role/teams/ops/ReadOnly"];
            assert.deepEqual(validateRoleArns(env, arns, S), arns);
        });
        const bad: Array<[string, string, RegExp]> = [
            ["wildcard", "arn:aws:iam::111122223333:role/*", /wildcards are not allowed/],
            ["wildcard in the middle", "arn:aws:iam::111122223333:role/admin-?", /wildcards are not allowed/],
            ["IAM user", "arn:aws:iam::111122223333:user/alice", /IAM users are not accepted/],
            ["root", "arn:aws:iam::111122223333:root", /IAM users are not accepted/],
            ["other partition", "arn:aws-cn:iam::111122223333:role/admin", /must be an IAM role ARN/],
            ["service-linked role", "arn:aws:iam::111122223333:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS", /service-linked/],
            ["assumed-role session", "arn:aws:sts::111122223333:assumed-role/admin/session", /must be an IAM role ARN/],
        ];
        for (const [label, arn, message] of bad) {
            test(`${label} is rejected`, () => throwsWith(() => validateRoleArns(env, [arn], S), message));
        }
        test("an empty admin list is rejected when a role is required", () => {
            throwsWith(() => validateRoleArns(env, [], S, { nonEmpty: "must list at least one role" }), /must list at least one role/);
        });
        test("a role cannot be both admin and read-only", () => {
            const a = "arn:aws:iam::111122223333:role/platform-admin";
            throwsWith(() => accessGrants(env, [a], [a], "PrivateCluster"), /readOnlyRoleArns: .* must not also be an admin role/);
        });
        test("roles of other accounts get account-qualified child names", () => {
            const grants = accessGrants(env, ["arn:aws:iam::111122223333:role/admin"], ["arn:aws:iam::444455556666:role/admin"], "P");
            assert.deepEqual(grants.map((g) => g.key), ["admin", "444455556666-admin"]);
        });
    });

    test("log retention must be a CloudWatch value of a year or more", () => {
        assert.equal(validateLogRetentionDays(365, S), 365);
        assert.equal(validateLogRetentionDays(3653, S), 3653);
        for (const bad of [0, 90, 364, 366, 500, "365"]) throwsWith(() => validateLogRetentionDays(bad, S), /at least a year/);
    });

    describe("node group", () => {
        test("a well-formed node group is accepted", () => assert.deepEqual(validateNodeGroup(NG, S), NG));
        const bad: Array<[string, Record<string, unknown>, RegExp]> = [
            ["no instance types", { instanceTypes: [] }, /instanceTypes: \[\] — must list 1 to 20/],
            ["bad instance type", { instanceTypes: ["large"] }, /instanceTypes\[0\]/],
            ["mixed architectures", { instanceTypes: ["m7i.large", "m7g.large"] }, /one CPU architecture/],
            ["maxSize 0", { minSize: 0, maxSize: 0, desiredSize: 0 }, /maxSize: 0 — must be a whole number from 1/],
            ["maxSize over the cap", { maxSize: 101 }, /maxSize: 101/],
            ["min above max", { minSize: 4, maxSize: 3, desiredSize: 3 }, /minSize: 4 — must not exceed maxSize/],
            ["desired outside bounds", { desiredSize: 5 }, /desiredSize: 5 — must be between/],
            ["fractional size", { minSize: 1.5 }, /minSize: 1\.5/],
            ["tiny disk", { diskSizeGiB: 8 }, /diskSizeGiB: 8/],
            ["unknown key", { keyName: "ops" }, /nodeGroup\.keyName.*unknown setting/],
        ];
        for (const [label, change, message] of bad) {
            test(`${label} is rejected`, () => throwsWith(() => validateNodeGroup({ ...NG, ...change }, `${S}.nodeGroup`), message));
        }
    });

    test("Graviton instance types get the ARM AL2023 AMI, others x86", () => {
        for (const t of ["m7g.large", "c7gn.xlarge", "r8gd.2xlarge", "t4g.medium", "im4gn.large"]) assert.equal(architectureOf(t), "arm64", t);
        for (const t of ["m7i.large", "c7i-flex.large", "g5.xlarge", "m7a.large", "t3.medium"]) assert.equal(architectureOf(t), "x86_64", t);
        assert.equal(amiTypeFor(["m7g.large"]), "AL2023_ARM_64_STANDARD");
        assert.equal(amiTypeFor(["m7i.large"]), "AL2023_x86_64_STANDARD");
    });
});
