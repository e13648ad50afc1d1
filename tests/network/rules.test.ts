import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AwsEnvironment } from "../../infra/lib/aws";
import { customDomainListContents, dnsFirewallRules, toDnsFirewallDomains } from "../../infra/network/dns-firewall";
import {
    NON_TCP_DROP_RULES, domainAllowlistRuleGroup, domainRuleGroupCapacity, firewallEndpointIdForAz, firewallPolicyDocument,
} from "../../infra/network/egress-firewall";
import {
    INTERFACE_ENDPOINTS, accountScopedEndpointPolicy, endpointIngressRules, interfaceEndpointPolicy, s3EndpointPolicy, stsEndpointPolicy,
} from "../../infra/network/endpoints";
import { flowLogsDeliveryPolicy, flowLogsTrustPolicy, logsKeyGrant, networkLogGroupNames } from "../../infra/network/flow-logs";
import { MANAGED_DOMAIN_LISTS } from "../../infra/network/validate";

const env: AwsEnvironment = { partition: "aws-us-gov", region: "us-gov-west-1", accountId: "444455556666", dnsSuffix: "amazonaws.com" };

interface Statement { Sid?: string; Effect: string; Principal?: unknown; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>> }
const statements = (doc: string): Statement[] => (JSON.parse(doc) as { Statement: Statement[] }).Statement;
const asList = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

describe("DNS Firewall rules", () => {
    const sealed = dnsFirewallRules({ egressMode: "sealed", allowAllDnsQueries: false });
    const allow = dnsFirewallRules({ egressMode: "allowlist", allowedEgressDomains: [".example.org"], allowAllDnsQueries: false });

    test("every AWS-managed threat list is blocked in both egress modes", () => {
        for (const rules of [sealed, allow]) {
            for (const list of MANAGED_DOMAIN_LISTS) {
                const r = rules.find((x) => "managedList" in x.source && x.source.managedList === list);
                assert.equal(r?.action, "BLOCK", `${list} must be blocked`);
            }
        }
    });

    test("threat-list blocks are evaluated before any ALLOW, so allow-listing never un-blocks a known-bad domain", () => {
        for (const rules of [sealed, allow]) {
            const lastThreat = Math.max(...rules.filter((r) => "managedList" in r.source).map((r) => r.priority));
            const firstAllow = Math.min(...rules.filter((r) => r.action === "ALLOW").map((r) => r.priority));
            assert.ok(lastThreat < firstAllow);
        }
    });

    test("sealed mode ends with a catch-all block and only AWS names are allowed", () => {
        const last = sealed.reduce((a, b) => (a.priority > b.priority ? a : b));
        assert.equal(last.action, "BLOCK");
        assert.deepEqual(last.source, { customList: "everything" });
        assert.deepEqual(customDomainListContents(env, "everything", []), ["*"]);
        assert.deepEqual(sealed.filter((r) => r.action === "ALLOW").map((r) => r.source), [{ customList: "aws-services" }]);
    });

    test("allowlist mode also lets the egress domains resolve, then blocks everything else", () => {
        assert.ok(allow.some((r) => r.action === "ALLOW" && "customList" in r.source && r.source.customList === "egress-allowlist"));
        assert.deepEqual(allow.reduce((a, b) => (a.priority > b.priority ? a : b)).source, { customList: "everything" });
    });

    test("the dangerous escape hatch removes only the catch-all block", () => {
        const open = dnsFirewallRules({ egressMode: "sealed", allowAllDnsQueries: true });
        assert.ok(!open.some((r) => "customList" in r.source && r.source.customList === "everything"));
        assert.equal(open.length, sealed.length - 1);
    });

    test("DNS tunnelling and DGA lookups are blocked", () => {
        for (const threat of ["DNS_TUNNELING", "DGA"]) assert.ok(sealed.some((r) => r.action === "BLOCK" && "threat" in r.source && r.source.threat === threat));
    });

    test("priorities are unique", () => {
        for (const rules of [sealed, allow]) assert.equal(new Set(rules.map((r) => r.priority)).size, rules.length);
    });

    test("'.example.org' becomes the apex plus its wildcard; exact names stay exact", () => {
        assert.deepEqual(toDnsFirewallDomains([".example.org", "pkg.example.com"]), ["example.org", "*.example.org", "pkg.example.com"]);
    });

    test("the AWS allow list is the partition's DNS zone (where AWS is authoritative) and EC2 internal names, not '*'", () => {
        const aws = customDomainListContents({ ...env, dnsSuffix: "amazonaws.com" }, "aws-services", []);
        assert.ok(aws.includes("*.amazonaws.com") && aws.includes("*.compute.internal"));
        assert.ok(!aws.includes("*"));
    });

    test("the EKS Pod Identity agent's eks-auth.<region>.api.aws resolves, and no other api.aws name", () => {
        const aws = customDomainListContents({ ...env, region: "eu-west-1", dnsSuffix: "amazonaws.com" }, "aws-services", []);
        assert.deepEqual(aws.filter((d) => d.endsWith("api.aws")), ["eks-auth.eu-west-1.api.aws"]);
    });
});

