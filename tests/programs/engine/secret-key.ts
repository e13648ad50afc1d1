// An AWS access key kept as secure stack config and copied into a Kubernetes Secret: a real preview decrypts the
// config (the passphrase secrets provider) and the pack sees the key; without the passphrase it cannot be known.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config("hardened-stack");
const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
new k8s.core.v1.Secret("exporter-creds", {
    metadata: { name: "exporter-creds", namespace: "telemetry" },
    stringData: { "exporter.id": config.requireSecret("exporterKeyId"), "exporter.secret": config.requireSecret("exporterSecret") },
}, { provider });
