/**
 * The schema-friendly argument shapes keep the behaviour of the shapes they replaced: same policy JSON, same
 * validation, a message naming the field.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { serviceStatementToPolicy } from "../../infra/data/service-statement";
import { checkedSubnetIds, requireTwoSubnets } from "../../infra/cluster/private-cluster";
import { EgressMode, EGRESS_MODES, ManagedDomainListIds, MANAGED_DOMAIN_LISTS } from "../../infra/network/validate";
import { GuardDutyMode, GUARDDUTY_MODES } from "../../infra/detection/validators";
import { KubernetesMode, KUBERNETES_MODES } from "../../infra/kubernetes/provider";

describe("schema-friendly component args", () => {
    test("a service statement becomes an Allow for that service alone, written as the hand-written JSON was", () => {
        const s = serviceStatementToPolicy({
            Sid: "AWSCloudTrailAclCheck", Service: "cloudtrail.amazonaws.com", Actions: ["s3:GetBucketAcl"], Resources: ["arn:aws:s3:::trail"],
            Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/t" } },
        });
        assert.deepEqual(s, {
            Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl",
            Resource: "arn:aws:s3:::trail", Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/t" } },
        });
    });

    test("a service statement with several actions or resources keeps them as lists, and no condition means none", () => {
        const s = serviceStatementToPolicy({ Sid: "x", Service: "logging.s3.amazonaws.com", Actions: ["s3:PutObject", "s3:GetBucketAcl"], Resources: ["a", "b"] });
        assert.deepEqual(s.Action, ["s3:PutObject", "s3:GetBucketAcl"]);
        assert.deepEqual(s.Resource, ["a", "b"]);
        assert.equal("Condition" in s, false);
    });

    test("fewer than two subnets is refused at once when given as a list, naming the field", () => {
        assert.throws(() => checkedSubnetIds(["subnet-a"], "PrivateCluster.subnetIds"), /invalid PrivateCluster\.subnetIds: .*at least two private subnets/);
        assert.throws(() => checkedSubnetIds("subnet-a" as unknown as string[], "PrivateCluster.subnetIds"), /invalid PrivateCluster\.subnetIds: .*a list of subnet ids/);
        const ok = ["subnet-a", "subnet-b"];
        assert.equal(checkedSubnetIds(ok, "PrivateCluster.subnetIds"), ok, "a valid list is passed through unchanged");
    });

    test("an Output of subnets (another language's SDK) is accepted now and checked by the same rule once known", () => {
        const later = pulumi.output(["subnet-a", "subnet-b"]);
        assert.ok(pulumi.Output.isInstance(checkedSubnetIds(later, "PrivateCluster.subnetIds")));
        assert.throws(() => requireTwoSubnets(["subnet-a"], "PrivateCluster.subnetIds"), /invalid PrivateCluster\.subnetIds: .*at least two/);
        assert.deepEqual(requireTwoSubnets(["a", "b"], "PrivateCluster.subnetIds"), ["a", "b"]);
    });

    test("enum objects list exactly the values their validators accept", () => {
        assert.deepEqual([...EGRESS_MODES], Object.values(EgressMode));
        assert.deepEqual([...EGRESS_MODES], ["sealed", "allowlist"]);
        assert.deepEqual([...GUARDDUTY_MODES], ["create", "existing", "off"]);
        assert.deepEqual(Object.values(GuardDutyMode), [...GUARDDUTY_MODES]);
        assert.deepEqual([...KUBERNETES_MODES], Object.values(KubernetesMode));
    });

    test("the managed DNS Firewall list interface names the same four lists the firewall blocks", () => {
        const ids: ManagedDomainListIds = {
            AWSManagedDomainsAggregateThreatList: "a", AWSManagedDomainsAmazonGuardDutyThreatList: "b",
            AWSManagedDomainsMalwareDomainList: "c", AWSManagedDomainsBotnetCommandandControl: "d",
        };
        assert.deepEqual(Object.keys(ids).sort(), [...MANAGED_DOMAIN_LISTS].sort());
    });
});
