"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowIamAccessKeysInKubernetes = exports.IAM_CREDENTIAL_TYPES = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_meta_1 = require("../../lib/k8s-meta");
const policy_1 = require("../../lib/policy");
/** AWS resources whose outputs are long-lived credentials of an IAM user. */
exports.IAM_CREDENTIAL_TYPES = ["aws:iam/accessKey:AccessKey", "aws:iam/userLoginProfile:UserLoginProfile"];
/** Top-level properties of `r` computed (directly or through other resources) from `source`. */
function propertiesFrom(r, source) {
    const out = [];
    for (const [prop, deps] of Object.entries(r.propertyDependencies ?? {})) {
        for (const d of deps ?? []) {
            if (d.urn === source.urn || (0, k8s_1.upstreamOf)(d).some((u) => u.urn === source.urn)) {
                out.push(prop);
                break;
            }
        }
    }
    return out;
}
/**
 * No Kubernetes object (or Helm release) is computed from an IAM access key or login profile. Decided from the
 * dependency graph alone, so it holds in a preview where the key itself is still unknown.
 */
exports.disallowIamAccessKeysInKubernetes = (0, policy_1.stackPolicy)({
    name: "disallow-iam-access-keys-in-kubernetes",
    description: "No Kubernetes object or Helm release takes a value computed from an aws:iam/accessKey:AccessKey (or an IAM user's "
        + "login profile), directly or through other resources: an IAM user's long-lived key must never reach the cluster.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Stop passing the AccessKey's id/secret (or anything derived from them) into the Kubernetes resource; delete the "
        + "IAM user's access key and give the workload an IAM role through IRSA or EKS Pod Identity.",
    url: k8s_meta_1.URLS.iam,
    framework: (0, frameworks_1.cisEks)("4.4.2", "Consider external secret storage; no long-lived AWS credentials in the cluster"),
    references: ["CIS EKS 4.4.2", "EKS-BP iam", "CKV_AWS_273", "CKV_SECRET_2"],
    check: ({ args, report }) => {
        for (const r of args.resources) {
            if (!(0, k8s_1.isKubernetesType)(r.type))
                continue;
            const sources = (0, k8s_1.upstreamOf)(r).filter((u) => exports.IAM_CREDENTIAL_TYPES.includes(u.type));
            for (const source of sources) {
                const props = propertiesFrom(r, source);
                report(r, `${props.length > 0 ? props.join(", ") : "an input"} of ${r.type.split(":").pop()} ${r.name} is computed from `
                    + `${source.type} ${source.name}: an IAM user's long-lived credential would be stored in the cluster; remove it and use IRSA or EKS Pod Identity.`);
            }
        }
    },
});
//# sourceMappingURL=disallow-iam-access-keys-in-kubernetes.js.map