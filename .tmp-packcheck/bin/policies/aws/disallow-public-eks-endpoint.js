"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowPublicEksEndpoint = exports.BROADEST_PUBLIC_API_PREFIX = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const cidr_1 = require("../../lib/cidr");
const config_1 = require("../../lib/config");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/** Broadest public-endpoint range accepted even when it is in the allowlist: a /16 is already 65,536 addresses. */
exports.BROADEST_PUBLIC_API_PREFIX = 16;
/**
 * The Kubernetes API is not reachable from the internet: the EKS public endpoint is off, or (escape hatch) on only
 * for configured office/VPN ranges. Tesla's console was reachable by anyone; an API server is the same door.
 */
exports.disallowPublicEksEndpoint = (0, policy_1.resourcePolicy)({
    name: "disallow-public-eks-endpoint",
    description: "The EKS API server endpoint is private, or public only for explicitly allowed CIDRs no broader than /16.",
    step: "console",
    severity: "critical",
    remediationSteps: "Set vpcConfig.endpointPublicAccess to false and vpcConfig.endpointPrivateAccess to true, and reach the API from inside the VPC (SSM, VPN, CI runners in the VPC). If a public endpoint is unavoidable, list only allowed ranges in vpcConfig.publicAccessCidrs and add them to this policy's allowedPublicApiCidrs.",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
    framework: (0, frameworks_1.cisEks)("5.4.2", "Ensure clusters are created with Private Endpoint Enabled and Public Access Disabled"),
    references: ["CIS EKS 5.4.1", "CIS EKS 5.4.2", "EKS-BP iam: Make the EKS Cluster Endpoint private", "CKV_AWS_39", "CKV_AWS_38"],
    configSchema: (0, config_1.stringListSchema)({
        allowedPublicApiCidrs: {
            description: "CIDRs the public API endpoint may be opened to (office or VPN egress ranges). Empty: no public endpoint at all.",
            default: [],
        },
    }),
    types: [aws_types_1.AWS.eksCluster],
    check: ({ args, reads, report }) => {
        const allowlist = (0, config_1.stringList)((0, config_1.configWithDefaults)(args.getConfig(), { allowedPublicApiCidrs: [] }).allowedPublicApiCidrs);
        const publicAccess = reads.get("vpcConfig.endpointPublicAccess", () => args.props.vpcConfig?.endpointPublicAccess);
        if (publicAccess === unknowns_1.UNKNOWN)
            return;
        if ((0, values_1.asBool)(publicAccess) === false)
            return;
        const shown = publicAccess === undefined ? "unset (AWS treats an unset endpointPublicAccess as true)" : "true";
        if (allowlist.length === 0) {
            report(`vpcConfig.endpointPublicAccess is ${shown}; set it to false and reach the API privately (no public API CIDRs are allowed by this policy's allowedPublicApiCidrs)`);
            return;
        }
        const cidrs = reads.snapshot("vpcConfig.publicAccessCidrs", () => args.props.vpcConfig?.publicAccessCidrs);
        if (cidrs === unknowns_1.UNKNOWN)
            return;
        if (cidrs === undefined || (Array.isArray(cidrs) && cidrs.length === 0)) {
            report(`vpcConfig.endpointPublicAccess is ${shown} and vpcConfig.publicAccessCidrs is ${(0, values_1.show)(cidrs)}, which EKS reads as 0.0.0.0/0; set endpointPublicAccess to false, or list only allowed CIDRs (${allowlist.join(", ")})`);
            return;
        }
        if (!Array.isArray(cidrs)) {
            report(`vpcConfig.publicAccessCidrs is ${(0, values_1.show)(cidrs)}, not a list of CIDRs; list only allowed CIDRs (${allowlist.join(", ")}) or set endpointPublicAccess to false`);
            return;
        }
        const bad = [];
        for (const c of cidrs) {
            if (c === unknowns_1.UNKNOWN)
                continue;
            const parsed = (0, cidr_1.parseCidr)(c);
            if (typeof c !== "string" || !parsed)
                bad.push(`${(0, values_1.show)(c)} (not a CIDR)`);
            else if ((0, cidr_1.isInternetWide)(c) || parsed.prefix === 0)
                bad.push(`${c} (the whole internet)`);
            else if (parsed.version === 6)
                bad.push(`${c} (IPv6 ranges are not accepted)`);
            else if (parsed.prefix < exports.BROADEST_PUBLIC_API_PREFIX)
                bad.push(`${c} (broader than /${exports.BROADEST_PUBLIC_API_PREFIX})`);
            else if (!(0, cidr_1.withinAllowlist)(c, allowlist))
                bad.push(`${c} (not in allowedPublicApiCidrs)`);
        }
        if (bad.length > 0) {
            report(`vpcConfig.publicAccessCidrs opens the public API endpoint to ${bad.join(", ")}; remove them and list only CIDRs inside allowedPublicApiCidrs (${allowlist.join(", ")}), or set vpcConfig.endpointPublicAccess to false`);
        }
    },
});
//# sourceMappingURL=disallow-public-eks-endpoint.js.map