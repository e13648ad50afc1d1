// A Helm v3 Release under a configured provider: a resource whose objects no policy sees, in a real preview too.
import * as k8s from "@pulumi/kubernetes";
import { KUBECONFIG } from "./kubeconfig";

const provider = new k8s.Provider("ops", { kubeconfig: KUBECONFIG });
new k8s.helm.v3.Release("dashboard", { chart: "kubernetes-dashboard", repositoryOpts: { repo: "https://kubernetes.github.io/dashboard/" } }, { provider });
