import type { PolicyResource } from "@pulumi/policy";
import { AWS, SECURITY_GROUP_TYPES } from "../../lib/aws-types";
import { isInternetWide } from "../../lib/cidr";
import { configWithDefaults } from "../../lib/config";
import { checkov } from "../../lib/frameworks";
import { internetWideUnion } from "../../lib/ip-union";
import { PREFIX_LIST, prefixListContents } from "../../lib/prefix-lists";
import { stackPolicy } from "../../lib/policy";
import { label, sources } from "../../lib/stack";
import { UNKNOWN } from "../../lib/unknowns";
import { asList, isObject } from "../../lib/values";
import { DEFAULT_INTERNET_EGRESS_PORTS, onlyAllowedPorts } from "./disallow-internet-egress";

const VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

/**
 * Literal prefix-list ids a rule names whose entries the stack does not declare: not computed from a ManagedPrefixList
 * of the stack nor from a gateway VPC endpoint's prefixListId (S3, DynamoDB: AWS service ranges reached through the
 * endpoint). Such a list may be AWS-managed and public (com.amazonaws.global.cloudfront.origin-facing holds CloudFront's
 * edge ranges, the CDN a miner hides its pool behind) or another account's; its entries are not in the preview.
 */
function undeclaredLists(ids: () => unknown[], deps: readonly PolicyResource[], trusted: readonly string[]): string[] {
    // Read the ids only then: a list from the stack has an id unknown in the preview, which decides nothing here.
    if (deps.some((d) => d.type === PREFIX_LIST || d.type === VPC_ENDPOINT)) return [];
    return strings(ids()).filter((id) => id.startsWith("pl-") && !trusted.includes(id));
}

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
        + "the message names each rule and prefix list on the escaping path. Egress on those ports to a prefix list the stack does not declare "
        + "(its entries are not in the preview) is refused unless listed in trustedPrefixListIds.",
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
            trustedPrefixListIds: {
                type: "array", items: { type: "string", pattern: "^pl-[0-9a-f]+$" }, default: [],
                description: "Prefix lists the stack does not declare (AWS-managed or shared ones) whose entries you have checked hold no "
                    + "internet-wide space; egress to any other undeclared list on ports outside allowedInternetEgressPorts is refused, "
                    + "since the preview cannot show its entries.",
            },
        },
    },
    check: ({ args, reads, report }) => {
        const raw = configWithDefaults(args.getConfig(), { allowedInternetEgressPorts: DEFAULT_INTERNET_EGRESS_PORTS }).allowedInternetEgressPorts;
        const allowed = Array.isArray(raw) ? raw.filter((x): x is number => Number.isInteger(x)) : DEFAULT_INTERNET_EGRESS_PORTS;
        const trustedRaw = configWithDefaults(args.getConfig(), { trustedPrefixListIds: [] as string[] }).trustedPrefixListIds;
        const trusted = Array.isArray(trustedRaw) ? strings(trustedRaw) : [];
        const unseen: { r: PolicyResource; via: string; ids: string[] }[] = [];
        const lists = prefixListContents(args.resources, reads);
        const groups = new Map<string, { sg: PolicyResource; dests: Destination[] }>();
        const add = (sg: PolicyResource, dests: Destination[]) => {
            const g = groups.get(sg.urn) ?? { sg, dests: [] };
            g.dests.push(...dests);
            groups.set(sg.urn, g);
        };
        const destinations = (r: PolicyResource, via: string, cidrs: unknown[], listProp: string, ports: [unknown, unknown, unknown], listIds: () => unknown[]): Destination[] => {
            if (onlyAllowedPorts(...ports, allowed) !== false) return [];
            const ids = undeclaredLists(listIds, sources(r, listProp), trusted);
            if (ids.length > 0) unseen.push({ r, via, ids });
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
                    [...asList(e.cidrBlocks), ...asList(e.ipv6CidrBlocks)], "egress", [e.protocol, e.fromPort, e.toPort], () => asList(e.prefixListIds))));
            } else if (r.type === AWS.securityGroupRule || r.type === AWS.securityGroupEgressRule) {
                if (r.type === AWS.securityGroupRule && rd.get("type", () => r.props.type) !== "egress") continue;
                const p = (k: string) => rd.get(k, () => r.props[k]);
                const v1 = r.type === AWS.securityGroupRule;
                const dests = destinations(r, `rule ${r.name}`, v1 ? [...asList(p("cidrBlocks")), ...asList(p("ipv6CidrBlocks"))] : [p("cidrIpv4"), p("cidrIpv6")],
                    v1 ? "prefixListIds" : "prefixListId", [p(v1 ? "protocol" : "ipProtocol"), p("fromPort"), p("toPort")],
                    () => (v1 ? asList(p("prefixListIds")) : [p("prefixListId")]));
                for (const sg of sources(r, "securityGroupId", SECURITY_GROUP_TYPES)) add(sg, dests);
            }
        }
        for (const { r, via, ids } of unseen) {
            report(r, `${via} sends traffic on ports other than ${allowed.join(", ")} to prefix list ${ids.join(", ")}, whose entries the stack does `
                + "not declare, so the preview cannot show whether they cover the internet (AWS-managed lists such as "
                + "com.amazonaws.global.cloudfront.origin-facing do); declare the list in the program, reach the service through its gateway "
                + "endpoint, or, after checking its entries, add it to trustedPrefixListIds.");
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
