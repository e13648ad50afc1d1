import { cisEks } from "../../lib/frameworks";
import { HELM_TYPES, K8sObject, Leaf, View, WORKLOAD_KINDS, describe, k8sObjects, k8sTypes, leaves } from "../../lib/k8s";
import { containersOf, mayHoldPodSpec, podTemplatesOf } from "../../lib/k8s-workloads";
import { URLS } from "../../lib/k8s-meta";
import { AWS_CREDENTIAL_ENV_NAMES, awsCredentialIn } from "../../lib/k8s-secrets";
import { resourcePolicy } from "../../lib/policy";
import { Reads, UNKNOWN } from "../../lib/unknowns";

/** Names under which a Secret or ConfigMap key, or an env var, holds a static AWS credential whatever its value. */
const CREDENTIAL_KEY_NAMES = new Set([...AWS_CREDENTIAL_ENV_NAMES, "aws_access_key_id", "aws_secret_access_key", "aws_session_token"]
    .map((n) => n.toLowerCase()));

const LISTED = new Set([...k8sTypes(...WORKLOAD_KINDS, "Secret", "ConfigMap", "Service", "ServiceAccount", "Namespace", "Ingress"), ...HELM_TYPES]);
const FIX = "use IRSA or EKS Pod Identity (short-lived role credentials per service account) and delete the static key";

function leafFinding(leaf: Leaf): string | undefined {
    if (typeof leaf.value !== "string") return undefined;
    return awsCredentialIn(typeof leaf.key === "string" ? leaf.key : undefined, leaf.value);
}

function objectFindings(obj: K8sObject, type: string): string[] {
    const out: string[] = [];
    // Every string of the object: data, stringData, binaryData, env values, args, annotations (last-applied too).
    for (const leaf of leaves(obj.view)) {
        const found = leafFinding(leaf);
        if (found) out.push(`${leaf.view.path} holds ${found}`);
    }
    if (obj.kind === "Secret" || obj.kind === "ConfigMap") {
        // A Secret's or ConfigMap's data is where a key would be kept: a value not known in this preview (another
        // resource's output, or secure stack config that cannot be decrypted here) waits for `up` instead of passing.
        for (const leaf of leaves(obj.view)) {
            if (leaf.value === UNKNOWN && /^(data|stringData|binaryData)[.[]/.test(leaf.view.path)) leaf.view.value();
        }
        for (const part of ["data", "stringData", "binaryData"]) {
            const keys = obj.view.at(part).peek();
            if (keys === null || typeof keys !== "object") continue;
            for (const k of Object.keys(keys)) {
                if (CREDENTIAL_KEY_NAMES.has(k.toLowerCase())) out.push(`${obj.view.at(part, k).path} is an AWS credential by its name`);
            }
        }
    }
    for (const pod of podTemplatesOf(obj, type)) {
        // A scratch Reads: an unknown env list is judged through the dependency graph, not deferred (see below).
        for (const c of containersOf(pod.spec.with(new Reads()))) {
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

function asViews(list: View): View[] {
    const v = list.peek();
    return Array.isArray(v) ? Array.from({ length: v.length }, (_, i) => list.at(i)) : [];
}

/**
 * No AWS access key, secret key or session token is written into a Kubernetes object or Helm values: in a Secret
 * (plain or base64), a ConfigMap, a container's env, or anywhere else.
 *
 * Unknown strings elsewhere are not deferred: a value unknown in preview is another resource's output, and the only
 * AWS resource whose output is a static key, aws:iam/accessKey:AccessKey, is caught in preview through the dependency
 * graph by disallow-iam-access-keys-in-kubernetes; in `pulumi up` the values are known here. Unknown values in a
 * Secret's or ConfigMap's data are deferred: they may be secure stack config a preview could not decrypt.
 */
export const disallowAwsKeysInKubernetes = resourcePolicy({
    name: "disallow-aws-keys-in-kubernetes",
    description: "No AWS access key ID (AKIA/ASIA), secret access key or session token is stored in a Kubernetes Secret, ConfigMap, "
        + "container environment, annotation or Helm value, in clear or base64: Tesla's AWS keys were read from the cluster.",
    step: "creds",
    severity: "critical",
    remediationSteps: "Remove the credential (Secret data/stringData, ConfigMap data, env[].value or env[].valueFrom named "
        + "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, Helm values), deactivate the key in IAM, and give the "
        + "workload an IAM role through IRSA (eks.amazonaws.com/role-arn on its ServiceAccount) or EKS Pod Identity.",
    url: URLS.iam,
    framework: cisEks("4.4.2", "Consider external secret storage; no long-lived AWS credentials in the cluster"),
    references: ["CIS EKS 4.4.1", "CIS EKS 4.4.2", "EKS-BP iam", "CKV_SECRET_2", "CKV_K8S_35"],
    // Custom resources count too: their pod templates carry env like any workload's.
    types: (t) => LISTED.has(t) || mayHoldPodSpec(t),
    check: ({ args, reads, report }) => {
        if (HELM_TYPES.includes(args.type)) {
            const values = View.root(reads, args.props).at("values");
            const found = leaves(values).map((l) => [l, leafFinding(l)] as const).filter(([, f]) => f !== undefined);
            for (const [leaf, f] of found) report(`${leaf.view.path} holds ${f}; ${FIX}.`);
            return;
        }
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const findings = objectFindings(obj, args.type);
            if (findings.length > 0) report(`${describe(obj)}: ${findings.join("; ")}; ${FIX}.`);
        }
    },
});
