// The reference program plus the changes a hurried pull request could make to bring the Tesla kill chain back, one
// group per step, chosen with the `breach:steps` config list (console, creds, s3, mining, evasion; add `paths` for the
// breaches only the path model and the RBAC/trust classes catch). The hardened components refuse bad arguments, so
// every breach here goes around them with plain resources, as real PRs do.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
const reference = require("../../infra/index") as () => Promise<Record<string, unknown>>;

export = async () => {
    const outputs = await reference();
    const steps = new pulumi.Config("breach").requireObject<string[]>("steps");
    const vpcId = outputs.vpcId as pulumi.Output<string>;
    const k8sProvider = new k8s.Provider("breach-k8s", {
        kubeconfig: JSON.stringify({
            apiVersion: "v1", kind: "Config", "current-context": "c",
            clusters: [{ name: "c", cluster: { server: "https://example.gr7.eu-west-1.eks.amazonaws.com" } }],
            contexts: [{ name: "c", context: { cluster: "c", user: "u" } }], users: [{ name: "u", user: { token: "t" } }],
        }),
    });

    if (steps.includes("console")) {
        // "Quick test cluster": a raw EKS cluster with the provider defaults (public endpoint, aws-auth ConfigMap mode).
        const role = new aws.iam.Role("breach-quick-cluster-role", {
            name: "breach-quick-cluster-role",
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
        });
        new aws.eks.Cluster("breach-quick-cluster", { name: "quick", roleArn: role.arn, vpcConfig: { subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] } });
        // "Let me look at the dashboard": the Kubernetes Dashboard behind an internet-facing load balancer.
        new k8s.helm.v3.Release("breach-dashboard", { chart: "kubernetes-dashboard", namespace: "kubernetes-dashboard",
            repositoryOpts: { repo: "https://kubernetes.github.io/dashboard/" } }, { provider: k8sProvider });
    }
    if (steps.includes("paths") && steps.includes("console")) {
        // "On-call needs kubectl from home": a network load balancer (internal left unset, so internet-facing) whose
        // target group the AWS Load Balancer Controller fills with the API Service's endpoints. No endpoint setting,
        // Service or Ingress changed: only the path model sees the door.
        const nlb = new aws.lb.LoadBalancer("breach-api-nlb", { loadBalancerType: "network", subnets: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] });
        const apiTargets = new aws.lb.TargetGroup("breach-api-targets", { port: 443, protocol: "TCP", targetType: "ip", vpcId });
        // `.id` is the ARN for both (the provider's ID of a load balancer and a target group); the offline engine's
        // `up` fills ids but not these ARNs, and the path must join in both modes.
        new aws.lb.Listener("breach-api-listener", { loadBalancerArn: nlb.id, port: 443, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: apiTargets.id }] });
        new k8s.apiextensions.CustomResource("breach-api-binding", {
            apiVersion: "elbv2.k8s.aws/v1beta1", kind: "TargetGroupBinding",
            metadata: { name: "api", namespace: "default" },
            spec: { serviceRef: { name: "kubernetes", port: 443 }, targetGroupARN: apiTargets.id, targetType: "ip" },
        }, { provider: k8sProvider });
    }
    if (steps.includes("creds")) {
        // "CI needs credentials": an IAM user with a long-lived key, and a node launch template that lets pods reach IMDS.
        const user = new aws.iam.User("breach-ci-user", { name: "ci-uploader" });
        new aws.iam.AccessKey("breach-ci-key", { user: user.name });
        new aws.ec2.LaunchTemplate("breach-nodes", { name: "breach-nodes", metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 2 } });
    }
    if (steps.includes("s3")) {
        // "Share the exports with the vendor": a bucket without a public access block and a policy open to everyone.
        const exports = new aws.s3.Bucket("breach-exports", { bucket: "hardened-stack-dev-exports-111122223333" });
        new aws.s3.BucketPolicy("breach-exports-policy", {
            bucket: exports.bucket,
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::hardened-stack-dev-exports-111122223333/*" }] }),
        });
    }
    if (steps.includes("paths") && steps.includes("s3")) {
        // "Payments needs last month's telemetry": a properly pinned IRSA role for another workload, reading through
        // a bucket-name wildcard and the version API. Every statement looks fine on its own; the path does not.
        const issuer = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
        const payments = new aws.iam.Role("breach-payments-role", {
            name: "breach-payments-role",
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${issuer}` },
                Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:payments:api", [`${issuer}:aud`]: "sts.amazonaws.com" } } }] }),
        });
        new aws.iam.RolePolicy("breach-payments-read", { role: payments.name, policy: JSON.stringify({ Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObjectVersion", Resource: "arn:aws:s3:::hardened-stack-dev-tele*" }] }) });
        // "A quick export endpoint": a Lambda function URL without auth, in the VPC (so inside the perimeter), whose
        // role reads the telemetry: the internet reads it through the function.
        const exporterRole = new aws.iam.Role("breach-exporter-role", {
            name: "breach-exporter-role",
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
        });
        new aws.iam.RolePolicy("breach-exporter-read", { role: exporterRole.name, policy: JSON.stringify({ Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::hardened-stack-dev-telemetry-111122223333-eu-west-1/*" }] }) });
        const exporter = new aws.lambda.Function("breach-exporter", {
            name: "breach-exporter", role: exporterRole.arn, packageType: "Image",
            imageUri: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/exporter@sha256:0000000000000000000000000000000000000000000000000000000000000000",
            vpcConfig: { subnetIds: ["subnet-0123456789abcdef0"], securityGroupIds: ["sg-0123456789abcdef0"] },
        });
        new aws.lambda.FunctionUrl("breach-exporter-url", { functionName: exporter.name, authorizationType: "NONE" });
        // "Share the telemetry with the vendor": a second bucket policy that looks narrow (one account), but S3 keeps
        // one policy per bucket, so applying it replaces the perimeter policy.
        new aws.s3.BucketPolicy("breach-telemetry-share", { bucket: outputs.telemetryBucket as pulumi.Output<string>, policy: JSON.stringify({ Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::hardened-stack-dev-telemetry-111122223333-eu-west-1/*" }] }) });
    }
    if (steps.includes("paths") && steps.includes("creds")) {
        // "The operator manages its own roles": EKS Pod Identity for payments/default with a role that may attach
        // policies to the payments roles. No wildcard action, no Resource "*": it is still IAM write from a pod.
        const ops = new aws.iam.Role("breach-ops-role", {
            name: "breach-ops-role",
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }] }),
        });
        new aws.iam.RolePolicy("breach-ops-iam", { role: ops.name, policy: JSON.stringify({ Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["iam:AttachRolePolicy", "iam:PutRolePolicy"], Resource: "arn:aws:iam::111122223333:role/payments-*" }] }) });
        // "Let the debug tool exec into pods": no wildcard, no escalation verb, bound to every pod of the cluster.
        new k8s.rbac.v1.ClusterRole("breach-debug-role", { metadata: { name: "debug" },
            rules: [{ apiGroups: [""], resources: ["pods/exec", "nodes/proxy"], verbs: ["create", "get"] }] }, { provider: k8sProvider });
        new k8s.rbac.v1.ClusterRoleBinding("breach-debug-binding", { metadata: { name: "debug" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "debug" },
            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:serviceaccounts" }] }, { provider: k8sProvider });
        // "Viewers need to see the config": secrets folded into the built-in view role of every namespace.
        new k8s.rbac.v1.ClusterRole("breach-aggregate-view", { metadata: { name: "config-viewer", labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } },
            rules: [{ apiGroups: [""], resources: ["secrets", "configmaps"], verbs: ["get", "list"] }] }, { provider: k8sProvider });
        // "CI deploys from every repository": a GitHub Actions trust whose :sub condition is there but matches anything.
        new aws.iam.Role("breach-ci-role", { name: "breach-ci-role", assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow",
            Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "?*" } } }] }) });
        new aws.eks.PodIdentityAssociation("breach-ops-identity", { clusterName: "hardened-stack-dev", namespace: "payments", serviceAccount: "default", roleArn: ops.arn });
    }
    if (steps.includes("mining")) {
        // "The batch job can't reach its API": open egress on a security group and in a NetworkPolicy.
        new aws.ec2.SecurityGroup("breach-batch-sg", { name: "batch", vpcId, egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
        new k8s.networking.v1.NetworkPolicy("breach-allow-all-egress", {
            metadata: { name: "allow-all-egress", namespace: "payments" },
            spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] },
        }, { provider: k8sProvider });
        // "The partner's ranges, for the pods": a hundred public /8s in one NetworkPolicy, each narrow, the internet together.
        new k8s.networking.v1.NetworkPolicy("breach-partner-netpol", {
            metadata: { name: "partner-ranges", namespace: "analytics" },
            spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: Array.from({ length: 100 }, (_, i) => ({ ipBlock: { cidr: `${i + 11}.0.0.0/8` } })) }] },
        }, { provider: k8sProvider });
        // "The partner's ranges": a prefix list of the two halves of the internet, on all ports.
        const partners = new aws.ec2.ManagedPrefixList("breach-partner-ranges", {
            name: "partners", addressFamily: "IPv4", maxEntries: 2, entries: [{ cidr: "0.0.0.0/1" }, { cidr: "128.0.0.0/1" }],
        });
        const partnerSg = new aws.ec2.SecurityGroup("breach-partner-sg", { name: "partners", description: "partner egress", vpcId });
        new aws.vpc.SecurityGroupEgressRule("breach-partner-egress", { securityGroupId: partnerSg.id, prefixListId: partners.id, ipProtocol: "-1" });
        // "DNS blocks a vendor": an ALLOW for every name ahead of the block list, and a firewall rule group passing everything.
        const dnsGroup = new aws.route53.ResolverFirewallRuleGroup("breach-dns-group", { name: "vendor" });
        const everything = new aws.route53.ResolverFirewallDomainList("breach-dns-everything", { name: "everything-vendor", domains: ["*"] });
        new aws.route53.ResolverFirewallRule("breach-dns-allow-all", { name: "allow-all", action: "ALLOW", priority: 1, firewallRuleGroupId: dnsGroup.id, firewallDomainListId: everything.id });
        new aws.route53.ResolverFirewallRule("breach-dns-block-malware", { name: "block-malware", action: "BLOCK", blockResponse: "NXDOMAIN", priority: 100,
            firewallRuleGroupId: dnsGroup.id, firewallDomainListId: "rslvr-fdl-2c46f2ecbfec4dcc" });
        new aws.networkfirewall.RuleGroup("breach-pass-all-group", { name: "vendor-pass", type: "STATEFUL", capacity: 10,
            ruleGroup: { rulesSource: { rulesString: "pass ip any any -> any any (sid:1;)" }, statefulRuleOptions: { ruleOrder: "STRICT_ORDER" } } });
        // "Network policies break the batch job": the CNI stops enforcing them, every policy stays declared.
        new aws.eks.Addon("breach-cni-no-netpol", { addonName: "vpc-cni", clusterName: "hardened-stack-dev", configurationValues: JSON.stringify({ enableNetworkPolicy: "false" }) });
        // "Batch nodes need the partner network": their own subnet, its routes to the partner's transit gateway in two
        // halves (each narrower than the 0.0.0.0/0 to the firewall, so they win by longest prefix: the internet, past it).
        const batchSubnet = new aws.ec2.Subnet("breach-batch-subnet", { vpcId, cidrBlock: "10.0.240.0/24", availabilityZone: "eu-west-1a" });
        const batchTable = new aws.ec2.RouteTable("breach-batch-rt", { vpcId });
        new aws.ec2.RouteTableAssociation("breach-batch-rt-assoc", { subnetId: batchSubnet.id, routeTableId: batchTable.id });
        for (const [name, cidr] of [["breach-partner-low", "0.0.0.0/1"], ["breach-partner-high", "128.0.0.0/1"]]) {
            new aws.ec2.Route(name!, { routeTableId: batchTable.id, destinationCidrBlock: cidr, transitGatewayId: "tgw-0a1b2c3d4e5f60718" });
        }
        new aws.eks.NodeGroup("breach-batch-nodes", { clusterName: "hardened-stack-dev", nodeRoleArn: "arn:aws:iam::111122223333:role/batch-nodes",
            subnetIds: [batchSubnet.id], scalingConfig: { minSize: 1, maxSize: 2, desiredSize: 1 } });
        // "The vendor ships its agent from its own registry": another account's ECR, where anyone with that account pushes.
        const digest = `@sha256:${"a".repeat(64)}`;
        const hardened = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
        const limits = { limits: { cpu: "100m", memory: "128Mi" } };
        new k8s.apps.v1.Deployment("breach-vendor-agent", {
            metadata: { name: "vendor-agent", namespace: "payments" },
            spec: { selector: { matchLabels: { app: "vendor-agent" } }, template: { metadata: { labels: { app: "vendor-agent" } }, spec: {
                automountServiceAccountToken: false,
                containers: [{ name: "agent", image: `999988887777.dkr.ecr.eu-west-1.amazonaws.com/agent${digest}`, resources: limits, securityContext: hardened }],
            } } },
        }, { provider: k8sProvider });
        // "The nightly report needs root": a CronJob whose pods drop the restricted profile (no seccomp, root allowed).
        new k8s.batch.v1.CronJob("breach-report-cron", {
            metadata: { name: "report", namespace: "payments" },
            spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: { spec: {
                restartPolicy: "Never", automountServiceAccountToken: false,
                containers: [{ name: "report", image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/report${digest}`, resources: limits,
                    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }],
            } } } } },
        }, { provider: k8sProvider });
        // "Canary the batch job": an Argo Rollout (a custom resource) whose pod template shares the host's PID namespace.
        new k8s.apiextensions.CustomResource("breach-canary", {
            apiVersion: "argoproj.io/v1alpha1", kind: "Rollout",
            metadata: { name: "batch-canary", namespace: "payments" },
            spec: { selector: { matchLabels: { app: "batch" } }, strategy: { canary: { steps: [{ setWeight: 20 }] } }, template: {
                metadata: { labels: { app: "batch" } },
                spec: { hostPID: true, automountServiceAccountToken: false,
                    containers: [{ name: "batch", image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/batch${digest}`, resources: limits, securityContext: hardened }] },
            } },
        }, { provider: k8sProvider });
        // "Docker Hub rate-limits us": a pull-through cache of Docker Hub, and a repository anyone may push to.
        new aws.ecr.PullThroughCacheRule("breach-dockerhub-cache", { ecrRepositoryPrefix: "docker-hub", upstreamRegistryUrl: "registry-1.docker.io" });
        new aws.ecr.RepositoryPolicy("breach-public-push", {
            repository: "telemetry-reader",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"] }] }),
        });
    }
    if (steps.includes("evasion")) {
        // "CloudTrail is expensive": a second trail without validation, and a VPC nobody logs.
        new aws.cloudtrail.Trail("breach-cheap-trail", { name: "cheap", s3BucketName: "hardened-stack-dev-trail-111122223333-eu-west-1", enableLogFileValidation: false, isMultiRegionTrail: false });
        new aws.ec2.Vpc("breach-sandbox-vpc", { cidrBlock: "10.99.0.0/16" });
        // "Logs cost too much": a trail keeping only writes, trail logs expired after a day, flow records without addresses.
        new aws.cloudtrail.Trail("breach-write-only-trail", {
            name: "write-only", s3BucketName: "hardened-stack-dev-trail-111122223333-eu-west-1", isMultiRegionTrail: true, enableLogFileValidation: true,
            kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            advancedEventSelectors: [{ name: "writes", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, { field: "readOnly", equals: ["false"] }] }],
        });
        new aws.s3.BucketLifecycleConfiguration("breach-short-trail-logs", {
            bucket: "hardened-stack-dev-trail-111122223333-eu-west-1",
            rules: [{ id: "expire-fast", status: "Enabled", filter: {}, expiration: { days: 1 } }],
        });
        new aws.ec2.FlowLog("breach-quiet-flow-log", {
            vpcId, trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::hardened-stack-dev-flow-111122223333",
            logFormat: "${version} ${interface-id} ${packets} ${bytes} ${action}",
        });
        // "The GuardDuty agent eats our pod budget": a quota of zero pods in its namespace, and its add-on left unmanaged.
        new k8s.core.v1.ResourceQuota("breach-agent-quota", { metadata: { name: "no-pods", namespace: "amazon-guardduty" }, spec: { hard: { pods: "0" } } },
            { provider: k8sProvider });
        new aws.guardduty.DetectorFeature("breach-unmanaged-agent", {
            detectorId: "12abc34d567e8fa901bc2d34e56789f0", name: "RUNTIME_MONITORING", status: "ENABLED",
            additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }],
        });
        // "The policy engine should see every pod": a Kyverno policy enforcing on every namespace, the agent's included.
        new k8s.apiextensions.CustomResource("breach-require-team-label", {
            apiVersion: "kyverno.io/v1", kind: "ClusterPolicy", metadata: { name: "require-team-label" },
            spec: { validationFailureAction: "Enforce", rules: [{ name: "team", match: { any: [{ resources: { kinds: ["Pod"] } }] },
                validate: { message: "team label required", pattern: { metadata: { labels: { team: "?*" } } } } }] },
        }, { provider: k8sProvider });
        // "Pager fatigue": a second GuardDuty findings rule, switched off.
        new aws.cloudwatch.EventRule("breach-muted-findings", {
            name: "muted-findings", state: "DISABLED",
            eventPattern: JSON.stringify({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] }),
        });
        // "The mining alerts are noisy": a suppression rule archiving them, and an alert topic anyone can subscribe to.
        new aws.guardduty.Filter("breach-quiet-miners", {
            detectorId: "12abc34d567e8fa901bc2d34e56789f0", name: "quiet-miners", action: "ARCHIVE", rank: 1,
            findingCriteria: { criterions: [{ field: "type", equals: ["CryptoCurrency:Runtime/BitcoinTool.B", "Impact:Runtime/CryptoMinerExecuted"] }] },
        });
        new aws.sns.TopicPolicy("breach-open-alerts", {
            arn: "arn:aws:sns:eu-west-1:111122223333:hardened-stack-dev-security-alerts",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sns:Subscribe", Resource: "*" }] }),
        });
    }
    return outputs;
};
