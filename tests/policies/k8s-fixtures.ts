/**
 * Compliant Kubernetes baselines for the policy tests, shaped like the reference program's objects
 * (infra/kubernetes: LockedNamespace, TelemetryReader), and small helpers to change one field per case.
 * Assertions and `withConfig` come from ./aws-helpers (generic, shared by both policy areas).
 */
import type { TestResource } from "./harness";

export const ECR_IMAGE = `111122223333.dkr.ecr.eu-west-1.amazonaws.com/telemetry-reader@sha256:${"a".repeat(64)}`;
export const NS = "telemetry";

type Path = (string | number)[];

function clone<T>(v: T): T {
    return JSON.parse(JSON.stringify(v)) as T;
}

function container(parent: Record<string, unknown> | unknown[], key: string | number): Record<string, unknown> | unknown[] {
    const c = parent as Record<string | number, unknown>;
    return c[key] as Record<string, unknown> | unknown[];
}

/** A copy of `r` with the value at `path` set (intermediate objects created; `undefined` deletes the key). */
export function withProp(r: TestResource, path: Path, value: unknown): TestResource {
    const out = clone(r);
    let cur: Record<string, unknown> | unknown[] = out.props;
    for (let i = 0; i < path.length - 1; i++) {
        const k = path[i]!;
        const next = container(cur, k);
        if (next === undefined || next === null || typeof next !== "object") {
            (cur as Record<string | number, unknown>)[k] = typeof path[i + 1] === "number" ? [] : {};
        }
        cur = container(cur, k);
    }
    const last = path[path.length - 1]!;
    if (value === undefined && !Array.isArray(cur)) delete (cur as Record<string, unknown>)[last as string];
    else (cur as Record<string | number, unknown>)[last] = value;
    return out;
}

/** A copy of `r` with a different name (so two variants can be in one stack or one assertion). */
export function named(r: TestResource, name: string): TestResource {
    return { ...clone(r), name, urn: undefined };
}

export function restrictedContainer(name = "reader", image = ECR_IMAGE): Record<string, unknown> {
    return {
        name,
        image,
        resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
        env: [{ name: "TELEMETRY_BUCKET", value: "telemetry-111122223333-eu-west-1" }, { name: "AWS_REGION", value: "eu-west-1" }],
        securityContext: {
            runAsNonRoot: true, runAsUser: 10001, privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" },
        },
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
    };
}

export function podSpec(): Record<string, unknown> {
    return {
        serviceAccountName: "telemetry-reader",
        automountServiceAccountToken: false,
        hostNetwork: false, hostPID: false, hostIPC: false,
        securityContext: { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
        containers: [restrictedContainer()],
        volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
    };
}

const LABELS = { "app.kubernetes.io/name": "telemetry-reader" };

export function deployment(name = "reader"): TestResource {
    return {
        type: "kubernetes:apps/v1:Deployment",
        name,
        props: {
            apiVersion: "apps/v1", kind: "Deployment",
            metadata: { name: "telemetry-reader", namespace: NS, labels: { ...LABELS } },
            spec: { replicas: 1, selector: { matchLabels: { ...LABELS } }, template: { metadata: { labels: { ...LABELS } }, spec: podSpec() } },
        },
    };
}

export function pod(name = "pod"): TestResource {
    return {
        type: "kubernetes:core/v1:Pod",
        name,
        props: { apiVersion: "v1", kind: "Pod", metadata: { name: "one-off", namespace: NS, labels: { ...LABELS } }, spec: podSpec() },
    };
}

export function cronJob(name = "cron"): TestResource {
    return {
        type: "kubernetes:batch/v1:CronJob",
        name,
        props: {
            apiVersion: "batch/v1", kind: "CronJob",
            metadata: { name: "nightly", namespace: NS },
            spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: { metadata: { labels: { ...LABELS } }, spec: podSpec() } } } },
        },
    };
}

export function namespace(name = NS, resourceName = `ns-${name}`): TestResource {
    const labels: Record<string, string> = {};
    for (const mode of ["enforce", "audit", "warn"]) {
        labels[`pod-security.kubernetes.io/${mode}`] = "restricted";
        labels[`pod-security.kubernetes.io/${mode}-version`] = "v1.33";
    }
    return { type: "kubernetes:core/v1:Namespace", name: resourceName, props: { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } } };
}

export function defaultDeny(ns = NS, resourceName = `deny-${ns}`): TestResource {
    return {
        type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        name: resourceName,
        props: {
            apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
            metadata: { name: "default-deny-all", namespace: ns },
            spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
        },
    };
}

