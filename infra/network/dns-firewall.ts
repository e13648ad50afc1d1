import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../lib/aws";
import { EgressMode, MANAGED_DOMAIN_LISTS, ManagedDomainListIds, ManagedDomainListName } from "./validate";

/** Domain lists this component creates (the AWS-managed ones are referenced by id). */
export type CustomDomainList = "aws-services" | "egress-allowlist" | "everything";

export type DnsRuleSource =
    | { managedList: ManagedDomainListName }
    | { customList: CustomDomainList }
    | { threat: "DNS_TUNNELING" | "DGA" };

export interface DnsRuleSpec {
    /** Also the rule's resource role, e.g. `block-botnet`. */
    name: string;
    priority: number;
    action: "ALLOW" | "BLOCK";
    source: DnsRuleSource;
}

export interface DnsRulePlanInput {
    egressMode: EgressMode;
    /** Allowed egress domains (allowlist mode), in Network Firewall syntax. */
    allowedEgressDomains?: string[];
    /** When true, no catch-all BLOCK: names outside the allow lists still resolve. */
    allowAllDnsQueries: boolean;
}

const MANAGED_RULE_NAMES: Record<ManagedDomainListName, string> = {
    AWSManagedDomainsAggregateThreatList: "block-aggregate-threats",
    AWSManagedDomainsAmazonGuardDutyThreatList: "block-guardduty-threats",
    AWSManagedDomainsMalwareDomainList: "block-malware",
    AWSManagedDomainsBotnetCommandandControl: "block-botnet",
};

/**
 * The DNS Firewall rules, in evaluation order (lowest priority first; first match wins):
 * 1. BLOCK the four AWS-managed threat lists, before any ALLOW, so allow-listing a domain never un-blocks a
 *    known-bad one.
 * 2. ALLOW AWS service names (the partition's DNS zone, where AWS is authoritative, so no one can tunnel data
 *    through it) and EC2 internal host names. Placed before the heuristic rules because endpoint and bucket
 *    names look random enough to trip them.
 * 3. BLOCK DNS tunnelling and domain-generation-algorithm lookups (DNS Firewall Advanced, high confidence).
 * 4. ALLOW the egress allowlist (allowlist mode), so the firewall's domains also resolve.
 * 5. BLOCK everything else: a miner cannot even resolve its pool, and DNS is not a side channel.
 */
export function dnsFirewallRules(input: DnsRulePlanInput): DnsRuleSpec[] {
    const rules: DnsRuleSpec[] = MANAGED_DOMAIN_LISTS.map((list, i) => ({
        name: MANAGED_RULE_NAMES[list], priority: 100 + 10 * i, action: "BLOCK" as const, source: { managedList: list },
    }));
    rules.push({ name: "allow-aws-services", priority: 200, action: "ALLOW", source: { customList: "aws-services" } });
    rules.push({ name: "block-dns-tunneling", priority: 300, action: "BLOCK", source: { threat: "DNS_TUNNELING" } });
    rules.push({ name: "block-dga", priority: 310, action: "BLOCK", source: { threat: "DGA" } });
    if (input.egressMode === "allowlist" && (input.allowedEgressDomains ?? []).length > 0) {
        rules.push({ name: "allow-egress-domains", priority: 400, action: "ALLOW", source: { customList: "egress-allowlist" } });
    }
    if (!input.allowAllDnsQueries) {
        rules.push({ name: "block-everything-else", priority: 1000, action: "BLOCK", source: { customList: "everything" } });
    }
    return rules;
}

/**
 * AWS service names of the partition, EC2 internal host names (`ip-10-40-0-5.eu-west-1.compute.internal`), and the
 * EKS Auth endpoint, which is not under the partition's suffix: the Pod Identity agent calls
 * `eks-auth.<region>.api.aws` (EKS guide, "Create a VPC endpoint for EKS Auth"), resolved to the eks-auth interface
 * endpoint by its private DNS. Only that one name: `*.api.aws` would admit every dual-stack AWS endpoint.
 */
export function awsServiceDomains(env: AwsEnvironment): string[] {
    return [
        env.dnsSuffix, `*.${env.dnsSuffix}`, "compute.internal", "*.compute.internal", "ec2.internal", "*.ec2.internal",
        eksAuthHostName(env),
    ];
}

/** The EKS Auth API's host name (AssumeRoleForPodIdentity). */
export function eksAuthHostName(env: AwsEnvironment): string {
    return `eks-auth.${env.region}.api.aws`;
}

/**
 * Network Firewall syntax to DNS Firewall syntax: `.example.com` (domain and subdomains) becomes `example.com`
 * and `*.example.com`, since a DNS Firewall wildcard does not match the apex.
 */
