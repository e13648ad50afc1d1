import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { cisEks } from "../../lib/frameworks";
import { asBool } from "../../lib/values";

/**
 * No subnet hands out public IPs on its own: otherwise any instance launched there (a node group without an
 * explicit interface setting, a debugging instance) becomes reachable from the internet without anyone asking.
 */
export const disallowPublicIpSubnets = resourcePolicy({
    name: "disallow-public-ip-subnets",
    description: "Subnets do not map public IP addresses on launch (mapPublicIpOnLaunch is false; default subnets set it explicitly).",
    step: "console",
    severity: "high",
    remediationSteps: "Set mapPublicIpOnLaunch to false on aws.ec2.Subnet (and explicitly on aws.ec2.DefaultSubnet, whose AWS default is true). NAT gateways and load balancers get Elastic IPs explicitly and do not need it.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html",
    framework: cisEks("5.4.3", "Ensure clusters are created with Private Nodes"),
    references: ["CIS EKS 5.4.3", "EKS-BP hosts: Deploy workers onto private subnets", "CKV_AWS_130"],
    types: [AWS.subnet, AWS.defaultSubnet],
    check: ({ args, reads, report }) => {
        const v = reads.get("mapPublicIpOnLaunch", () => args.props.mapPublicIpOnLaunch);
        if (v === UNKNOWN) return;
        if (asBool(v) === true) {
            report("mapPublicIpOnLaunch is true; set it to false so instances launched here get no public IP");
        } else if (v === undefined && args.type === AWS.defaultSubnet) {
            report("mapPublicIpOnLaunch is unset on a default subnet, where AWS defaults it to true; set it to false");
        }
    },
});
