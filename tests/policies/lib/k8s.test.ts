import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { View, joinPath, k8sTypes, leaves, parseK8sType } from "../../../policy-packs/kill-chain/lib/k8s";
import { adminUiOfChart, adminUiOfImage, isFromAllowedRegistry, isPinnedByDigest, parseImage } from "../../../policy-packs/kill-chain/lib/k8s-images";
import { awsCredentialIn, decodeBase64Text } from "../../../policy-packs/kill-chain/lib/k8s-secrets";
import { Reads, UNKNOWN } from "../../../policy-packs/kill-chain/lib/unknowns";

const KINDS = ["Pod", "PodTemplate", "ReplicationController", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Service",
    "Namespace", "Secret", "ConfigMap", "ServiceAccount", "Ingress", "NetworkPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

function sdkTypeTokens(): string[] {
    const root = join(require.resolve("@pulumi/kubernetes/package.json"), "..");
    const out: string[] = [];
    const walk = (dir: string): void => {
        for (const f of readdirSync(dir)) {
            const p = join(dir, f);
            if (statSync(p).isDirectory()) walk(p);
            else if (f.endsWith(".js")) for (const m of readFileSync(p, "utf8").matchAll(/__pulumiType = '(kubernetes:[^']+)'/g)) out.push(m[1]!);
        }
    };
    walk(root);
    return out;
}

describe("Kubernetes type tokens", () => {
    test("every @pulumi/kubernetes token of a judged kind (Patch and List included) is matched, so no API version slips past", () => {
        const ours = new Set(k8sTypes(...KINDS));
        const missing = sdkTypeTokens().filter((t) => {
            const p = parseK8sType(t);
            return p !== undefined && KINDS.includes(p.kind) && !ours.has(t);
        });
        assert.deepEqual(missing, []);
    });
    test("component tokens (Helm, YAML, kustomize) are not objects", () => {
        for (const t of ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart", "kubernetes:yaml/v2:ConfigGroup", "kubernetes:kustomize/v2:Directory", "pulumi:providers:kubernetes"]) {
            assert.equal(parseK8sType(t), undefined, t);
        }
    });
    test("Patch, List and CustomResource v1 tokens parse to their kind", () => {
        assert.deepEqual(parseK8sType("kubernetes:apps/v1:DeploymentPatch"), { group: "apps", version: "v1", kind: "Deployment", patch: true, list: false });
        assert.deepEqual(parseK8sType("kubernetes:core/v1:ServiceList"), { group: "core", version: "v1", kind: "Service", patch: false, list: true });
        assert.deepEqual(parseK8sType("kubernetes:v1:Secret"), { group: "core", version: "v1", kind: "Secret", patch: false, list: false });
    });
});

describe("unknown-safe views", () => {
    test("paths print as messages name fields", () => {
        assert.equal(joinPath(joinPath(joinPath("", "metadata"), "annotations"), "service.beta.kubernetes.io/x"), 'metadata.annotations["service.beta.kubernetes.io/x"]');
        assert.equal(joinPath("spec.containers", 0), "spec.containers[0]");
    });
    test("a missing or mistyped part reads as undefined, never throws", () => {
        const reads = new Reads();
        const v = View.root(reads, { spec: "not an object", list: 3 });
        assert.equal(v.at("spec", "template", "spec").value(), undefined);
        assert.deepEqual(v.at("list").list(), []);
        assert.deepEqual(reads.unknownPaths, []);
    });
    test("leaves() walks everything without recording unknowns", () => {
        const reads = new Reads();
        const found = leaves(View.root(reads, { a: { b: [1, "x"] }, c: UNKNOWN }));
        assert.deepEqual(found.map((l) => [l.view.path, l.value]), [["a.b[0]", 1], ["a.b[1]", "x"], ["c", UNKNOWN]]);
        assert.deepEqual(reads.unknownPaths, []);
    });
});

describe("image references", () => {
    test("Docker's registry rule: a first component with a dot or port is a host, else Docker Hub", () => {
        assert.deepEqual(parseImage("nginx"), { registry: "docker.io", repository: "library/nginx", name: "nginx", org: "library", tag: undefined, digest: undefined });
        assert.equal(parseImage("localhost:5000/app:1")?.registry, "localhost:5000");
        assert.equal(parseImage("kubernetesui/dashboard:v2.7.0")?.org, "kubernetesui");
        assert.equal(parseImage("a b"), undefined);
    });
    test("digest pinning needs sha256 and 64 hex digits", () => {
        assert.equal(isPinnedByDigest(`x@sha256:${"a".repeat(64)}`), true);
        assert.equal(isPinnedByDigest("x:1"), false);
    });
    test("admin consoles are recognised by repository, not by registry", () => {
        assert.equal(adminUiOfImage("registry.example/mirror/kubernetesui/dashboard:v2"), "Kubernetes Dashboard");
        assert.equal(adminUiOfImage("rancher/local-path-provisioner:v0.0.28"), undefined);
        assert.equal(adminUiOfImage("rancher/rancher:v2.9"), "Rancher");
        assert.equal(adminUiOfChart("https://x/charts/kubernetes-dashboard-7.10.0.tgz", undefined), "Kubernetes Dashboard");
        assert.equal(adminUiOfChart("aws-load-balancer-controller", "https://aws.github.io/eks-charts"), undefined);
    });
    test("a registry allowlist entry is a regular expression on the whole reference; an invalid one matches nothing", () => {
        assert.equal(isFromAllowedRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/a:1", ["^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/"]), true);
        assert.equal(isFromAllowedRegistry("anything", ["(["]), false);
    });
});

describe("AWS credential detection", () => {
    test("access key IDs, credential files and named secret keys are found, in clear and base64", () => {
        assert.match(awsCredentialIn(undefined, "AKIAIOSFODNN7EXAMPLE") ?? "", /access key ID/);
        assert.match(awsCredentialIn(undefined, "key: ASIAIOSFODNN7EXAMPLE") ?? "", /temporary/);
        assert.match(awsCredentialIn(undefined, Buffer.from("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").toString("base64")) ?? "", /base64/);
        assert.match(awsCredentialIn("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") ?? "", /secret access key/);
    });
    test("look-alikes are not credentials", () => {
        assert.equal(awsCredentialIn("GIT_SHA", "0123456789abcdef0123456789abcdef01234567"), undefined);
        assert.equal(awsCredentialIn(undefined, "XAKIAIOSFODNN7EXAMPLE1"), undefined);
        assert.equal(decodeBase64Text("AAECAwQFBgcICQoLDA0ODw=="), undefined);
    });
});
