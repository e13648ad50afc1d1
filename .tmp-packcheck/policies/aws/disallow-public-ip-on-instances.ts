import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS, INSTANCE_LAUNCH_TYPES } from "../../lib/aws-types";
import { cisEks } from "../../lib/frameworks";
import { asBool, hasValue } from "../../lib/values";

/**
 * Worker nodes and other instances get no public IP address, so nothing on the internet can reach their kubelet,
 * SSH or any node port, and nothing on them can bypass the egress firewall through the internet gateway.
 */
export const disallowPublicIpOnInstances = resourcePolicy({
    name: "disallow-public-ip-on-instances",
    description: "Launch templates, launch configurations, instances and spot requests never assign a public IP address.",
    step: "console",
    severity: "high",
    remediationSteps: "Set networkInterfaces[*].associatePublicIpAddress to \"false\" on launch templates, and associatePublicIpAddress to false on instances, spot requests and launch configurations; launch into private subnets (give instances a subnetId so they never land in the default VPC).",
    url: "https://docs.aws.amazon.com/eks/latest/best-practices/protecting-the-infrastructure.html",
    framework: cisEks("5.4.3", "Ensure clusters are created with Private Nodes"),
    references: ["CIS EKS 5.4.3", "EKS-BP hosts: Deploy workers onto private subnets", "CKV_AWS_88", "CKV_AWS_389"],
    types: INSTANCE_LAUNCH_TYPES,
    check: ({ args, reads, report }) => {
        const p = args.props;
        if (args.type === AWS.launchTemplate) {
            const nics = reads.get("networkInterfaces", () => p.networkInterfaces);
            if (!Array.isArray(nics)) return;
            nics.forEach((_, i) => {
                const v = reads.get(`networkInterfaces[${i}].associatePublicIpAddress`, () => nics[i]?.associatePublicIpAddress);
                if (v !== UNKNOWN && asBool(v) === true) {
                    report(`networkInterfaces[${i}].associatePublicIpAddress is "true"; set it to "false" so nodes get no public address`);
                }
            });
            return;
        }
        const v = reads.get("associatePublicIpAddress", () => p.associatePublicIpAddress);
        if (v === UNKNOWN) return;
        if (asBool(v) === true) {
            report("associatePublicIpAddress is true; set it to false and launch into a private subnet");
            return;
        }
        // An instance with no subnet, interface or launch template lands in the default VPC, whose default
        // subnets map a public IP on launch.
        const standalone = args.type === AWS.instance || args.type === AWS.spotInstanceRequest;
        if (standalone && v === undefined && !hasValue(p, "subnetId") && !hasValue(p, "networkInterfaces") && !hasValue(p, "launchTemplate")) {
            report("subnetId is unset, so the instance launches into the default VPC, whose default subnets assign public IPs; set subnetId to a private subnet and associatePublicIpAddress to false");
        }
    },
});