describe("Network Firewall policy", () => {
    test("domain rule group is an ALLOWLIST over TLS SNI only (the node security group opens 443 only) in strict order", () => {
        const g = domainAllowlistRuleGroup([".example.org"]);
        const list = g.rulesSource as { rulesSourceList: { generatedRulesType: string; targetTypes: string[]; targets: string[] } };
        assert.equal(list.rulesSourceList.generatedRulesType, "ALLOWLIST");
        assert.deepEqual(list.rulesSourceList.targetTypes, ["TLS_SNI"]);
        assert.deepEqual(list.rulesSourceList.targets, [".example.org"]);
        assert.deepEqual(g.statefulRuleOptions, { ruleOrder: "STRICT_ORDER" });
    });

    test("unmatched traffic (raw TCP such as Stratum on 3333/4444) is dropped and alerted; stateless forwards everything to stateful", () => {
        const p = firewallPolicyDocument({ nonTcpDrop: "arn:a", domainAllowlist: "arn:b" });
        assert.deepEqual(p.statefulDefaultActions, ["aws:drop_established", "aws:alert_established"]);
        assert.deepEqual(p.statelessDefaultActions, ["aws:forward_to_sfe"]);
        assert.deepEqual(p.statelessFragmentDefaultActions, ["aws:forward_to_sfe"]);
        assert.deepEqual(p.statefulEngineOptions, { ruleOrder: "STRICT_ORDER", streamExceptionPolicy: "DROP" });
    });

    test("UDP and ICMP leaving the VPC are dropped before the domain list is consulted", () => {
        const p = firewallPolicyDocument({ nonTcpDrop: "arn:nontcp", domainAllowlist: "arn:domains" });
        const refs = p.statefulRuleGroupReferences as { priority: number; resourceArn: string }[];
        assert.ok(refs.find((r) => r.resourceArn === "arn:nontcp")!.priority < refs.find((r) => r.resourceArn === "arn:domains")!.priority);
        assert.match(NON_TCP_DROP_RULES, /^drop udp \$HOME_NET any -> !\$HOME_NET any /m);
        assert.match(NON_TCP_DROP_RULES, /^drop icmp \$HOME_NET any -> !\$HOME_NET any /m);
    });

    test("rule group capacity covers four rules per domain", () => {
        for (const n of [1, 250, 251, 1000]) assert.ok(domainRuleGroupCapacity(n) >= n * 4);
    });

    test("the node route's target is the firewall endpoint of the same zone; a missing zone is an error, not a blackhole", () => {
        const statuses = [{ syncStates: [
            { availabilityZone: "eu-west-1a", attachments: [{ endpointId: "vpce-a" }] },
            { availabilityZone: "eu-west-1b", attachments: [{ endpointId: "vpce-b" }] },
        ] }];
        assert.equal(firewallEndpointIdForAz(statuses, "eu-west-1b"), "vpce-b");
        assert.throws(() => firewallEndpointIdForAz(statuses, "eu-west-1c"), /no endpoint in eu-west-1c/);
    });
});

