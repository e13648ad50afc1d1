/**
 * The review catalog's ways out (catalog/exits.ts): image sources, prefix lists, routes, firewalls, DNS Firewall, the
 * CNI's enforcement switch and NetworkPolicy egress. Each step that opens a way out is a weakening, the opposite
 * step is not. Pure: inputs in, weakenings out.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { creationWeakeningsOf, removalRisk, weakeningsOf } from "../../policy-packs/kill-chain/catalog/security-properties";
import { isUnknown, UNKNOWN } from "../../engine/constants";

const ctx = { isUnknown };
const weak = (type: string, before: Record<string, unknown>, after: Record<string, unknown>) => weakeningsOf(type, before, after, ctx);
const paths = (type: string, before: Record<string, unknown>, after: Record<string, unknown>) => weak(type, before, after).filter((w) => !w.unknown).map((w) => w.path);
const doc = (principal: unknown, action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: action }] });

describe("catalog: images only from registries the stack owns", () => {
    const PTC = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule";
    test("a pull-through cache rule of Docker Hub is a weakening when added or when its upstream moves there; a private ECR upstream is not", () => {
        const rule = (upstreamRegistryUrl: string) => ({ ecrRepositoryPrefix: "mirror", upstreamRegistryUrl });
        const [w] = creationWeakeningsOf(PTC, rule("registry-1.docker.io"), ctx);
        assert.match(w!.why, /now mirrors registry-1\.docker\.io/);
        assert.deepEqual(paths(PTC, rule("111122223333.dkr.ecr.eu-west-1.amazonaws.com"), rule("registry-1.docker.io")), ["upstreamRegistryUrl"]);
        assert.deepEqual(creationWeakeningsOf(PTC, rule("111122223333.dkr.ecr.eu-west-1.amazonaws.com"), ctx), []);
    });
    test("a repository policy letting * push is a weakening (RepositoryPolicy and RegistryPolicy)", () => {
        const own = doc({ AWS: "arn:aws:iam::111122223333:root" }, "ecr:PutImage");
        for (const type of ["aws:ecr/repositoryPolicy:RepositoryPolicy", "aws:ecr/registryPolicy:RegistryPolicy"]) {
            assert.deepEqual(paths(type, { policy: own }, { policy: doc("*", "ecr:PutImage") }), ["policy"], type);
            assert.deepEqual(paths(type, { policy: doc("*", "ecr:PutImage") }, { policy: own }), [], type);
        }
    });
});

describe("catalog: prefix lists", () => {
    const PL = "aws:ec2/managedPrefixList:ManagedPrefixList";
    const list = (...cidrs: string[]) => ({ addressFamily: "IPv4", maxEntries: 5, entries: cidrs.map((cidr) => ({ cidr })) });
    test("a prefix list gaining the two halves of the internet is a weakening that says it reaches more of the internet", () => {
        const [w] = weak(PL, list("52.94.0.0/22"), list("52.94.0.0/22", "0.0.0.0/1", "128.0.0.0/1"));
        assert.equal(w!.path, "entries");
        assert.match(w!.why, /admits 0\.0\.0\.0\/1, 128\.0\.0\.0\/1; every rule and route that references the list now reaches that much more/);
    });
    test("a prefix list narrowed, or reordered, is not a weakening", () => {
        assert.deepEqual(paths(PL, list("52.94.0.0/22", "10.0.0.0/8"), list("52.94.0.0/24")), []);
        assert.deepEqual(paths(PL, list("52.94.0.0/22", "10.0.0.0/8"), list("10.0.0.0/8", "52.94.0.0/22")), []);
    });
    test("a new prefix list entry is a weakening at creation (the list it joins widens)", () => {
        const [w] = creationWeakeningsOf("aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry", { prefixListId: "pl-1", cidr: "0.0.0.0/0" }, ctx);
        assert.match(w!.why, /admits 0\.0\.0\.0\/0/);
    });
});

describe("catalog: routes gaining an exit", () => {
    const ROUTE = "aws:ec2/route:Route";
    const route = (target: Record<string, unknown>) => ({ routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0", ...target });
    test("a default route moved from the firewall endpoint to a transit gateway, a NAT instance's ENI, a NAT or an internet gateway is a weakening", () => {
        for (const target of [{ transitGatewayId: "tgw-1" }, { networkInterfaceId: "eni-1" }, { natGatewayId: "nat-1" }, { gatewayId: "igw-1" }]) {
            const [w] = weak(ROUTE, route({ vpcEndpointId: "vpce-fw" }), route(target));
            assert.match(w!.why, /now routes 0\.0\.0\.0\/0 -> \w+ \S+: traffic leaves the VPC without passing the firewall's allowlist/, JSON.stringify(target));
        }
    });
    test("a route to a private range through a transit gateway, or back to the firewall endpoint, is not a weakening", () => {
        assert.deepEqual(paths(ROUTE, { destinationCidrBlock: "10.1.0.0/16", vpcEndpointId: "vpce-fw" }, { destinationCidrBlock: "10.1.0.0/16", transitGatewayId: "tgw-1" }), []);
        assert.deepEqual(paths(ROUTE, route({ natGatewayId: "nat-1" }), route({ vpcEndpointId: "vpce-fw" })), []);
    });
    test("an unknown route table id next to an unchanged route is neither a weakening nor unverified", () =>
        assert.deepEqual(weak(ROUTE, route({ vpcEndpointId: "vpce-fw" }), { ...route({ vpcEndpointId: "vpce-fw" }), routeTableId: UNKNOWN }), []));
    test("a route table gaining 0.0.0.0/0 to a NAT gateway is a weakening; its local route is not an exit", () => {
        const table = (...routes: Record<string, unknown>[]) => ({ vpcId: "vpc-1", routes });
        const local = { cidrBlock: "10.0.0.0/16", gatewayId: "local" };
        assert.deepEqual(paths("aws:ec2/routeTable:RouteTable", table(local), table(local, { cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" })), ["routes"]);
        // A VPC on public addresses it owns (BYOIP) still has a local route: it stays inside the VPC.
        assert.deepEqual(paths("aws:ec2/defaultRouteTable:DefaultRouteTable", table(), table({ cidrBlock: "52.10.0.0/16", gatewayId: "local" })), []);
    });
});

describe("catalog: Network Firewall and DNS Firewall", () => {
    const RG = "aws:networkfirewall/ruleGroup:RuleGroup";
    const group = (rulesString: string) => ({ capacity: 100, type: "STATEFUL", ruleGroup: { rulesSource: { rulesString } } });
    const allow = 'pass tls $HOME_NET any -> $EXTERNAL_NET 443 (tls.sni; content:"api.example.com"; sid:1;)';
    test("a rule group gaining a pass-all Suricata rule is a weakening; the allowlist rule alone, or moved, is not", () => {
        const [w] = weak(RG, group(allow), group(`${allow}\npass tcp any any -> any any (sid:2;)`));
        assert.match(w!.why, /rulesString has "pass tcp any any -> any any \(sid:2;\)": everything leaves before the policy's default drop/);
        assert.deepEqual(paths(RG, group(`pass ip any any -> any any (sid:2;)`), group(`# moved\npass ip any any -> any any (sid:2;)`)), []);
    });
    test("a firewall policy whose stateful default is no longer a drop, or whose stateless default passes, is a weakening", () => {
        const FP = "aws:networkfirewall/firewallPolicy:FirewallPolicy";
        const policy = (stateful: string[], stateless: string[]) => ({ firewallPolicy: { statefulDefaultActions: stateful, statelessDefaultActions: stateless, statelessFragmentDefaultActions: stateless } });
        assert.deepEqual(paths(FP, policy(["aws:drop_established"], ["aws:forward_to_sfe"]), policy(["aws:alert_established"], ["aws:forward_to_sfe"])), ["firewallPolicy.statefulDefaultActions"]);
        assert.deepEqual(paths(FP, policy(["aws:drop_established"], ["aws:forward_to_sfe"]), policy(["aws:drop_established"], ["aws:pass"])), ["firewallPolicy.statelessDefaultActions"]);
        assert.deepEqual(paths(FP, policy(["aws:alert_strict"], ["aws:pass"]), policy(["aws:drop_strict"], ["aws:forward_to_sfe"])), []);
    });
    test("a DNS Firewall rule turned from BLOCK to ALLOW, or an ALLOW rule moved to a higher priority (lower number), is a weakening", () => {
        const DNS = "aws:route53/resolverFirewallRule:ResolverFirewallRule";
        const rule = (action: string, priority: number) => ({ firewallRuleGroupId: "g", firewallDomainListId: "all", action, priority });
        assert.deepEqual(paths(DNS, rule("BLOCK", 100), rule("ALLOW", 100)), ["action"]);
        const [w] = weak(DNS, rule("ALLOW", 300), rule("ALLOW", 50));
        assert.match(w!.why, /ALLOW rule now runs at priority 50 instead of 300/);
        assert.deepEqual(paths(DNS, rule("BLOCK", 300), rule("BLOCK", 50)), [], "a block rule moved ahead is stronger");
    });
    test("DNS Firewall switched to fail open is a weakening", () =>
        assert.deepEqual(paths("aws:route53/resolverFirewallConfig:ResolverFirewallConfig", { resourceId: "vpc-1", firewallFailOpen: "DISABLED" }, { resourceId: "vpc-1", firewallFailOpen: "ENABLED" }), ["firewallFailOpen"]));
});

describe("catalog: NetworkPolicy enforcement and egress", () => {
    const ADDON = "aws:eks/addon:Addon";
    test("the vpc-cni add-on turning enableNetworkPolicy off is a weakening; another add-on's configuration is not", () => {
        const addon = (addonName: string, enable: string) => ({ clusterName: "c", addonName, configurationValues: JSON.stringify({ enableNetworkPolicy: enable }) });
        const [w] = weak(ADDON, addon("vpc-cni", "true"), addon("vpc-cni", "false"));
        assert.match(w!.why, /no longer sets enableNetworkPolicy "true": every NetworkPolicy stays declared and none is enforced/);
        assert.deepEqual(paths(ADDON, addon("vpc-cni", "true"), { clusterName: "c", addonName: "vpc-cni" }), ["configurationValues"], "unset is off");
        assert.deepEqual(paths(ADDON, addon("coredns", "true"), addon("coredns", "false")), []);
        assert.deepEqual(paths(ADDON, addon("vpc-cni", "false"), addon("vpc-cni", "true")), []);
    });
    const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    const np = (...egress: unknown[]) => ({ spec: { podSelector: {}, policyTypes: ["Egress"], egress } });
    const block = (cidr: string, port?: number, except?: string[]) => ({ to: [{ ipBlock: { cidr, ...(except ? { except } : {}) } }], ...(port ? { ports: [{ protocol: "TCP", port }] } : {}) });
    test("egress widened to a public /8 or to all ports is a weakening naming the new peer and ports", () => {
        const [w] = weak(NP, np(block("10.0.0.0/16", 443)), np(block("10.0.0.0/16", 443), block("52.0.0.0/8", 443)));
        assert.match(w!.why, /now allows egress to 52\.0\.0\.0\/8 on TCP 443/);
        assert.match(weak(NP, np(block("10.0.0.0/16", 443)), np(block("10.0.0.0/16")))[0]!.why, /10\.0\.0\.0\/16 on all ports/);
    });
    test("egress narrowed (a smaller block, a single port, a new except) is not a weakening", () => {
        assert.deepEqual(paths(NP, np(block("10.0.0.0/16")), np(block("10.0.1.0/24", 443))), []);
        assert.deepEqual(paths(NP, np(block("0.0.0.0/0", 443)), np(block("0.0.0.0/0", 443, ["169.254.169.254/32"]))), []);
    });
    test("dropping an except (the metadata address) widens the block", () =>
        assert.deepEqual(paths(NP, np(block("0.0.0.0/0", 443, ["169.254.169.254/32"])), np(block("0.0.0.0/0", 443))), ["spec.egress"]));
});

describe("catalog: Pod Security Admission labels", () => {
    test("the audit and warn labels lowered are weakenings, like enforce", () => {
        const ns = (labels: Record<string, string>) => ({ metadata: { labels } });
        const all = (level: string) => ({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/audit": level, "pod-security.kubernetes.io/warn": level });
        assert.deepEqual(paths("kubernetes:core/v1:Namespace", ns(all("restricted")), ns(all("baseline"))),
            ["metadata.labels.pod-security.kubernetes.io/audit", "metadata.labels.pod-security.kubernetes.io/warn"]);
        assert.deepEqual(paths("kubernetes:core/v1:Namespace", ns(all("baseline")), ns(all("restricted"))), []);
    });
    test("enforce-version pinned from latest (or unset) to an older version is a weakening; moved forward is not", () => {
        const ns = (version?: string) => ({ metadata: { labels: { "pod-security.kubernetes.io/enforce": "restricted", ...(version ? { "pod-security.kubernetes.io/enforce-version": version } : {}) } } });
        assert.deepEqual(paths("kubernetes:core/v1:Namespace", ns("latest"), ns("v1.22")), ["metadata.labels.pod-security.kubernetes.io/enforce-version"]);
        assert.deepEqual(paths("kubernetes:core/v1:Namespace", ns(), ns("v1.30")), ["metadata.labels.pod-security.kubernetes.io/enforce-version"]);
        assert.deepEqual(paths("kubernetes:core/v1:Namespace", ns("v1.22"), ns("v1.30")), []);
        assert.deepEqual(paths("kubernetes:core/v1:Namespace", ns("v1.30"), ns("latest")), []);
    });
});

describe("catalog: deleting the resource that carries a control", () => {
    test("deleting the GuardDuty agent add-on removes runtime monitoring; deleting another add-on does not", () => {
        assert.equal(removalRisk("aws:eks/addon:Addon", { clusterName: "c", addonName: "aws-guardduty-agent" })?.step, "evasion");
        assert.equal(removalRisk("aws:eks/addon:Addon", { clusterName: "c", addonName: "coredns" }), undefined);
        assert.equal(removalRisk("aws:eks/addon:Addon"), undefined, "old inputs unknown: not claimed");
    });
    test("deleting a rule group or the firewall policy removes egress filtering", () => {
        for (const t of ["aws:networkfirewall/ruleGroup:RuleGroup", "aws:networkfirewall/firewallPolicy:FirewallPolicy"]) assert.equal(removalRisk(t)?.step, "mining", t);
    });
});
