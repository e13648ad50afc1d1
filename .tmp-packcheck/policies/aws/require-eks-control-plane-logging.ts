import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { cisEks } from "../../lib/frameworks";

/** All five control-plane log types (CIS EKS 2.1.1 remediation enables all of them). */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/**
 * The control plane logs every type: the audit log records who did what through the API (an anonymous
 * dashboard session, a new cluster-admin binding), the authenticator log which IAM identity was mapped to whom.
 */
export const requireEksControlPlaneLogging = resourcePolicy({
    name: "require-eks-control-plane-logging",
    description: "EKS clusters enable all five control-plane log types (api, audit, authenticator, controllerManager, scheduler).",
    step: "evasion",
    severity: "high",
    remediationSteps: "Set enabledClusterLogTypes to [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"] on the aws.eks.Cluster, and pre-create /aws/eks/<cluster>/cluster with a KMS key and a retention of at least 365 days.",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html",
    framework: cisEks("2.1.1", "Enable audit Logs"),
    references: ["CIS EKS 2.1.1", "EKS-BP detective: Enable audit logs", "CKV_AWS_37"],
    types: [AWS.eksCluster],
    check: ({ args, reads, report }) => {
        const types = reads.snapshot("enabledClusterLogTypes", () => args.props.enabledClusterLogTypes);
        if (types === UNKNOWN) return;
        const list = Array.isArray(types) ? types : [];
        if (list.includes(UNKNOWN)) return;
        const missing = CONTROL_PLANE_LOG_TYPES.filter((t) => !list.includes(t));
        if (missing.length > 0) {
            report(`enabledClusterLogTypes ${types === undefined ? "is unset (no control-plane logs)" : `lacks ${missing.join(", ")}`}; set it to ["api", "audit", "authenticator", "controllerManager", "scheduler"]`);
        }
    },
});
