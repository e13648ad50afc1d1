"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.disallowAwsKeysInKubernetes = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_workloads_1 = require("../../lib/k8s-workloads");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_secrets_1 = require("../../lib/k8s-secrets");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
/** Names under which a Secret or ConfigMap key, or an env var, holds a static AWS credential whatever its value. */
const CREDENTIAL_KEY_NAMES = new Set([...k8s_secrets_1.AWS_CREDENTIAL_ENV_NAMES, "aws_access_key_id", "aws_secret_access_key", "aws_session_token"]
    .map((n) => n.toLowerCase()));
const FIX = "use IRSA or EKS Pod Identity (short-lived role credentials per service account) and delete the static key";
function leafFinding(leaf) {
    if (typeof leaf.value !== "string")
        return undefined;
    return (0, k8s_secrets_1.awsCredentialIn)(typeof leaf.key === "string" ? leaf.key : undefined, leaf.value);
}
function objectFindings(obj) {
    const out = [];
    // Every string of the object: data, stringData, binaryData, env values, args, annotations (last-applied too).
    for (const leaf of (0, k8s_1.leaves)(obj.view)) {
        const found = leafFinding(leaf);
        if (found)
            out.push(`${leaf.view.path} holds ${found}`);
    }
    if (obj.kind === "Secret" || obj.kind === "ConfigMap") {
        for (const part of ["data", "stringData", "binaryData"]) {
            const keys = obj.view.at(part).peek();
            if (keys === null || typeof keys !== "object")
                continue;
            for (const k of Object.keys(keys)) {
                if (CREDENTIAL_KEY_NAMES.has(k.toLowerCase()))
                    out.push(`${obj.view.at(part, k).path} is an AWS credential by its name`);
            }
        }
    }
    const pod = (0, k8s_workloads_1.podTemplateOf)(obj);
    if (pod) {
        // A scratch Reads: an unknown env list is judged through the dependency graph, not deferred (see below).
        for (const c of (0, k8s_workloads_1.containersOf)(pod.spec.with(new unknowns_1.Reads()))) {
            for (const env of asViews(c.at("env"))) {
                const name = env.at("name").peek();
                if (typeof name === "string" && CREDENTIAL_KEY_NAMES.has(name.toLowerCase())) {
                    out.push(`${env.at("name").path} is ${name}, a static AWS credential for the AWS SDKs`);
                }
            }
        }
    }
    return out;
}
function asViews(list) {
    const v = list.peek();
    return Array.isArray(v) ? Array.from({ length: v.length }, (_, i) => list.at(i)) : [];
}
/**
 * No AWS access key, secret key or session token is written into a Kubernetes object or Helm values: in a Secret
 * (plain or base64), a ConfigMap, a container's env, or anywhere else.
 *
 * Unknown strings are not deferred: a value unknown in preview is another resource's output, and the only AWS
 * resource whose output is a static key, aws:iam/accessKey:AccessKey, is caught in preview through the dependency
 * graph by disallow-iam-access-keys-in-kubernetes; in `pulumi up` the values are known here.
 */
exports.disallowAwsKeysInKubernetes = (0, policy_1.resourcePolicy)({
    name: "disallow-aws-keys-in-kubernetes",
    description: "No AWS access key ID (AKIA/ASIA), secret access key or session token is stored in a Kubernetes Secret, ConfigMap, "
        + "container environment, annotation or Helm value, in clear or base64: Tesla's AWS keys were read from the cluster.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Remove the credential (Secret data/stringData, ConfigMap data, env[].value or env[].valueFrom named "
        + "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, Helm values), deactivate the key in IAM, and give the "
        + "workload an IAM role through IRSA (eks.amazonaws.com/role-arn on its ServiceAccount) or EKS Pod Identity.",
    url: k8s_meta_1.URLS.iam,
    framework: (0, frameworks_1.cisEks)("4.4.2", "Consider external secret storage; no long-lived AWS credentials in the cluster"),
    references: ["CIS EKS 4.4.1", "CIS EKS 4.4.2", "EKS-BP iam", "CKV_SECRET_2", "CKV_K8S_35"],
    types: [...(0, k8s_1.k8sTypes)(...k8s_1.WORKLOAD_KINDS, "Secret", "ConfigMap", "Service", "ServiceAccount", "Namespace", "Ingress"), ...k8s_1.HELM_TYPES],
    check: ({ args, reads, report }) => {
        if (k8s_1.HELM_TYPES.includes(args.type)) {
            const values = k8s_1.View.root(reads, args.props).at("values");
            const found = (0, k8s_1.leaves)(values).map((l) => [l, leafFinding(l)]).filter(([, f]) => f !== undefined);
            for (const [leaf, f] of found)
                report(`${leaf.view.path} holds ${f}; ${FIX}.`);
            return;
        }
        for (const obj of (0, k8s_1.k8sObjects)(args.type, reads, args.props)) {
            const findings = objectFindings(obj);
            if (findings.length > 0)
                report(`${(0, k8s_1.describe)(obj)}: ${findings.join("; ")}; ${FIX}.`);
        }
    },
});
//# sourceMappingURL=disallow-aws-keys-in-kubernetes.js.map