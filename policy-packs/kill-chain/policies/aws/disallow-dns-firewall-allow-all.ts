import type { PolicyResource } from "@pulumi/policy";
import { eksBestPractices } from "../../lib/frameworks";
import { stackPolicy } from "../../lib/policy";
import { sources } from "../../lib/stack";
import { UNKNOWN } from "../../lib/unknowns";
import { matchesEverything } from "../../lib/dns-firewall";
import { asList } from "../../lib/values";

const RULE = "aws:route53/resolverFirewallRule:ResolverFirewallRule";
const DOMAIN_LIST = "aws:route53/resolverFirewallDomainList:ResolverFirewallDomainList";
const ASSOCIATION = "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation";

interface OrderedRule {
    rule: PolicyResource;
    action: unknown;
    /** Evaluation order: the group's association priority, then the rule's priority (lower first). */
    order: [number, number];
    /** The everything-patterns of its domain list. */
    everything: string[];
}

/**
 * DNS Firewall evaluates rules by priority and stops at the first match: an ALLOW for every name ahead of the block
 * rules answers a miner's pool lookup (and a DNS tunnel) before any block list is consulted.
 */
export const disallowDnsFirewallAllowAll = stackPolicy({
    name: "disallow-dns-firewall-allow-all",
    description: "No Route 53 Resolver DNS Firewall ALLOW rule for every name (a domain list with \"*\" or a whole TLD) is evaluated before "
        + "a BLOCK rule (rule priority within its group, association priority across groups): the block lists and the final block-everything "
        + "rule stay in force.",
    step: "mining",
    severity: "critical",
    remediationSteps: "Allow only named domains (AWS service names, the egress allowlist), and give the \"*\" domain list a BLOCK rule with "
        + "the highest priority number so it runs last.",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-settings.html",
    framework: eksBestPractices("network", "Egress filtering: DNS"),
    references: ["EKS-BP network", "AWS Route 53 Resolver DNS Firewall"],
    check: ({ args, reads, report }) => {
        const lists = new Map<string, string[]>();
        for (const r of args.resources) {
            if (r.type !== DOMAIN_LIST) continue;
            const domains = reads(r).snapshot("domains", () => r.props.domains);
            if (domains !== UNKNOWN) lists.set(r.urn, asList(domains).filter((d): d is string => typeof d === "string"));
        }
        const groupPriority = new Map<string, number>();
        for (const a of args.resources) {
            if (a.type !== ASSOCIATION) continue;
            const p = reads(a).get("priority", () => a.props.priority);
            for (const g of sources(a, "firewallRuleGroupId")) if (typeof p === "number") groupPriority.set(g.urn, Math.min(p, groupPriority.get(g.urn) ?? p));
        }
        const byGroup = new Map<string, OrderedRule[]>();
        for (const r of args.resources) {
            if (r.type !== RULE) continue;
            const priority = reads(r).get("priority", () => r.props.priority);
            const action = reads(r).get("action", () => r.props.action);
            if (typeof priority !== "number" || action === UNKNOWN) continue;
            const group = sources(r, "firewallRuleGroupId")[0]?.urn ?? String(reads(r).get("firewallRuleGroupId", () => r.props.firewallRuleGroupId));
            const everything = sources(r, "firewallDomainListId", [DOMAIN_LIST]).flatMap((l) => (lists.get(l.urn) ?? []).filter(matchesEverything));
            const list = byGroup.get(group) ?? [];
            list.push({ rule: r, action, order: [groupPriority.get(group) ?? 0, priority], everything });
            byGroup.set(group, list);
        }
        // Rules of different groups compare only through their associations' priorities (one VPC's evaluation order).
        const all = [...byGroup.values()].flat();
        const before = (a: OrderedRule, b: OrderedRule) => a.order[0] < b.order[0] || (a.order[0] === b.order[0] && a.order[1] < b.order[1]);
        for (const allow of all) {
            if (allow.action !== "ALLOW" || allow.everything.length === 0) continue;
            const shadowed = all.filter((b) => b.action === "BLOCK" && before(allow, b));
            if (shadowed.length === 0) continue;
            report(allow.rule, `escaping path: every DNS name -> rule ${allow.rule.name} (ALLOW ${allow.everything.join(", ")}, priority ${allow.order[1]}) `
                + `answers before the BLOCK rules ${shadowed.slice(0, 3).map((b) => `${b.rule.name} (${b.order[1]})`).join(", ")}`
                + `${shadowed.length > 3 ? ` and ${shadowed.length - 3} more` : ""}, so no block list applies; allow only named domains.`);
        }
    },
});
