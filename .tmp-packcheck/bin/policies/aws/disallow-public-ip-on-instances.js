"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowPublicIpOnInstances = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/**
 * Worker nodes and other instances get no public IP address, so nothing on the internet can reach their kubelet,
 * SSH or any node port, and nothing on them can bypass the egress firewall through the internet gateway.
 */
exports.disallowPublicIpOnInstances = (0, policy_1.resourcePolicy)({
    name: "disallow-public-ip-on-instances",
    description: "Launch templates, launch configurations, instances and spot requests never assign a public IP address.",
    step: "console",
    severity: "high",
    remediationSteps: "Set networkInterfaces[*].associatePublicIpAddress to \"false\" on launch templates, and associatePublicIpAddress to false on instances, spot requests and launch configurations; launch into private subnets (give instances a subnetId so they never land in the default VPC).",
    url: "https://docs.aws.amazon.com/eks/latest/best-practices/protecting-the-infrastructure.html",
    framework: (0, frameworks_1.cisEks)("5.4.3", "Ensure clusters are created with Private Nodes"),
    references: ["CIS EKS 5.4.3", "EKS-BP hosts: Deploy workers onto private subnets", "CKV_AWS_88", "CKV_AWS_389"],
    types: aws_types_1.INSTANCE_LAUNCH_TYPES,
    check: ({ args, reads, report }) => {
        const p = args.props;
        if (args.type === aws_types_1.AWS.launchTemplate) {
            const nics = reads.get("networkInterfaces", () => p.networkInterfaces);
            if (!Array.isArray(nics))
                return;
            nics.forEach((_, i) => {
                const v = reads.get(`networkInterfaces[${i}].associatePublicIpAddress`, () => nics[i]?.associatePublicIpAddress);
                if (v !== unknowns_1.UNKNOWN && (0, values_1.asBool)(v) === true) {
                    report(`networkInterfaces[${i}].associatePublicIpAddress is "true"; set it to "false" so nodes get no public address`);
                }
            });
            return;
        }
        const v = reads.get("associatePublicIpAddress", () => p.associatePublicIpAddress);
        if (v === unknowns_1.UNKNOWN)
            return;
        if ((0, values_1.asBool)(v) === true) {
            report("associatePublicIpAddress is true; set it to false and launch into a private subnet");
            return;
        }
        // An instance with no subnet, interface or launch template lands in the default VPC, whose default
        // subnets map a public IP on launch.
        const standalone = args.type === aws_types_1.AWS.instance || args.type === aws_types_1.AWS.spotInstanceRequest;
        if (standalone && v === undefined && !(0, values_1.hasValue)(p, "subnetId") && !(0, values_1.hasValue)(p, "networkInterfaces") && !(0, values_1.hasValue)(p, "launchTemplate")) {
            report("subnetId is unset, so the instance launches into the default VPC, whose default subnets assign public IPs; set subnetId to a private subnet and associatePublicIpAddress to false");
        }
    },
});
//# sourceMappingURL=disallow-public-ip-on-instances.js.map