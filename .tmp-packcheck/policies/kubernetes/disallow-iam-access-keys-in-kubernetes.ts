import type { PolicyResource } from "@pulumi/policy";
import { cisEks } from "../../lib/frameworks";
import { isKubernetesType, upstreamOf } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { stackPolicy } from "../../lib/policy";

/** AWS resources whose outputs are long-lived credentials of an IAM user. */
export const IAM_CREDENTIAL_TYPES: readonly string[] = ["aws:iam/accessKey:AccessKey", "aws:iam/userLoginProfile:UserLoginProfile"];

/** Top-level properties of `r` computed (directly or through other resources) from `source`. */
function propertiesFrom(r: PolicyResource, source: PolicyResource): string[] {
    const out: string[] = [];
    for (const [prop, deps] of Object.entries(r.propertyDependencies ?? {})) {
        for (const d of deps ?? []) {
            if (d.urn === source.urn || upstreamOf(d).some((u) => u.urn === source.urn)) {
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
export const disallowIamAccessKeysInKubernetes = stackPolicy({
    name: "disallow-iam-access-keys-in-kubernetes",
    description: "No Kubernetes object or Helm release takes a value computed from an aws:iam/accessKey:AccessKey (or an IAM user's "
        + "login profile), directly or through other resources: an IAM user's long-lived key must never reach the cluster.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Stop passing the AccessKey's id/secret (or anything derived from them) into the Kubernetes resource; delete the "
        + "IAM user's access key and give the workload an IAM role through IRSA or EKS Pod Identity.",
    url: URLS.iam,
    framework: cisEks("4.4.2", "Consider external secret storage; no long-lived AWS credentials in the cluster"),
    references: ["CIS EKS 4.4.2", "EKS-BP iam", "CKV_AWS_273", "CKV_SECRET_2"],
    check: ({ args, report }) => {
        for (const r of args.resources) {
            if (!isKubernetesType(r.type)) continue;
            const sources = upstreamOf(r).filter((u) => IAM_CREDENTIAL_TYPES.includes(u.type));
            for (const source of sources) {
                const props = propertiesFrom(r, source);
                report(r, `${props.length > 0 ? props.join(", ") : "an input"} of ${r.type.split(":").pop()} ${r.name} is computed from `
                    + `${source.type} ${source.name}: an IAM user's long-lived credential would be stored in the cluster; remove it and use IRSA or EKS Pod Identity.`);
            }
        }
    },
});
