import type { PolicyResource } from "@pulumi/policy";
import { AWS, SECURITY_GROUP_TYPES } from "../../lib/aws-types";
import { isInternetWide } from "../../lib/cidr";
import { configWithDefaults } from "../../lib/config";
import { checkov } from "../../lib/frameworks";
import { internetWideUnion } from "../../lib/ip-union";
import { stackPolicy } from "../../lib/policy";
import { label, sources } from "../../lib/stack";
import { Reads, UNKNOWN } from "../../lib/unknowns";
import { asList, isObject } from "../../lib/values";
import { DEFAULT_INTERNET_EGRESS_PORTS, onlyAllowedPorts } from "./disallow-internet-egress";

const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
const PREFIX_LIST_ENTRY = "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry";

interface Destination {
    cidr: string;
    /** The escaping path to it, for the message: `egress[0]` or `rule x -> prefix list y`. */
    via: string;
    /** Came from a prefix list's contents, which no per-rule policy reads. */
    listed: boolean;
}

function strings(v: unknown): string[] {
    return asList(v).filter((x): x is string => typeof x === "string");
}

/** CIDRs of each prefix list the stack declares (inline entries and ManagedPrefixListEntry resources), by URN. */
function prefixListContents(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of resources) {
        if (r.type === PREFIX_LIST) {
            const entries = reads(r).snapshot("entries", () => r.props.entries);
            const cidrs = entries === UNKNOWN ? [] : asList(entries).filter(isObject).map((e) => e.cidr).filter((c): c is string => typeof c === "string");
            out.set(r.urn, [...(out.get(r.urn) ?? []), ...cidrs]);
        } else if (r.type === PREFIX_LIST_ENTRY) {
            const cidr = reads(r).get("cidr", () => r.props.cidr);
            if (typeof cidr !== "string") continue;
            for (const list of sources(r, "prefixListId", [PREFIX_LIST])) out.set(list.urn, [...(out.get(list.urn) ?? []), cidr]);
        }
    }
    return out;
}

/**
 * No security group opens the internet in pieces. disallow-internet-egress judges each rule's own range; a miner
 * needs only the union: `0.0.0.0/1` and `128.0.0.0/1` in two rules, or a managed prefix list holding them, open every
 * pool on every port while no single range is broader than /8. Ranges on the allowed internet ports (HTTPS, which
 * the firewall filters) do not count. Judged on the values known in the preview.
 */
export const disallowInternetWideEgressUnion = stackPolicy({
    name: "disallow-internet-wide-egress-union",
    description: "No security group's egress rules (inline, rule resources, and the contents of the managed prefix lists they reference) "
        + "together open more than one /8 of public IPv4 (or /16 of IPv6) on ports other than allowedInternetEgressPorts (default 443); "
        + "the message names each rule and prefix list on the escaping path.",
    step: "mining",
    severity: "critical",
    remediationSteps: "Limit egress to the VPC CIDR, referenced security groups and the AWS service prefix lists; internet-bound traffic "
        + "leaves on TCP 443 only, through the firewall. Remove prefix-list entries that cover public space (0.0.0.0/1, 128.0.0.0/1, "
        + "lists of public /8s).",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html",
    framework: checkov("CKV_AWS_382", "Ensure no security groups allow egress from 0.0.0.0:0 to port -1"),
    references: ["EKS-BP network: Security groups", "CKV_AWS_382"],
    configSchema: {
        properties: {
            allowedInternetEgressPorts: {
                type: "array", items: { type: "integer", minimum: 1, maximum: 65535 }, default: DEFAULT_INTERNET_EGRESS_PORTS,
                description: "TCP ports whose egress does not count toward the union (their traffic goes through the egress firewall).",
            },
        },
    },
    check: ({ args, reads, report }) => {
        const raw = configWithDefaults(args.getConfig(), { allowedInternetEgressPorts: DEFAULT_INTERNET_EGRESS_PORTS }).allowedInternetEgressPorts;
        const allowed = Array.isArray(raw) ? raw.filter((x): x is number => Number.isInteger(x)) : DEFAULT_INTERNET_EGRESS_PORTS;
        const lists = prefixListContents(args.resources, reads);
        const groups = new Map<string, { sg: PolicyResource; dests: Destination[] }>();
        const add = (sg: PolicyResource, dests: Destination[]) => {
            const g = groups.get(sg.urn) ?? { sg, dests: [] };
            g.dests.push(...dests);
            groups.set(sg.urn, g);
        };
        const destinations = (r: PolicyResource, via: string, cidrs: unknown[], listProp: string, ports: [unknown, unknown, unknown]): Destination[] => {
            if (onlyAllowedPorts(...ports, allowed) !== false) return [];
            const out: Destination[] = strings(cidrs).map((cidr) => ({ cidr, via, listed: false }));
            for (const list of sources(r, listProp, [PREFIX_LIST])) {
                for (const cidr of lists.get(list.urn) ?? []) out.push({ cidr, via: `${via} -> prefix list ${list.name}`, listed: true });
            }
            return out;
        };
        for (const r of args.resources) {
            const rd = reads(r);
            if ((SECURITY_GROUP_TYPES as readonly string[]).includes(r.type)) {
                const egress = rd.snapshot("egress", () => r.props.egress);
                if (egress === UNKNOWN) continue;
                asList(egress).filter(isObject).forEach((e, i) => add(r, destinations(r, `${label(r)} egress[${i}]`,
                    [...asList(e.cidrBlocks), ...asList(e.ipv6CidrBlocks)], "egress", [e.protocol, e.fromPort, e.toPort])));
            } else if (r.type === AWS.securityGroupRule || r.type === AWS.securityGroupEgressRule) {
                if (r.type === AWS.securityGroupRule && rd.get("type", () => r.props.type) !== "egress") continue;
                const p = (k: string) => rd.get(k, () => r.props[k]);
                const v1 = r.type === AWS.securityGroupRule;
                const dests = destinations(r, `rule ${r.name}`, v1 ? [...asList(p("cidrBlocks")), ...asList(p("ipv6CidrBlocks"))] : [p("cidrIpv4"), p("cidrIpv6")],
                    v1 ? "prefixListIds" : "prefixListId", [p(v1 ? "protocol" : "ipProtocol"), p("fromPort"), p("toPort")]);
                for (const sg of sources(r, "securityGroupId", SECURITY_GROUP_TYPES)) add(sg, dests);
            }
        }
        for (const { sg, dests } of groups.values()) {
            // A rule's own range broader than /8 is disallow-internet-egress's finding already; prefix-list contents are not.
            if (dests.some((d) => !d.listed && isInternetWide(d.cidr))) continue;
            const wide = internetWideUnion(dests.map((d) => d.cidr));
            if (!wide) continue;
            const paths = [...new Set(dests.map((d) => d.via))];
            report(sg, `egress opens ${wide}: escaping paths ${paths.slice(0, 4).join("; ")}${paths.length > 4 ? ` and ${paths.length - 4} more` : ""} `
                + `(${dests.length} ranges on ports other than ${allowed.join(", ")}); limit them to the VPC, AWS prefix lists or HTTPS through the firewall.`);
        }
    },
});
