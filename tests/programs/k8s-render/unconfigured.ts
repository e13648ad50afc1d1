// A ConfigGroup under a provider built from an output that a first preview cannot know: the real provider's
// Construct then registers the component alone, so no policy sees its objects (and `check` says so).
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";

const cluster = new aws.eks.Cluster("c", { roleArn: "arn:aws:iam::111122223333:role/eks", vpcConfig: { subnetIds: ["subnet-1"] } });
const provider = new k8s.Provider("later", { kubeconfig: cluster.endpoint.apply((e) => JSON.stringify({ server: e })) });
new k8s.yaml.v2.ConfigGroup("miners", { files: ["miners.yaml"] }, { provider });
