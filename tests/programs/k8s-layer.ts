// The Kubernetes layer built from constants, wired the way infra/index.ts wires it: the IRSA role comes from
// IrsaRole (trusting exactly the reader's namespace/service account) and the API token from
// aws.eks.getClusterAuthOutput, called only in deploy mode.
//   hardened-stack:kubernetes  { mode, workloadNamespaces }   (the real config key)
//   k8s-test:layer             fields merged over the layer args below, to drive validation tests
//   k8s-test:reader            fields merged over the telemetryReader args
//   k8s-test:internalService   when true, also creates a GuardedService asking for an internal load balancer
//   k8s-test:orphanNamespace   when true, also creates a LockedNamespace with no provider (must be refused)
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { grantReadObjects } from "../../infra/identity/grants";
import { IrsaRole } from "../../infra/identity/irsa-role";
import { arn } from "../../infra/lib/aws";
import { KubernetesLayer, KubernetesLayerArgs } from "../../infra/kubernetes/layer";
import { LockedNamespace } from "../../infra/kubernetes/namespace";
import { validateKubernetesMode } from "../../infra/kubernetes/provider";
import { GuardedService } from "../../infra/kubernetes/services";
import { TELEMETRY_READER_NAMESPACE, TELEMETRY_READER_SERVICE_ACCOUNT } from "../../infra/kubernetes/telemetry-reader";
import {
    CA_DATA, CLUSTER_NAME, ENDPOINT, ENV, IMAGE, OIDC_ISSUER, VIEWER_GROUP, VPC_CIDR, WORKLOAD_NAMESPACES,
} from "../kubernetes/fixtures";

export = async () => {
    const kubernetes = new pulumi.Config("hardened-stack").getObject<Record<string, unknown>>("kubernetes") ?? {};
    const test = new pulumi.Config("k8s-test");
    const mode = validateKubernetesMode(kubernetes.mode ?? "deploy", "hardened-stack:kubernetes.mode");

    const bucketArn = arn(ENV, "s3", "hardened-dev-telemetry", { region: false, account: false });
    const keyArn = arn(ENV, "kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
    const readerRole = new IrsaRole("telemetry-reader", {
        env: ENV,
        oidcProviderArn: arn(ENV, "iam", `oidc-provider/${OIDC_ISSUER}`, { region: false }),
        oidcIssuer: OIDC_ISSUER,
        namespace: TELEMETRY_READER_NAMESPACE,
        serviceAccount: TELEMETRY_READER_SERVICE_ACCOUNT,
        description: "Reads telemetry objects for the telemetry-reader pods",
        grants: grantReadObjects(ENV, bucketArn, keyArn),
    });

    const args: KubernetesLayerArgs = {
        mode,
        connection: mode === "deploy" ? {
            clusterName: CLUSTER_NAME,
            endpoint: ENDPOINT,
            certificateAuthorityData: CA_DATA,
            token: aws.eks.getClusterAuthOutput({ name: CLUSTER_NAME }).token,
        } : undefined,
        workloadNamespaces: (kubernetes.workloadNamespaces as string[] | undefined) ?? WORKLOAD_NAMESPACES,
        ...test.getObject<Partial<KubernetesLayerArgs>>("layer"),
        telemetryReader: {
            env: ENV,
            image: IMAGE,
            irsaRoleArn: readerRole.arn,
            bucketName: "hardened-dev-telemetry",
            vpcCidr: VPC_CIDR,
            viewerGroup: VIEWER_GROUP,
            ...test.getObject<Record<string, unknown>>("reader"),
        },
    };
    // The role stands in for the cluster the real program makes the layer wait for.
    const layer = new KubernetesLayer("k8s", args, { dependsOn: [readerRole] });

    if (test.getBoolean("internalService") && layer.provider) {
        // A namespace whose quota admits one load balancer, and the one internal load balancer it is for.
        const metrics = new LockedNamespace("metrics", { name: "metrics", loadBalancers: 1 }, { providers: [layer.provider] });
        new GuardedService("metrics", {
            namespace: "metrics",
            name: "metrics",
            selector: { "app.kubernetes.io/name": "metrics" },
            ports: [{ name: "https", port: 443, targetPort: 8443 }],
            internalLoadBalancer: { name: "metrics-internal", sourceRanges: [VPC_CIDR] },
        }, { providers: [layer.provider], dependsOn: [metrics] });
    }
    if (test.getBoolean("orphanNamespace")) {
        new LockedNamespace("orphan", { name: "orphan" });
    }
    return { readerRoleArn: readerRole.arn };
};