export function toDnsFirewallDomains(egressDomains: string[]): string[] {
    const out = egressDomains.flatMap((d) => (d.startsWith(".") ? [d.slice(1), `*${d}`] : [d]));
    return [...new Set(out)];
}

export function customDomainListContents(env: AwsEnvironment, list: CustomDomainList, egressDomains: string[]): string[] {
    switch (list) {
        case "aws-services": return awsServiceDomains(env);
        case "egress-allowlist": return toDnsFirewallDomains(egressDomains);
        case "everything": return ["*"];
    }
}

export interface DnsFirewallArgs {
    env: AwsEnvironment;
    vpcId: pulumi.Input<string>;
    namePrefix: string;
    managedDomainListIds: ManagedDomainListIds;
    egressMode: EgressMode;
    allowedEgressDomains?: string[];
    allowAllDnsQueries: boolean;
    /** Log group for Resolver query logs. */
    queryLogGroupArn: pulumi.Input<string>;
}

/**
 * Route 53 Resolver DNS Firewall for the VPC (rules from dnsFirewallRules), failing closed, with every query
 * logged. Type token `hardened:network:DnsFirewall`.
 */
export class DnsFirewall extends pulumi.ComponentResource {
    public readonly ruleGroupId: pulumi.Output<string>;

    constructor(name: string, args: DnsFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:network:DnsFirewall", name, {}, opts);
        const rules = dnsFirewallRules({ egressMode: args.egressMode, allowedEgressDomains: args.allowedEgressDomains, allowAllDnsQueries: args.allowAllDnsQueries });

        const group = new aws.route53.ResolverFirewallRuleGroup(`${name}-rules`, { name: `${args.namePrefix}-dns-firewall` }, { parent: this });

        const lists: Partial<Record<CustomDomainList, aws.route53.ResolverFirewallDomainList>> = {};
        const listFor = (list: CustomDomainList): aws.route53.ResolverFirewallDomainList => {
            lists[list] ??= new aws.route53.ResolverFirewallDomainList(`${name}-${list}`, {
                name: `${args.namePrefix}-${list}`,
                domains: customDomainListContents(args.env, list, args.allowedEgressDomains ?? []),
            }, { parent: this });
            return lists[list];
        };

        for (const rule of rules) {
            const common = { firewallRuleGroupId: group.id, name: rule.name, priority: rule.priority, action: rule.action };
            const src = rule.source;
            let ruleArgs: aws.route53.ResolverFirewallRuleArgs;
            if ("threat" in src) {
                // High confidence only: a false positive here is an outage for whatever made the lookup.
                ruleArgs = { ...common, dnsThreatProtection: src.threat, confidenceThreshold: "HIGH", blockResponse: "NXDOMAIN" };
            } else {
                const listId = "managedList" in src ? args.managedDomainListIds[src.managedList] : listFor(src.customList).id;
                ruleArgs = rule.action === "ALLOW"
                    // AWS names and allowed domains CNAME into names outside the list (regional aliases, CDNs);
                    // trusting the redirection chain of an allowed name keeps them resolvable.
                    ? { ...common, firewallDomainListId: listId, firewallDomainRedirectionAction: "TRUST_REDIRECTION_DOMAIN" }
                    : { ...common, firewallDomainListId: listId, blockResponse: "NXDOMAIN" };
            }
            new aws.route53.ResolverFirewallRule(`${name}-${rule.name}`, ruleArgs, { parent: this });
        }

        new aws.route53.ResolverFirewallRuleGroupAssociation(`${name}-association`, {
            name: `${args.namePrefix}-dns-firewall`,
            firewallRuleGroupId: group.id,
            vpcId: args.vpcId,
            // Low number: evaluated before rule groups associated later (which take higher numbers).
            priority: 101,
            // Removing the association (the quiet way to switch DNS filtering off) needs this flag turned off first.
            mutationProtection: "ENABLED",
        }, { parent: this });

        new aws.route53.ResolverFirewallConfig(`${name}-fail-closed`, {
            resourceId: args.vpcId,
            // If DNS Firewall cannot evaluate a query, the query fails rather than bypassing the rules.
            firewallFailOpen: "DISABLED",
        }, { parent: this });

        const queryLog = new aws.route53.ResolverQueryLogConfig(`${name}-query-log`, {
            name: `${args.namePrefix}-resolver-queries`,
            destinationArn: args.queryLogGroupArn,
        }, { parent: this });
        new aws.route53.ResolverQueryLogConfigAssociation(`${name}-query-log-association`, {
            resolverQueryLogConfigId: queryLog.id,
            resourceId: args.vpcId,
        }, { parent: this });

        this.ruleGroupId = group.id;
        this.registerOutputs({ ruleGroupId: this.ruleGroupId });
    }
}
