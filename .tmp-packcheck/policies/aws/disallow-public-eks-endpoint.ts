import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { isInternetWide, parseCidr, withinAllowlist } from "../../lib/cidr";
import { configWithDefaults, stringList, stringListSchema } from "../../lib/config";
import { cisEks } from "../../lib/frameworks";
import { asBool, show } from "../../lib/values";

/** Broadest public-endpoint range accepted even when it is in the allowlist: a /16 is already 65,536 addresses. */
export const BROADEST_PUBLIC_API_PREFIX = 16;

/**
 * The Kubernetes API is not reachable from the internet: the EKS public endpoint is off, or (escape hatch) on only
 * for configured office/VPN ranges. Tesla's console was reachable by anyone; an API server is the same door.
 */
export const disallowPublicEksEndpoint = resourcePolicy({
    name: "disallow-public-eks-endpoint",
    description: "The EKS API server endpoint is private, or public only for explicitly allowed CIDRs no broader than /16.",
    step: "console",
    severity: "critical",
    remediationSteps: "Set vpcConfig.endpointPublicAccess to false and vpcConfig.endpointPrivateAccess to true, and reach the API from inside the VPC (SSM, VPN, CI runners in the VPC). If a public endpoint is unavoidable, list only allowed ranges in vpcConfig.publicAccessCidrs and add them to this policy's allowedPublicApiCidrs.",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
    framework: cisEks("5.4.2", "Ensure clusters are created with Private Endpoint Enabled and Public Access Disabled"),
    references: ["CIS EKS 5.4.1", "CIS EKS 5.4.2", "EKS-BP iam: Make the EKS Cluster Endpoint private", "CKV_AWS_39", "CKV_AWS_38"],
    configSchema: stringListSchema({
        allowedPublicApiCidrs: {
            description: "CIDRs the public API endpoint may be opened to (office or VPN egress ranges). Empty: no public endpoint at all.",
            default: [],
        },
    }),
    types: [AWS.eksCluster],
    check: ({ args, reads, report }) => {
        const allowlist = stringList(configWithDefaults(args.getConfig(), { allowedPublicApiCidrs: [] as string[] }).allowedPublicApiCidrs);
        const publicAccess = reads.get("vpcConfig.endpointPublicAccess", () => args.props.vpcConfig?.endpointPublicAccess);
        if (publicAccess === UNKNOWN) return;
        if (asBool(publicAccess) === false) return;
        const shown = publicAccess === undefined ? "unset (AWS treats an unset endpointPublicAccess as true)" : "true";
        if (allowlist.length === 0) {
            report(`vpcConfig.endpointPublicAccess is ${shown}; set it to false and reach the API privately (no public API CIDRs are allowed by this policy's allowedPublicApiCidrs)`);
            return;
        }
        const cidrs = reads.snapshot("vpcConfig.publicAccessCidrs", () => args.props.vpcConfig?.publicAccessCidrs);
        if (cidrs === UNKNOWN) return;
        if (cidrs === undefined || (Array.isArray(cidrs) && cidrs.length === 0)) {
            report(`vpcConfig.endpointPublicAccess is ${shown} and vpcConfig.publicAccessCidrs is ${show(cidrs)}, which EKS reads as 0.0.0.0/0; set endpointPublicAccess to false, or list only allowed CIDRs (${allowlist.join(", ")})`);
            return;
        }
        if (!Array.isArray(cidrs)) {
            report(`vpcConfig.publicAccessCidrs is ${show(cidrs)}, not a list of CIDRs; list only allowed CIDRs (${allowlist.join(", ")}) or set endpointPublicAccess to false`);
            return;
        }
        const bad: string[] = [];
        for (const c of cidrs) {
            if (c === UNKNOWN) continue;
            const parsed = parseCidr(c);
            if (typeof c !== "string" || !parsed) bad.push(`${show(c)} (not a CIDR)`);
            else if (isInternetWide(c) || parsed.prefix === 0) bad.push(`${c} (the whole internet)`);
            else if (parsed.version === 6) bad.push(`${c} (IPv6 ranges are not accepted)`);
            else if (parsed.prefix < BROADEST_PUBLIC_API_PREFIX) bad.push(`${c} (broader than /${BROADEST_PUBLIC_API_PREFIX})`);
            else if (!withinAllowlist(c, allowlist)) bad.push(`${c} (not in allowedPublicApiCidrs)`);
        }
        if (bad.length > 0) {
            report(`vpcConfig.publicAccessCidrs opens the public API endpoint to ${bad.join(", ")}; remove them and list only CIDRs inside allowedPublicApiCidrs (${allowlist.join(", ")}), or set vpcConfig.endpointPublicAccess to false`);
        }
    },
});
