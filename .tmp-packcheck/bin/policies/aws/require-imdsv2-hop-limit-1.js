"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireImdsv2HopLimit1 = void 0;
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
const aws_types_1 = require("../../lib/aws-types");
const frameworks_1 = require("../../lib/frameworks");
const values_1 = require("../../lib/values");
/**
 * Instance metadata answers only IMDSv2 (session token) requests, with a PUT hop limit of 1, so a pod (one network
 * hop further away) cannot fetch the node role's credentials and SSRF-style GETs get nothing. Unset options count
 * as the weak defaults they produce: IMDSv1 allowed, and AMIs such as AL2023 raise the hop limit to 2.
 */
exports.requireImdsv2HopLimit1 = (0, policy_1.resourcePolicy)({
    name: "require-imdsv2-hop-limit-1",
    description: "EC2 launch settings require IMDSv2 (httpTokens \"required\") with httpPutResponseHopLimit 1, or disable the metadata endpoint; EKS node groups use such a launch template.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Set metadataOptions to { httpEndpoint: \"enabled\", httpTokens: \"required\", httpPutResponseHopLimit: 1 } on launch templates, instances, spot requests and launch configurations; give aws.eks.NodeGroup a launchTemplate with those options. Pods that need AWS access use IRSA, not the node's metadata.",
    url: "https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_restrict_access_to_the_instance_profile_assigned_to_the_worker_node",
    framework: (0, frameworks_1.eksBestPractices)("iam", "Restrict access to the instance profile assigned to the worker node"),
    references: ["EKS-BP iam: Restrict access to the instance profile assigned to the worker node", "CKV_AWS_79", "CKV_AWS_341"],
    types: [...aws_types_1.INSTANCE_LAUNCH_TYPES, aws_types_1.AWS.eksNodeGroup],
    check: ({ args, reads, report }) => {
        const p = args.props;
        if (args.type === aws_types_1.AWS.eksNodeGroup) {
            if (!(0, values_1.hasValue)(p, "launchTemplate")) {
                report("launchTemplate is unset, so EKS generates a launch template with httpPutResponseHopLimit 2 that lets pods reach the node role's credentials; attach a launch template with metadataOptions httpTokens \"required\" and httpPutResponseHopLimit 1");
            }
            return;
        }
        const options = reads.get("metadataOptions", () => p.metadataOptions);
        if (options === unknowns_1.UNKNOWN)
            return;
        if (options === undefined || options === null) {
            // An instance launched from a launch template takes its metadata options from the template (checked there).
            if ((args.type === aws_types_1.AWS.instance || args.type === aws_types_1.AWS.spotInstanceRequest) && (0, values_1.hasValue)(p, "launchTemplate"))
                return;
            report("metadataOptions is unset, so instances accept IMDSv1 and the AMI chooses the hop limit; set metadataOptions.httpTokens to \"required\" and metadataOptions.httpPutResponseHopLimit to 1");
            return;
        }
        if (!(0, values_1.isObject)(options))
            return;
        const endpoint = reads.get("metadataOptions.httpEndpoint", () => options.httpEndpoint);
        if (endpoint === "disabled")
            return;
        const tokens = reads.get("metadataOptions.httpTokens", () => options.httpTokens);
        if (tokens !== unknowns_1.UNKNOWN && tokens !== "required") {
            report(`metadataOptions.httpTokens is ${tokens === undefined ? "unset (IMDSv1 allowed)" : (0, values_1.show)(tokens)}; set it to "required" so only IMDSv2 session requests are answered`);
        }
        const hops = reads.get("metadataOptions.httpPutResponseHopLimit", () => options.httpPutResponseHopLimit);
        if (hops !== unknowns_1.UNKNOWN && hops !== 1) {
            report(`metadataOptions.httpPutResponseHopLimit is ${hops === undefined ? "unset (the AMI default, 2 on AL2023)" : (0, values_1.show)(hops)}; set it to 1 so pods cannot reach the node's credentials`);
        }
    },
});
//# sourceMappingURL=require-imdsv2-hop-limit-1.js.map