"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowUnreviewedHelmReleases = void 0;
const config_1 = require("../../lib/config");
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_helm_1 = require("../../lib/k8s-helm");
const k8s_meta_1 = require("../../lib/k8s-meta");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
/**
 * A `helm.sh/v3:Release` is installed by Helm inside the provider: its Deployments, Services and RBAC are never
 * registered with Pulumi, so no policy of this pack (or any pack) sees them. A privileged miner DaemonSet in a chart
 * would pass unnoticed. Such releases need a reviewed allowlist; `helm.sh/v4:Chart` registers every rendered object
 * and is checked like any manifest.
 */
exports.disallowUnreviewedHelmReleases = (0, policy_1.resourcePolicy)({
    name: "disallow-unreviewed-helm-releases",
    description: "No kubernetes:helm.sh/v3:Release installs a chart that is not in allowedHelmReleases: a Release's rendered objects are "
        + "invisible to policies, so only reviewed charts may use it (helm.sh/v4:Chart objects are checked one by one).",
    step: "mining",
    severity: "high",
    remediationSteps: "Replace the Release with kubernetes:helm.sh/v4:Chart (same chart, repositoryOpts and values; every rendered "
        + "object becomes a child resource that the policies check), or, after reviewing the chart and its values, add the chart "
        + "reference as written in `chart` to the policy's allowedHelmReleases config.",
    url: k8s_meta_1.URLS.helmRelease,
    framework: (0, frameworks_1.eksBestPractices)("runtime", "Only reviewed software runs in the cluster"),
    references: ["EKS-BP image: Create a set of curated images", "CIS EKS 5.1.4"],
    configSchema: {
        properties: {
            allowedHelmReleases: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Reviewed charts (the Release's `chart` value, e.g. \"aws-load-balancer-controller\" or "
                    + "\"oci://public.ecr.aws/aws-ec2/helm/aws-node-termination-handler\") that may be installed as helm.sh/v3:Release.",
            },
        },
    },
    types: [k8s_1.HELM_RELEASE],
    check: ({ args, reads, report }) => {
        const allowed = (0, config_1.stringList)((0, config_1.configWithDefaults)(args.getConfig(), { allowedHelmReleases: [] }).allowedHelmReleases);
        const { chart } = (0, k8s_helm_1.helmChartOf)(k8s_1.View.root(reads, args.props));
        if (chart === unknowns_1.UNKNOWN || (chart !== undefined && allowed.includes(chart)))
            return;
        report(`chart "${chart ?? "?"}" is installed as a helm.sh/v3:Release, whose objects no policy can see; use kubernetes:helm.sh/v4:Chart `
            + "or add the chart to allowedHelmReleases after review.");
    },
});
//# sourceMappingURL=disallow-unreviewed-helm-releases.js.map