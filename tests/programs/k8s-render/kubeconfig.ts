// A kubeconfig the Kubernetes provider can read in a preview (known values): its context's namespace is `apps`.
export const KUBECONFIG = JSON.stringify({
    apiVersion: "v1", kind: "Config", "current-context": "ops",
    clusters: [{ name: "ops", cluster: { server: "https://10.0.0.10", "certificate-authority-data": "" } }],
    contexts: [{ name: "ops", context: { cluster: "ops", user: "ops", namespace: "apps" } }],
    users: [{ name: "ops", user: { token: "offline" } }],
});
