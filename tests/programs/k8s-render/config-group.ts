// Manifests applied through the Kubernetes provider's ConfigGroup, ConfigFile (v1) and an unnamed Deployment, with a
// provider configured from known values: the provider renders every object as a child resource and Check names
// the Deployment, so each is judged as a typed resource would be.
import * as k8s from "@pulumi/kubernetes";
import { KUBECONFIG } from "./kubeconfig";

const provider = new k8s.Provider("ops", { kubeconfig: KUBECONFIG });
new k8s.yaml.v2.ConfigGroup("miners", { files: ["miners.yaml"] }, { provider });
new k8s.yaml.ConfigFile("miners-v1", { file: "miners.yaml", resourcePrefix: "v1" }, { provider });
new k8s.apps.v1.Deployment("web", {
    spec: {
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } },
    },
}, { provider });
