import { runTest } from "../lib/plan";
// HardenedVpc under the offline engine, in preview (computed values unknown) and up, sealed and allowlist.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ProgramRun, RecordedResource, UNKNOWN } from "../../engine";
import { INTERFACE_ENDPOINTS } from "../../infra/network/endpoints";
import { MANAGED_DOMAIN_LISTS } from "../../infra/network/validate";
import { TEST_MANAGED_LIST_IDS } from "../programs/lib/network";

type Props = Record<string, unknown>;
const REGION = "eu-west-1";
const VPC_CIDR = "10.40.0.0/16";

const PROGRAMS = { sealed: "tests/programs/network-sealed.ts", allowlist: "tests/programs/network-allowlist.ts" } as const;

function ofType(run: ProgramRun, type: string): RecordedResource[] {
    return run.resources.filter((r) => r.type === type);
}
function one(run: ProgramRun, type: string, pred: (r: RecordedResource) => boolean = () => true): RecordedResource {
    const found = ofType(run, type).filter(pred);
    assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
    return found[0];
}
function byUrn(run: ProgramRun, urn: string): RecordedResource {
    const r = run.resources.find((x) => x.urn === urn);
    assert.ok(r, `no resource ${urn}`);
    return r;
}
/** The resource an input came from (via property dependencies), as the engine recorded it. */
function sourceOf(run: ProgramRun, r: RecordedResource, key: string): RecordedResource[] {
    return (r.propertyDependencies[key] ?? []).map((u) => byUrn(run, u));
}
const parse = (s: unknown) => JSON.parse(s as string) as { Statement: Props[] };

const runs: Record<string, ProgramRun> = {};
const combos = (["sealed", "allowlist"] as const).flatMap((egress) => (["preview", "up"] as const).map((mode) => ({ egress, mode, key: `${egress}/${mode}` })));

before(async () => {
    await Promise.all(combos.map(async ({ egress, mode, key }) => {
        runs[key] = await runTest({ program: PROGRAMS[egress], mode, config: { "aws:region": REGION, "hardened-stack:network": {} } });
    }));
});

