// The Kubernetes layer built from constants, wired the way infra/index.ts wires it: the IRSA role comes from
// IrsaRole (trusting exactly the reader's namespace/service account) and the API token from
// aws.eks.getClusterAuthOutput, called only in deploy mode.
//   hardened-stack:kubernetes  { mode, workloadNamespaces }   (the real config key)
//   k8s-test:layer             fields merged over the layer args below, to drive validation tests
//   k8s-test:reader            fields merged over the telemetryReader args
//   k8s-test:internalService   when true, also creates a GuardedService asking for an internal load balancer
//   k8s-test:orphanNamespace   when true, also creates a LockedNamespace with no provider (must be refused)
// With `hardened-stack:k8sLayerProbe` (a list of Settings, tests/programs/lib/probe.ts) it builds everything once per
// entry, names prefixed, and reports what each build threw, so the refusal tests share one program run.
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
import { probeErrors } from "./lib/probe";

/** What the config keys above hold, so a probe entry can give the same settings without stack config. */
interface Settings {
    kubernetes?: Record<string, unknown>;
    layer?: Partial<KubernetesLayerArgs>;
    reader?: Record<string, unknown>;
    internalService?: boolean;
    orphanNamespace?: boolean;
}

/** Everything the program makes, resource names prefixed with `prefix`. */
function build(prefix: string, settings: Settings) {
    const kubernetes = settings.kubernetes ?? {};
    const mode = validateKubernetesMode(kubernetes.mode ?? "deploy", "hardened-stack:kubernetes.mode");

    const bucketArn = arn(ENV, "s3", "hardened-dev-telemetry", { region: false, account: false });
    const keyArn = arn(ENV, "kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
    const readerRole = new IrsaRole(`${prefix}telemetry-reader`, {
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
        ...settings.layer,
        telemetryReader: {
            env: ENV,
            image: IMAGE,
            irsaRoleArn: readerRole.arn,
            bucketName: "hardened-dev-telemetry",
            vpcCidr: VPC_CIDR,
            viewerGroup: VIEWER_GROUP,
            ...settings.reader,
        },
    };
    // The role stands in for the cluster the real program makes the layer wait for.
    const layer = new KubernetesLayer(`${prefix}k8s`, args, { dependsOn: [readerRole] });

    if (settings.internalService && layer.provider) {
        // A namespace whose quota admits one load balancer, and the one internal load balancer it is for.
        const metrics = new LockedNamespace(`${prefix}metrics`, { name: "metrics", loadBalancers: 1 }, { providers: [layer.provider] });
        new GuardedService(`${prefix}metrics`, {
            namespace: "metrics",
            name: "metrics",
            selector: { "app.kubernetes.io/name": "metrics" },
            ports: [{ name: "https", port: 443, targetPort: 8443 }],
            internalLoadBalancer: { name: "metrics-internal", sourceRanges: [VPC_CIDR] },
        }, { providers: [layer.provider], dependsOn: [metrics] });
    }
    if (settings.orphanNamespace) {
        new LockedNamespace(`${prefix}orphan`, { name: "orphan" });
    }
    return readerRole;
}

export = async () => {
    const probed = probeErrors<Settings>("k8sLayer", (name, settings) => build(`${name}-`, settings));
    if (probed) return { probeErrors: probed };
    const test = new pulumi.Config("k8s-test");
    const readerRole = build("", {
        kubernetes: new pulumi.Config("hardened-stack").getObject<Record<string, unknown>>("kubernetes"),
        layer: test.getObject<Partial<KubernetesLayerArgs>>("layer"),
        reader: test.getObject<Record<string, unknown>>("reader"),
        internalService: test.getBoolean("internalService"),
        orphanNamespace: test.getBoolean("orphanNamespace"),
    });
    return { readerRoleArn: readerRole.arn };
};