describe("endpoint policies", () => {
    test("S3: account principals only on account buckets; anything else may only read named AWS-owned buckets", () => {
        const [own, awsOwned] = statements(s3EndpointPolicy(env));
        assert.deepEqual(own.Condition, { StringEquals: { "aws:PrincipalAccount": "444455556666", "aws:ResourceAccount": "444455556666" } });
        assert.deepEqual(asList(awsOwned.Action), ["s3:GetObject"]);
        assert.ok(asList(awsOwned.Resource).every((r) => r.startsWith("arn:aws-us-gov:s3:::") && r.endsWith("/*") && !r.includes("*/") && r !== "arn:aws-us-gov:s3:::*/*"));
        assert.ok(asList(awsOwned.Resource).includes("arn:aws-us-gov:s3:::prod-us-gov-west-1-starport-layer-bucket/*"), "ECR layers must stay reachable");
        assert.equal(statements(s3EndpointPolicy(env)).length, 2);
    });

    test("account-scoped policy admits only principals of this account", () => {
        const [s] = statements(accountScopedEndpointPolicy(env));
        assert.deepEqual(s.Condition, { StringEquals: { "aws:PrincipalAccount": "444455556666" } });
    });

    test("STS lets IRSA's unsigned web-identity call reach only this account's roles", () => {
        const web = statements(stsEndpointPolicy(env)).find((s) => asList(s.Action).includes("sts:AssumeRoleWithWebIdentity"));
        assert.equal(web?.Resource, "arn:aws-us-gov:iam::444455556666:role/*");
        assert.deepEqual(asList(web!.Action), ["sts:AssumeRoleWithWebIdentity"]);
    });

    test("every interface endpoint says why it exists, services are unique, and policy-capable ones get a policy", () => {
        assert.equal(new Set(INTERFACE_ENDPOINTS.map((e) => e.service)).size, INTERFACE_ENDPOINTS.length);
        for (const e of INTERFACE_ENDPOINTS) {
            assert.ok(e.why.length > 10, e.service);
            assert.equal(interfaceEndpointPolicy(env, e) !== undefined, e.accountScopedPolicy, e.service);
        }
        // What the deployed stack calls, and nothing more: each interface endpoint is billed per hour and zone.
        assert.deepEqual(INTERFACE_ENDPOINTS.map((e) => e.service).sort(), ["ec2", "ecr.api", "ecr.dkr", "eks-auth", "ssm", "ssmmessages", "sts"]);
    });

    test("endpoint security group admits only HTTPS from the VPC CIDR", () => {
        assert.deepEqual(endpointIngressRules("10.40.0.0/16"), [{ description: "HTTPS to AWS APIs from inside the VPC", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.40.0.0/16"] }]);
    });
});

describe("flow log delivery", () => {
    const names = networkLogGroupNames("hs");

    test("the logs key grant is limited by encryption context to the network log groups", () => {
        const g = logsKeyGrant(env, [names.flow]);
        assert.equal(g.service, "logs.us-gov-west-1.amazonaws.com");
        assert.deepEqual(g.condition, { ArnLike: { "kms:EncryptionContext:aws:logs:arn": ["arn:aws-us-gov:logs:us-gov-west-1:444455556666:log-group:/hardened/hs/vpc-flow-logs"] } });
    });

    test("only VPC Flow Logs of this account can assume the delivery role", () => {
        const [s] = statements(flowLogsTrustPolicy(env));
        assert.deepEqual(s.Principal, { Service: "vpc-flow-logs.amazonaws.com" });
        assert.deepEqual(s.Condition?.StringEquals, { "aws:SourceAccount": "444455556666" });
        assert.deepEqual(s.Condition?.ArnLike, { "aws:SourceArn": "arn:aws-us-gov:ec2:us-gov-west-1:444455556666:vpc-flow-log/*" });
    });

    test("the delivery role can write only to the flow-log group and cannot create groups", () => {
        const [s, describe] = statements(flowLogsDeliveryPolicy(env, names.flow));
        const group = "arn:aws-us-gov:logs:us-gov-west-1:444455556666:log-group:/hardened/hs/vpc-flow-logs";
        assert.deepEqual(s.Resource, [group, `${group}:*`]);
        assert.deepEqual(asList(s.Action), ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]);
        // AWS's documented delivery-role policy also lists log groups; that call takes no resource.
        assert.deepEqual(asList(describe?.Action), ["logs:DescribeLogGroups"]);
        assert.equal(describe?.Resource, "*");
    });
});
