// A Helm chart: the Kubernetes provider renders it with its built-in Helm, which the offline engine does not have.
import * as k8s from "@pulumi/kubernetes";
import { KUBECONFIG } from "./kubeconfig";

const provider = new k8s.Provider("ops", { kubeconfig: KUBECONFIG });
new k8s.helm.v4.Chart("dashboard", { chart: "kubernetes-dashboard", repositoryOpts: { repo: "https://kubernetes.github.io/dashboard/" } }, { provider });