export function allowDns(ns = NS, resourceName = `dns-${ns}`): TestResource {
    return {
        type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        name: resourceName,
        props: {
            apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
            metadata: { name: "allow-dns-to-kube-dns", namespace: ns },
            spec: {
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [{
                    to: [{
                        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                        podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                    }],
                    ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
                }],
            },
        },
    };
}

export function readerEgress(ns = NS): TestResource {
    return {
        type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        name: `egress-${ns}`,
        props: {
            apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
            metadata: { name: "allow-https-to-vpc-endpoints", namespace: ns },
            spec: {
                podSelector: { matchLabels: { ...LABELS } },
                policyTypes: ["Egress"],
                egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/16" } }, { ipBlock: { cidr: "52.218.0.0/17" } }], ports: [{ protocol: "TCP", port: 443 }] }],
            },
        },
    };
}

export function defaultServiceAccountPatch(ns = NS, resourceName = `default-sa-${ns}`): TestResource {
    return {
        type: "kubernetes:core/v1:ServiceAccountPatch",
        name: resourceName,
        props: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: ns }, automountServiceAccountToken: false },
    };
}

export function serviceAccount(roleArn: string = "arn:aws:iam::111122223333:role/telemetry-reader"): TestResource {
    return {
        type: "kubernetes:core/v1:ServiceAccount",
        name: "reader-sa",
        props: {
            apiVersion: "v1", kind: "ServiceAccount",
            metadata: { name: "telemetry-reader", namespace: NS, annotations: { "eks.amazonaws.com/role-arn": roleArn } },
            automountServiceAccountToken: false,
        },
    };
}

export function service(name = "svc"): TestResource {
    return {
        type: "kubernetes:core/v1:Service",
        name,
        props: {
            apiVersion: "v1", kind: "Service",
            metadata: { name: "telemetry-reader", namespace: NS },
            spec: { type: "ClusterIP", selector: { ...LABELS }, ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }] },
        },
    };
}

export function role(name = "role"): TestResource {
    return {
        type: "kubernetes:rbac.authorization.k8s.io/v1:Role",
        name,
        props: {
            apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role",
            metadata: { name: "read-only", namespace: NS },
            rules: [
                { apiGroups: [""], resources: ["pods", "pods/log", "services"], verbs: ["get", "list", "watch"] },
                { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch"] },
            ],
        },
    };
}

export function clusterRole(name = "cluster-role"): TestResource {
    return {
        type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
        name,
        props: {
            apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole",
            metadata: { name: "node-reader" },
            rules: [{ apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] }],
        },
    };
}

export function roleBinding(name = "binding"): TestResource {
    return {
        type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
        name,
        props: {
            apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding",
            metadata: { name: "read-only", namespace: NS },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "read-only" },
            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "telemetry-viewers" }],
        },
    };
}

export function clusterRoleBinding(name = "cluster-binding"): TestResource {
    return {
        type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
        name,
        props: {
            apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding",
            metadata: { name: "node-readers" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "node-reader" },
            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "platform-viewers" }],
        },
    };
}

export function secret(name = "secret"): TestResource {
    return {
        type: "kubernetes:core/v1:Secret",
        name,
        props: {
            apiVersion: "v1", kind: "Secret",
            metadata: { name: "app-config", namespace: NS },
            stringData: { DATABASE_HOST: "db.internal", FEATURE_FLAGS: "a,b" },
            data: { "tls.crt": Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").toString("base64") },
        },
    };
}

export function configMap(name = "cm"): TestResource {
    return {
        type: "kubernetes:core/v1:ConfigMap",
        name,
        props: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-settings", namespace: NS }, data: { LOG_LEVEL: "info" } },
    };
}

export function ingress(name = "ing"): TestResource {
    return {
        type: "kubernetes:networking.k8s.io/v1:Ingress",
        name,
        props: {
            apiVersion: "networking.k8s.io/v1", kind: "Ingress",
            metadata: { name: "api", namespace: NS, annotations: { "alb.ingress.kubernetes.io/scheme": "internal" } },
            spec: {
                ingressClassName: "alb",
                rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "telemetry-reader", port: { number: 80 } } } }] } }],
            },
        },
    };
}

export function helmChart(chart = "aws-load-balancer-controller", values: Record<string, unknown> = {}, type = "kubernetes:helm.sh/v4:Chart"): TestResource {
    return {
        type,
        name: "chart",
        props: { chart, namespace: "kube-system", repositoryOpts: { repo: "https://aws.github.io/eks-charts" }, values },
    };
}