for (const { egress, mode, key } of combos) {
    describe(`${egress} egress, ${mode}`, () => {
        const run = () => runs[key];

        test("VPC has DNS support and hostnames on", () => {
            const vpc = one(run(), "aws:ec2/vpc:Vpc");
            assert.equal(vpc.inputs.cidrBlock, VPC_CIDR);
            assert.equal(vpc.inputs.enableDnsSupport, true);
            assert.equal(vpc.inputs.enableDnsHostnames, true);
        });

        test("no subnet assigns public IPs, and it says so explicitly", () => {
            const subnets = ofType(run(), "aws:ec2/subnet:Subnet");
            assert.equal(subnets.length, egress === "sealed" ? 3 : 9);
            for (const s of subnets) assert.equal(s.inputs.mapPublicIpOnLaunch, false, s.name);
        });

        test("node subnets span the three zones, each with its own route table", () => {
            const nodes = ofType(run(), "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-private-subnet-"));
            assert.deepEqual(nodes.map((s) => s.inputs.availabilityZone).sort(), [`${REGION}a`, `${REGION}b`, `${REGION}c`]);
            const assocs = ofType(run(), "aws:ec2/routeTableAssociation:RouteTableAssociation").filter((a) => a.name.includes("-private-rt-assoc-"));
            const tables = new Set(assocs.map((a) => sourceOf(run(), a, "routeTableId")[0].urn));
            assert.equal(tables.size, 3);
        });

        test("default security group is taken over with no rules", () => {
            const sg = one(run(), "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
            assert.deepEqual(sg.inputs.ingress, []);
            assert.deepEqual(sg.inputs.egress, []);
        });

        test("the main route table is taken over with no routes", () => {
            assert.deepEqual(one(run(), "aws:ec2/defaultRouteTable:DefaultRouteTable").inputs.routes, []);
        });

        test("S3 has no interface endpoint (the free gateway endpoint carries it)", () => {
            const s3 = ofType(run(), "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs.serviceName === `com.amazonaws.${REGION}.s3`);
            assert.deepEqual(s3.map((e) => e.inputs.vpcEndpointType), ["Gateway"]);
        });

        test("every interface endpoint is present, private-DNS, in the node subnets behind the endpoint security group", () => {
            const sg = one(run(), "aws:ec2/securityGroup:SecurityGroup");
            const endpoints = ofType(run(), "aws:ec2/vpcEndpoint:VpcEndpoint");
            for (const svc of INTERFACE_ENDPOINTS.map((e) => e.service)) {
                const ep = endpoints.find((e) => e.inputs.serviceName === `com.amazonaws.${REGION}.${svc}` && e.inputs.vpcEndpointType === "Interface");
                assert.ok(ep, `${svc} interface endpoint missing`);
                assert.equal(ep.inputs.privateDnsEnabled, true, svc);
                assert.equal((ep.inputs.subnetIds as unknown[]).length, 3, svc);
                assert.deepEqual(sourceOf(run(), ep, "securityGroupIds").map((r) => r.urn), [sg.urn], svc);
                assert.ok(sourceOf(run(), ep, "subnetIds").every((s) => s.name.includes("-private-subnet-")), svc);
                if (mode === "up") assert.deepEqual(ep.inputs.securityGroupIds, [sg.id]);
                if (mode === "preview") assert.deepEqual(ep.inputs.securityGroupIds, [UNKNOWN]);
            }
        });

        test("S3 gateway endpoint sits on the node route tables with an account-scoped policy", () => {
            const gw = one(run(), "aws:ec2/vpcEndpoint:VpcEndpoint", (e) => e.inputs.vpcEndpointType === "Gateway");
            assert.equal(gw.inputs.serviceName, `com.amazonaws.${REGION}.s3`);
            assert.deepEqual(sourceOf(run(), gw, "routeTableIds").map((t) => t.name).sort(), [`net-private-rt-${REGION}a`, `net-private-rt-${REGION}b`, `net-private-rt-${REGION}c`]);
            const own = parse(gw.inputs.policy).Statement[0];
            assert.deepEqual(own.Condition, { StringEquals: { "aws:PrincipalAccount": "111122223333", "aws:ResourceAccount": "111122223333" } });
        });

        test("endpoints with an endpoint policy restrict callers to this account", () => {
            for (const svc of ["ecr.api", "ecr.dkr", "ec2", "sts", "ssm"]) {
                const ep = one(run(), "aws:ec2/vpcEndpoint:VpcEndpoint", (e) => e.inputs.serviceName === `com.amazonaws.${REGION}.${svc}`);
                const first = parse(ep.inputs.policy).Statement[0];
                assert.deepEqual(first.Condition, { StringEquals: { "aws:PrincipalAccount": "111122223333" } }, svc);
            }
        });

        test("endpoint security group admits only tcp 443 from the VPC CIDR and has no egress", () => {
            const sg = one(run(), "aws:ec2/securityGroup:SecurityGroup");
            const ingress = sg.inputs.ingress as Props[];
            assert.equal(ingress.length, 1);
            assert.equal(ingress[0].protocol, "tcp");
            assert.equal(ingress[0].fromPort, 443);
            assert.equal(ingress[0].toPort, 443);
            assert.deepEqual(ingress[0].cidrBlocks, [VPC_CIDR]);
            assert.deepEqual(sg.inputs.egress, []);
        });

        test("flow logs capture ALL traffic into a KMS-encrypted log group kept at least a year", () => {
            const fl = one(run(), "aws:ec2/flowLog:FlowLog");
            assert.equal(fl.inputs.trafficType, "ALL");
            assert.equal(fl.inputs.logDestinationType, "cloud-watch-logs");
            const [group] = sourceOf(run(), fl, "logDestination");
            assert.equal(group.type, "aws:cloudwatch/logGroup:LogGroup");
            assert.equal(group.inputs.name, run().stackOutputs.flowLogGroupName);
            assert.ok((group.inputs.retentionInDays as number) >= 365);
            const [key] = sourceOf(run(), group, "kmsKeyId");
            assert.equal(key.type, "aws:kms/key:Key");
            assert.equal(key.inputs.enableKeyRotation, true);
            const logsGrant = parse(key.inputs.policy).Statement.find((s) => (s.Principal as Props).Service === `logs.${REGION}.amazonaws.com`);
            const ctx = ((logsGrant?.Condition as Props).ArnLike as Props)["kms:EncryptionContext:aws:logs:arn"] as string[];
            assert.ok(ctx.includes(`arn:aws:logs:${REGION}:111122223333:log-group:${group.inputs.name as string}`));
        });

        test("every network log group is KMS-encrypted with retention of at least a year", () => {
            const groups = ofType(run(), "aws:cloudwatch/logGroup:LogGroup");
            assert.equal(groups.length, egress === "sealed" ? 2 : 4);
            for (const g of groups) {
                assert.ok((g.inputs.retentionInDays as number) >= 365, g.name);
                assert.equal(sourceOf(run(), g, "kmsKeyId")[0]?.type, "aws:kms/key:Key", g.name);
            }
        });

        test("flow-log role trusts only VPC Flow Logs of this account", () => {
            const fl = one(run(), "aws:ec2/flowLog:FlowLog");
            const [role] = sourceOf(run(), fl, "iamRoleArn");
            const [trust] = parse(role.inputs.assumeRolePolicy).Statement;
            assert.deepEqual(trust.Principal, { Service: "vpc-flow-logs.amazonaws.com" });
            assert.deepEqual((trust.Condition as Props).StringEquals, { "aws:SourceAccount": "111122223333" });
            // The delivery policy AWS documents for this role includes logs:DescribeLogGroups.
            const policies = ofType(run(), "aws:iam/rolePolicy:RolePolicy").filter((p) => sourceOf(run(), p, "role").some((r) => r.urn === role.urn));
            const actions = policies.flatMap((p) => parse(p.inputs.policy).Statement.flatMap((st) => [st.Action].flat()));
            assert.ok(actions.includes("logs:DescribeLogGroups") && actions.includes("logs:PutLogEvents"), JSON.stringify(actions));
        });

        test("DNS Firewall blocks the four AWS-managed threat lists and is associated with the VPC", () => {
            const rules = ofType(run(), "aws:route53/resolverFirewallRule:ResolverFirewallRule");
            for (const list of MANAGED_DOMAIN_LISTS) {
                const r = rules.find((x) => x.inputs.firewallDomainListId === TEST_MANAGED_LIST_IDS[list]);
                assert.equal(r?.inputs.action, "BLOCK", list);
            }
            const assoc = one(run(), "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation");
            assert.equal(sourceOf(run(), assoc, "vpcId")[0].type, "aws:ec2/vpc:Vpc");
            assert.equal(sourceOf(run(), assoc, "firewallRuleGroupId")[0].type, "aws:route53/resolverFirewallRuleGroup:ResolverFirewallRuleGroup");
            assert.equal(one(run(), "aws:route53/resolverFirewallConfig:ResolverFirewallConfig").inputs.firewallFailOpen, "DISABLED");
        });

        test("DNS Firewall's last rule blocks every name not allowed before it", () => {
            const rules = ofType(run(), "aws:route53/resolverFirewallRule:ResolverFirewallRule");
            const last = rules.reduce((a, b) => ((a.inputs.priority as number) > (b.inputs.priority as number) ? a : b));
            assert.equal(last.inputs.action, "BLOCK");
            assert.deepEqual(sourceOf(run(), last, "firewallDomainListId")[0].inputs.domains, ["*"]);
        });

        test("resolver queries are logged to a network log group", () => {
            const qlc = one(run(), "aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig");
            assert.equal(sourceOf(run(), qlc, "destinationArn")[0].type, "aws:cloudwatch/logGroup:LogGroup");
            one(run(), "aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation");
        });

        test("outputs the cluster wiring needs", () => {
            const out = run().stackOutputs;
            assert.equal(out.cidrBlock, VPC_CIDR);
            assert.equal(out.egressMode, egress);
            assert.equal((out.privateSubnetIds as unknown[]).length, 3);
            assert.equal((out.privateRouteTableIds as unknown[]).length, 3);
            assert.deepEqual(Object.keys(out.interfaceEndpointIds as Props).sort(), INTERFACE_ENDPOINTS.map((e) => e.service).sort());
            assert.equal(out.flowLogGroupName, "/hardened/hs-test/vpc-flow-logs");
        });

        if (egress === "sealed") {
            test("sealed: no internet gateway, NAT gateway, Elastic IP or firewall exists", () => {
                for (const t of ["aws:ec2/internetGateway:InternetGateway", "aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip",
                    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", "aws:networkfirewall/firewall:Firewall"]) {
                    assert.equal(ofType(run(), t).length, 0, t);
                }
            });

            test("sealed: no route anywhere sends 0.0.0.0/0 (node route tables hold no routes at all)", () => {
                assert.equal(ofType(run(), "aws:ec2/route:Route").length, 0);
                for (const t of ofType(run(), "aws:ec2/routeTable:RouteTable")) assert.ok(!("routes" in t.inputs) || (t.inputs.routes as unknown[]).length === 0, t.name);
            });

            test("sealed: DNS allows only AWS service and EC2 internal names, and the EKS Auth endpoint", () => {
                const rules = ofType(run(), "aws:route53/resolverFirewallRule:ResolverFirewallRule").filter((r) => r.inputs.action === "ALLOW");
                assert.equal(rules.length, 1);
                assert.deepEqual(sourceOf(run(), rules[0], "firewallDomainListId")[0].inputs.domains,
                    ["amazonaws.com", "*.amazonaws.com", "compute.internal", "*.compute.internal", "ec2.internal", "*.ec2.internal", `eks-auth.${REGION}.api.aws`]);
            });
        } else {
            test("allowlist: each node route table sends 0.0.0.0/0 to its zone's firewall endpoint, never to the NAT or IGW", () => {
                const routes = ofType(run(), "aws:ec2/route:Route");
                const firewall = one(run(), "aws:networkfirewall/firewall:Firewall");
                for (const az of ["a", "b", "c"].map((s) => `${REGION}${s}`)) {
                    const table = one(run(), "aws:ec2/routeTable:RouteTable", (t) => t.name === `net-private-rt-${az}`);
                    const defaults = routes.filter((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0" && sourceOf(run(), r, "routeTableId")[0]?.urn === table.urn);
                    assert.equal(defaults.length, 1, az);
                    const route = defaults[0];
                    assert.equal(route.inputs.natGatewayId, undefined);
                    assert.equal(route.inputs.gatewayId, undefined);
                    assert.deepEqual(sourceOf(run(), route, "vpcEndpointId").map((r) => r.urn), [firewall.urn]);
                    if (mode === "up") {
                        const states = (firewall.outputs.firewallStatuses as { syncStates: { availabilityZone: string; attachments: { endpointId: string }[] }[] }[])[0].syncStates;
                        assert.equal(route.inputs.vpcEndpointId, states.find((s) => s.availabilityZone === az)?.attachments[0].endpointId);
                        assert.match(route.inputs.vpcEndpointId as string, /^vpce-/);
                    } else {
                        assert.equal(route.inputs.vpcEndpointId, UNKNOWN);
                    }
                }
            });

            test("allowlist: firewall subnets route to NAT, NAT subnets to the IGW, and return traffic for node subnets goes back through the firewall", () => {
                const routes = ofType(run(), "aws:ec2/route:Route");
                const tableOf = (r: RecordedResource) => sourceOf(run(), r, "routeTableId")[0].name;
                const fwDefaults = routes.filter((r) => tableOf(r).includes("-firewall-rt-"));
                assert.equal(fwDefaults.length, 3);
                for (const r of fwDefaults) assert.equal(sourceOf(run(), r, "natGatewayId")[0].type, "aws:ec2/natGateway:NatGateway");
                const egressRoutes = routes.filter((r) => tableOf(r).includes("-egress-rt-"));
                const toIgw = egressRoutes.filter((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0");
                assert.equal(toIgw.length, 3);
                for (const r of toIgw) assert.equal(sourceOf(run(), r, "gatewayId")[0].type, "aws:ec2/internetGateway:InternetGateway");
                const returns = egressRoutes.filter((r) => r.inputs.destinationCidrBlock !== "0.0.0.0/0");
                assert.deepEqual(returns.map((r) => r.inputs.destinationCidrBlock).sort(), ["10.40.0.0/18", "10.40.128.0/18", "10.40.64.0/18"]);
                for (const r of returns) assert.equal(sourceOf(run(), r, "vpcEndpointId")[0].type, "aws:networkfirewall/firewall:Firewall");
                // The NAT gateways live in the egress subnets, never in node subnets.
                for (const nat of ofType(run(), "aws:ec2/natGateway:NatGateway")) assert.match(sourceOf(run(), nat, "subnetId")[0].name, /-egress-subnet-/);
            });

            test("allowlist: firewall policy drops what no rule passes and forwards all stateless traffic to the stateful engine", () => {
                const policy = one(run(), "aws:networkfirewall/firewallPolicy:FirewallPolicy");
                const fp = policy.inputs.firewallPolicy as Props;
                assert.deepEqual(fp.statefulDefaultActions, ["aws:drop_established", "aws:alert_established"]);
                assert.deepEqual(fp.statelessDefaultActions, ["aws:forward_to_sfe"]);
                assert.deepEqual(fp.statelessFragmentDefaultActions, ["aws:forward_to_sfe"]);
                assert.equal((fp.statefulEngineOptions as Props).ruleOrder, "STRICT_ORDER");
                assert.equal((policy.inputs.encryptionConfiguration as Props).type, "CUSTOMER_KMS");
            });

            test("allowlist: domain rule group is an ALLOWLIST on TLS_SNI (HTTPS only, as the node security group) of the configured domains", () => {
                const group = one(run(), "aws:networkfirewall/ruleGroup:RuleGroup", (g) => g.name.endsWith("-domains"));
                assert.equal(group.inputs.type, "STATEFUL");
                const list = ((group.inputs.ruleGroup as Props).rulesSource as Props).rulesSourceList as Props;
                assert.equal(list.generatedRulesType, "ALLOWLIST");
                assert.deepEqual(list.targetTypes, ["TLS_SNI"]);
                assert.deepEqual(list.targets, [".example.org", "packages.example.com"]);
                const policy = one(run(), "aws:networkfirewall/firewallPolicy:FirewallPolicy");
                assert.ok(policy.dependencies.includes(group.urn));
            });

            test("allowlist: firewall has deletion protection, a customer key and logs alerts and flows to KMS log groups", () => {
                const fw = one(run(), "aws:networkfirewall/firewall:Firewall");
                assert.equal(fw.inputs.deleteProtection, true);
                const enc = fw.inputs.encryptionConfiguration as Props;
                assert.equal(enc.type, "CUSTOMER_KMS");
                assert.ok(sourceOf(run(), fw, "encryptionConfiguration").some((r) => r.type === "aws:kms/key:Key"));
                assert.deepEqual(sourceOf(run(), fw, "subnetMappings").map((s) => s.name).sort(), ["a", "b", "c"].map((z) => `net-egress-firewall-subnet-${REGION}${z}`));
                const logging = one(run(), "aws:networkfirewall/loggingConfiguration:LoggingConfiguration");
                const dests = (logging.inputs.loggingConfiguration as Props).logDestinationConfigs as Props[];
                assert.deepEqual(dests.map((d) => d.logType).sort(), ["ALERT", "FLOW"]);
                const groupNames = ofType(run(), "aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.name);
                for (const d of dests) {
                    assert.equal(d.logDestinationType, "CloudWatchLogs");
                    assert.ok(groupNames.includes((d.logDestination as Props).logGroup), `${d.logType} goes to a managed log group`);
                }
            });

            test("allowlist: DNS also lets the allowed domains resolve (apex and subdomains for '.example.org')", () => {
                const allows = ofType(run(), "aws:route53/resolverFirewallRule:ResolverFirewallRule").filter((r) => r.inputs.action === "ALLOW");
                const lists = allows.map((r) => sourceOf(run(), r, "firewallDomainListId")[0].inputs.domains as string[]);
                assert.ok(lists.some((l) => JSON.stringify(l) === JSON.stringify(["example.org", "*.example.org", "packages.example.com"])));
            });
        }
    });
}

describe("configuration errors reach the program as ValidationErrors", () => {
    test("a domain list in sealed mode fails the run naming the setting and value", async () => {
        await assert.rejects(
            runTest({ program: PROGRAMS.sealed, mode: "preview", config: { "aws:region": REGION, "hardened-stack:network": { allowedEgressDomains: ["pool.example.com"] } } }),
            /invalid HardenedVpc\.allowedEgressDomains: \["pool\.example\.com"\] — must be unset when egressMode is "sealed"/,
        );
    });

    test("a public CIDR fails the run before any resource is registered", async () => {
        await assert.rejects(
            runTest({ program: PROGRAMS.sealed, mode: "preview", config: { "aws:region": REGION, "hardened-stack:network": { cidr: "52.0.0.0/16" } } }),
            /invalid HardenedVpc\.cidr: "52\.0\.0\.0\/16" — must lie inside an RFC 1918 private range/,
        );
    });
});
