// A Helm v3 Chart: the SDK renders it through the provider's helm template invoke, which needs Helm.
import * as k8s from "@pulumi/kubernetes";
import { KUBECONFIG } from "./kubeconfig";

const provider = new k8s.Provider("ops", { kubeconfig: KUBECONFIG });
new k8s.helm.v3.Chart("kubernetes-dashboard", { chart: "kubernetes-dashboard", fetchOpts: { repo: "https://kubernetes.github.io/dashboard/" } }, { provider });
