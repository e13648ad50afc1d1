/**
 * Security group rules as one shape, whichever way a program writes them: inline `ingress`/`egress` blocks on
 * aws.ec2.SecurityGroup / DefaultSecurityGroup, aws.ec2.SecurityGroupRule, or aws.vpc.SecurityGroup{Ingress,Egress}Rule.
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import { AWS } from "./aws-types";
import { Maybe, Reads, UNKNOWN } from "./unknowns";

export type Direction = "ingress" | "egress";

export interface RuleView {
    /** Field path of the rule in the resource's inputs, e.g. `egress[0]`, or `` for a rule resource. */
    at: string;
    /** Field names for messages, e.g. `egress[0].cidrBlocks`. */
    cidrField: string;
    /** CIDRs of the rule (IPv4 and IPv6), UNKNOWN where unknown. */
    cidrs: () => Maybe<unknown>[];
    /** Protocol and port range, read only when a verdict needs them. */
    ports: () => { protocol: Maybe<unknown>; from: Maybe<unknown>; to: Maybe<unknown> };
}

export const RULE_TYPES = [AWS.securityGroup, AWS.defaultSecurityGroup, AWS.securityGroupRule, AWS.securityGroupIngressRule, AWS.securityGroupEgressRule];

function list(reads: Reads, path: string, fn: () => unknown): Maybe<unknown>[] {
    const v = reads.snapshot(path, fn);
    if (v === UNKNOWN) return [UNKNOWN];
    if (v === undefined || v === null) return [];
    return (Array.isArray(v) ? v : [v]) as Maybe<unknown>[];
}

/** The rules of one resource in one direction; `UNKNOWN` when even the list of rules is unknown. */
export function rulesOf(args: ResourceValidationArgs, reads: Reads, direction: Direction): Maybe<RuleView[]> {
    const p = args.props;
    switch (args.type) {
        case AWS.securityGroup:
        case AWS.defaultSecurityGroup: {
            const blocks = reads.get(direction, () => p[direction]);
            if (blocks === UNKNOWN) return UNKNOWN;
            if (!Array.isArray(blocks)) return [];
            return blocks.map((_, i) => {
                const at = `${direction}[${i}]`;
                return {
                    at,
                    cidrField: `${at}.cidrBlocks/ipv6CidrBlocks`,
                    cidrs: () => [
                        ...list(reads, `${at}.cidrBlocks`, () => blocks[i]?.cidrBlocks),
                        ...list(reads, `${at}.ipv6CidrBlocks`, () => blocks[i]?.ipv6CidrBlocks),
                    ],
                    ports: () => ({
                        protocol: reads.get(`${at}.protocol`, () => blocks[i]?.protocol),
                        from: reads.get(`${at}.fromPort`, () => blocks[i]?.fromPort),
                        to: reads.get(`${at}.toPort`, () => blocks[i]?.toPort),
                    }),
                };
            });
        }
        case AWS.securityGroupRule: {
            const type = reads.get("type", () => p.type);
            if (type === UNKNOWN) return UNKNOWN;
            if (type !== direction) return [];
            return [{
                at: "",
                cidrField: "cidrBlocks/ipv6CidrBlocks",
                cidrs: () => [...list(reads, "cidrBlocks", () => p.cidrBlocks), ...list(reads, "ipv6CidrBlocks", () => p.ipv6CidrBlocks)],
                ports: () => ({
                    protocol: reads.get("protocol", () => p.protocol),
                    from: reads.get("fromPort", () => p.fromPort),
                    to: reads.get("toPort", () => p.toPort),
                }),
            }];
        }
        case AWS.securityGroupIngressRule:
        case AWS.securityGroupEgressRule: {
            if ((args.type === AWS.securityGroupIngressRule) !== (direction === "ingress")) return [];
            return [{
                at: "",
                cidrField: "cidrIpv4/cidrIpv6",
                cidrs: () => [...list(reads, "cidrIpv4", () => p.cidrIpv4), ...list(reads, "cidrIpv6", () => p.cidrIpv6)],
                ports: () => ({
                    protocol: reads.get("ipProtocol", () => p.ipProtocol),
                    from: reads.get("fromPort", () => p.fromPort),
                    to: reads.get("toPort", () => p.toPort),
                }),
            }];
        }
        default:
            return [];
    }
}

/** Protocol names and numbers EC2 accepts for "every protocol". */
export function isAllProtocols(protocol: unknown): boolean {
    return protocol === "-1" || protocol === -1 || (typeof protocol === "string" && protocol.toLowerCase() === "all");
}

export function isTcp(protocol: unknown): boolean {
    return protocol === "6" || protocol === 6 || (typeof protocol === "string" && protocol.toLowerCase() === "tcp");
}
