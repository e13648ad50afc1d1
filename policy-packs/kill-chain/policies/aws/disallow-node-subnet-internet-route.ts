import { stackPolicy } from "../../lib/policy";
import { EscapePath, subnetEscapes } from "../../lib/egress-paths";
import { eksBestPractices } from "../../lib/frameworks";

/**
 * Subnets that run pods (EKS node groups, Fargate profiles, the cluster's own subnets, Auto Scaling groups) reach the
 * internet only through the Network Firewall's allowlist, or not at all. Judged on the whole path (lib/egress-paths.ts):
 * the subnet's routes after longest-prefix matching, taken together (0.0.0.0/1 and 128.0.0.0/1 to a NAT gateway are
 * the internet), and, for routes to the firewall endpoint, whether that firewall passes what is not on its allowlist
 * while its own subnets route onward to an exit. Security groups cannot say "via the firewall"; routes can.
 */
export const disallowNodeSubnetInternetRoute = stackPolicy({
    name: "disallow-node-subnet-internet-route",
    description: "Subnets used by EKS clusters, node groups, Fargate profiles, Auto Scaling groups and Karpenter EC2NodeClasses (subnetSelectorTerms "
        + "tags) reach the internet only through the "
        + "Network Firewall's allowlist: their routes, after longest-prefix matching and taken together (more than one /8 of public space), "
        + "lead to no exit that skips the firewall (an internet, NAT, egress-only, transit, virtual private, carrier or local gateway, a "
        + "network interface or instance doing NAT, a peering connection or a core network), and a route to the firewall endpoint does not "
        + "lead through a firewall that passes traffic off its allowlist onward to an exit; the message names the whole path.",
    step: "mining",
    severity: "critical",
    remediationSteps: "In the node subnets' route table, point 0.0.0.0/0 at the Network Firewall endpoint (vpcEndpointId) and put the NAT gateway behind the firewall subnet, or remove the default route entirely and use VPC endpoints (egress mode \"sealed\"). Never route node subnets' 0.0.0.0/0 or ::/0 to gatewayId (igw-...), natGatewayId or egressOnlyGatewayId.",
    url: "https://docs.aws.amazon.com/network-firewall/latest/developerguide/arch-igw-ngw.html",
    framework: eksBestPractices("network", "Network policy; restrict egress from worker nodes"),
    references: ["EKS-BP hosts: Deploy workers onto private subnets", "anchors A6 rows 44-45 (no NAT path that skips the firewall)"],
    check: ({ args, reads, report }) => {
        // One finding per route that starts an escape; the other subnets sharing that route are named in it.
        const byRoute = new Map<string, EscapePath[]>();
        for (const e of subnetEscapes(args.resources, reads)) {
            const key = `${e.on.on.urn}|${e.on.field}|${e.kind}`;
            byRoute.set(key, [...(byRoute.get(key) ?? []), e]);
        }
        for (const [first, ...others] of byRoute.values()) {
            const also = others.length > 0 ? ` (also from subnet${others.length > 1 ? "s" : ""} ${others.map((o) => o.subnet.name).join(", ")})` : "";
            const fix = first!.kind === "direct"
                ? "route it to the Network Firewall endpoint (vpcEndpointId) or remove it and use VPC endpoints"
                : "make the firewall drop by default and pass only the allowlist (require-firewall-default-drop, disallow-firewall-pass-all-rules)";
            report(first!.on.on, `escaping path: ${first!.path}${also}, past the firewall; ${fix}`);
        }
    },
});
