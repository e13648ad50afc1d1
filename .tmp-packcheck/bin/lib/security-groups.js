"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RULE_TYPES = void 0;
exports.rulesOf = rulesOf;
exports.isAllProtocols = isAllProtocols;
exports.isTcp = isTcp;
const aws_types_1 = require("./aws-types");
const unknowns_1 = require("./unknowns");
exports.RULE_TYPES = [aws_types_1.AWS.securityGroup, aws_types_1.AWS.defaultSecurityGroup, aws_types_1.AWS.securityGroupRule, aws_types_1.AWS.securityGroupIngressRule, aws_types_1.AWS.securityGroupEgressRule];
function list(reads, path, fn) {
    const v = reads.snapshot(path, fn);
    if (v === unknowns_1.UNKNOWN)
        return [unknowns_1.UNKNOWN];
    if (v === undefined || v === null)
        return [];
    return (Array.isArray(v) ? v : [v]);
}
/** The rules of one resource in one direction; `UNKNOWN` when even the list of rules is unknown. */
function rulesOf(args, reads, direction) {
    const p = args.props;
    switch (args.type) {
        case aws_types_1.AWS.securityGroup:
        case aws_types_1.AWS.defaultSecurityGroup: {
            const blocks = reads.get(direction, () => p[direction]);
            if (blocks === unknowns_1.UNKNOWN)
                return unknowns_1.UNKNOWN;
            if (!Array.isArray(blocks))
                return [];
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
        case aws_types_1.AWS.securityGroupRule: {
            const type = reads.get("type", () => p.type);
            if (type === unknowns_1.UNKNOWN)
                return unknowns_1.UNKNOWN;
            if (type !== direction)
                return [];
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
        case aws_types_1.AWS.securityGroupIngressRule:
        case aws_types_1.AWS.securityGroupEgressRule: {
            if ((args.type === aws_types_1.AWS.securityGroupIngressRule) !== (direction === "ingress"))
                return [];
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
function isAllProtocols(protocol) {
    return protocol === "-1" || protocol === -1 || (typeof protocol === "string" && protocol.toLowerCase() === "all");
}
function isTcp(protocol) {
    return protocol === "6" || protocol === 6 || (typeof protocol === "string" && protocol.toLowerCase() === "tcp");
}
//# sourceMappingURL=security-groups.js.map