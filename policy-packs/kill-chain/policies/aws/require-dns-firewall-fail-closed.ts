import { eksBestPractices } from "../../lib/frameworks";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

const FIREWALL_CONFIG = "aws:route53/resolverFirewallConfig:ResolverFirewallConfig";

/**
 * DNS Firewall set to fail open answers every query while it cannot evaluate its rules: a miner that can make the
 * firewall struggle (or simply waits for an outage) resolves its pool. Closed, those queries are refused.
 */
export const requireDnsFirewallFailClosed = resourcePolicy({
    name: "require-dns-firewall-fail-closed",
    description: "Route 53 Resolver DNS Firewall configurations keep firewallFailOpen \"DISABLED\" (the default): when the firewall cannot "
        + "evaluate a query, the query is refused, not answered past the block lists.",
    step: "mining",
    severity: "high",
    remediationSteps: "On aws.route53.ResolverFirewallConfig set firewallFailOpen: \"DISABLED\" (or leave it unset).",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-vpc-configuration.html",
    framework: eksBestPractices("network", "Egress filtering: DNS"),
    references: ["EKS-BP network", "AWS Route 53 Resolver DNS Firewall"],
    types: [FIREWALL_CONFIG],
    check: ({ args, reads, report }) => {
        const failOpen = reads.get("firewallFailOpen", () => args.props.firewallFailOpen);
        if (failOpen === UNKNOWN || failOpen === undefined || failOpen === "DISABLED") return;
        report(`firewallFailOpen is ${JSON.stringify(failOpen)}, so queries are answered whenever the firewall cannot judge them; set it to "DISABLED".`);
    },
});
