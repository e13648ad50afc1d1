"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowPublicIpSubnets = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/**
 * No subnet hands out public IPs on its own: otherwise any instance launched there (a node group without an
 * explicit interface setting, a debugging instance) becomes reachable from the internet without anyone asking.
 */
exports.disallowPublicIpSubnets = (0, policy_1.resourcePolicy)({
    name: "disallow-public-ip-subnets",
    description: "Subnets do not map public IP addresses on launch (mapPublicIpOnLaunch is false; default subnets set it explicitly).",
    step: "console",
    severity: "high",
    remediationSteps: "Set mapPublicIpOnLaunch to false on aws.ec2.Subnet (and explicitly on aws.ec2.DefaultSubnet, whose AWS default is true). NAT gateways and load balancers get Elastic IPs explicitly and do not need it.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html",
    framework: (0, frameworks_1.cisEks)("5.4.3", "Ensure clusters are created with Private Nodes"),
    references: ["CIS EKS 5.4.3", "EKS-BP hosts: Deploy workers onto private subnets", "CKV_AWS_130"],
    types: [aws_types_1.AWS.subnet, aws_types_1.AWS.defaultSubnet],
    check: ({ args, reads, report }) => {
        const v = reads.get("mapPublicIpOnLaunch", () => args.props.mapPublicIpOnLaunch);
        if (v === unknowns_1.UNKNOWN)
            return;
        if ((0, values_1.asBool)(v) === true) {
            report("mapPublicIpOnLaunch is true; set it to false so instances launched here get no public IP");
        }
        else if (v === undefined && args.type === aws_types_1.AWS.defaultSubnet) {
            report("mapPublicIpOnLaunch is unset on a default subnet, where AWS defaults it to true; set it to false");
        }
    },
});
//# sourceMappingURL=disallow-public-ip-subnets.js.map