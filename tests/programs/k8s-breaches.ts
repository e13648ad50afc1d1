// Kubernetes changes a hurried pull request could make, one kill-chain step per `k8s-breach:step` config value
// (console | creds | mining | evasion). Each must fail the Kubernetes policies on the offending resource.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const KUBECONFIG = JSON.stringify({
    apiVersion: "v1", kind: "Config", "current-context": "c",
    clusters: [{ name: "c", cluster: { server: "https://example.gr7.eu-west-1.eks.amazonaws.com" } }],
    contexts: [{ name: "c", context: { cluster: "c", user: "u" } }], users: [{ name: "u", user: { token: "t" } }],
});

export = async () => {
    const step = new pulumi.Config("k8s-breach").require("step");
    const provider = new k8s.Provider("k8s", { kubeconfig: KUBECONFIG });
    const opts = { provider };
    switch (step) {
        case "console":
            new k8s.helm.v3.Release("dashboard", {
                chart: "kubernetes-dashboard", namespace: "kubernetes-dashboard",
                repositoryOpts: { repo: "https://kubernetes.github.io/dashboard/" },
            }, opts);
            new k8s.core.v1.Service("dashboard-lb", {
                metadata: { name: "console", namespace: "telemetry" },
                spec: { type: "LoadBalancer", selector: { app: "console" }, ports: [{ port: 443, targetPort: 8443 }] },
            }, opts);
            new k8s.rbac.v1.ClusterRoleBinding("dashboard-admin", {
                metadata: { name: "console-admin" },
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
                subjects: [{ kind: "ServiceAccount", name: "console", namespace: "telemetry" }],
            }, opts);
            break;
        case "creds": {
            const user = new aws.iam.User("ci", { name: "ci" });
            const key = new aws.iam.AccessKey("ci-key", { user: user.name });
            new k8s.core.v1.Secret("aws-creds", {
                metadata: { name: "aws-creds", namespace: "telemetry" },
                stringData: { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret },
            }, opts);
            break;
        }
        case "mining": {
            new k8s.core.v1.Namespace("miners", { metadata: { name: "batch" } }, opts);
            new k8s.apps.v1.DaemonSet("node-agent", {
                metadata: { name: "node-agent", namespace: "batch" },
                spec: {
                    selector: { matchLabels: { app: "agent" } },
                    template: {
                        metadata: { labels: { app: "agent" } },
                        spec: {
                            hostNetwork: true,
                            containers: [{ name: "agent", image: "docker.io/xmrig/xmrig:6.21.0", securityContext: { privileged: true } }],
                        },
                    },
                },
            }, opts);
            // A pod template inside a custom resource, placed in a namespace the program does not create.
            new k8s.apiextensions.CustomResource("rollout", {
                apiVersion: "argoproj.io/v1alpha1", kind: "Rollout",
                metadata: { name: "rollout", namespace: "kube-system" },
                spec: { template: { spec: { securityContext: { runAsUser: 0 }, containers: [{ name: "miner", image: "xmrig/xmrig" }],
                    initContainers: [{ name: "fetch", image: "999999999999.dkr.ecr.eu-west-1.amazonaws.com/miner:1" }] } } },
            }, opts);
            new k8s.networking.v1.NetworkPolicy("allow-all-egress", {
                metadata: { name: "allow-all-egress", namespace: "batch" },
                spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] },
            }, opts);
            break;
        }
        case "evasion":
            new k8s.networking.v1.NetworkPolicy("quiet", {
                metadata: { name: "deny-all", namespace: "amazon-guardduty" },
                spec: { podSelector: {}, policyTypes: ["Egress"] },
            }, opts);
            // Starve the agent: no pod may start in its namespace, and a webhook that can refuse it from outside.
            new k8s.core.v1.ResourceQuota("starve", { metadata: { name: "no-pods", namespace: "amazon-guardduty" }, spec: { hard: { pods: "0" } } }, opts);
            new k8s.admissionregistration.v1.ValidatingWebhookConfiguration("gate", {
                metadata: { name: "gate" },
                webhooks: [{
                    name: "pods.gate.example", admissionReviewVersions: ["v1"], sideEffects: "None", failurePolicy: "Fail",
                    rules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"] }],
                    clientConfig: { service: { name: "gate", namespace: "gate" } },
                }],
            }, opts);
            break;
        default:
            throw new Error(`unknown k8s-breach:step ${step}`);
    }
};
