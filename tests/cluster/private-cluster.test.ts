import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CLUSTER_PROGRAM, MODES, ancestors, inputSources, jsonInput, ofType, one, runCluster } from "./stack";
import { rejections } from "../lib/plan";

const CLUSTER = "aws:eks/cluster:Cluster";
const KEY = "aws:kms/key:Key";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ACCOUNT = "111122223333";

// Constructor validation runs before anything registers: the same in both modes, so checked once, in preview, and
// every refused setting below shares one program run (tests/programs/lib/probe.ts).
const REJECTED_PUBLIC_CIDRS: Array<[string, unknown, RegExp]> = [
    ["[]", [], /invalid PrivateCluster\.publicAccessCidrs: \[\] — must not be empty/],
    ["0.0.0.0/0", ["0.0.0.0/0"], /invalid PrivateCluster\.publicAccessCidrs\[0\]: "0\.0\.0\.0\/0" — must be \/16 or narrower/],
    ["::/0", ["::/0"], /invalid PrivateCluster\.publicAccessCidrs\[0\]: "::\/0" — must be an IPv4 CIDR/],
    ["/8", ["10.0.0.0/8"], /invalid PrivateCluster\.publicAccessCidrs\[0\]: "10\.0\.0\.0\/8" — must be \/16 or narrower/],
    ["host bits", ["203.0.113.7/24"], /invalid PrivateCluster\.publicAccessCidrs\[0\]: "203\.0\.113\.7\/24" — must not have host bits set/],
];
const REJECTED_SETTINGS: Array<[string, Record<string, unknown>, RegExp]> = [
    ["version 1.30 (out of standard support)", { version: "1.30" }, /invalid PrivateCluster\.version: "1\.30" — must be one of 1\.34, 1\.35, 1\.36/],
    ["admin role wildcard", { adminRoleArns: [`arn:aws:iam::${ACCOUNT}:role/*`] }, /invalid PrivateCluster\.adminRoleArns\[0\]/],
    ["admin is an IAM user", { adminRoleArns: [`arn:aws:iam::${ACCOUNT}:user/alice`] }, /invalid PrivateCluster\.adminRoleArns\[0\].*IAM users are not accepted/],
    ["no admin role", { adminRoleArns: [] }, /invalid PrivateCluster\.adminRoleArns: \[\] — must list at least one role/],
    ["log retention 90 days", { logRetentionDays: 90 }, /invalid PrivateCluster\.logRetentionDays: 90/],
    ["node group maxSize 0", { nodeGroup: { instanceTypes: ["m7i.large"], minSize: 0, maxSize: 0, desiredSize: 0, diskSizeGiB: 50 } }, /invalid PrivateCluster\.nodeGroup\.maxSize: 0/],
    ["egress mode open", { egressMode: "open" }, /invalid PrivateCluster\.egressMode: "open"/],
];
const probe = rejections(CLUSTER_PROGRAM, "cluster", [
    ...REJECTED_PUBLIC_CIDRS.map(([, value]) => ({ publicAccessCidrs: value })),
    ...REJECTED_SETTINGS.map(([, overrides]) => overrides),
]);

for (const mode of MODES) {
    describe(`PrivateCluster (${mode})`, () => {
        describe("API endpoint", () => {
            test("publicAccessCidrs `undefined`: endpoint is private only and the public endpoint is explicitly off", async () => {
                const run = await runCluster(mode);
                const vpc = one(run, CLUSTER).inputs.vpcConfig as Record<string, unknown>;
                assert.equal(vpc.endpointPrivateAccess, true);
                assert.equal(vpc.endpointPublicAccess, false);
                assert.equal(vpc.publicAccessCidrs, undefined);
            });

            test("publicAccessCidrs `[\"203.0.113.0/24\"]`: the public endpoint opens to exactly that range", async () => {
                const run = await runCluster(mode, { publicAccessCidrs: ["203.0.113.0/24"] });
                const vpc = one(run, CLUSTER).inputs.vpcConfig as Record<string, unknown>;
                assert.equal(vpc.endpointPrivateAccess, true);
                assert.equal(vpc.endpointPublicAccess, true);
                assert.deepEqual(vpc.publicAccessCidrs, ["203.0.113.0/24"]);
            });

            if (mode === "preview") {
                for (const [i, [label, , message]] of REJECTED_PUBLIC_CIDRS.entries()) {
                    test(`publicAccessCidrs \`${label}\` is rejected by the constructor`, async () => {
                        assert.match(await probe(i), message);
                    });
                }
                test("a rejected setting fails the whole program before any resource is created", async () => {
                    await assert.rejects(runCluster(mode, { publicAccessCidrs: REJECTED_PUBLIC_CIDRS[0]![1] }), REJECTED_PUBLIC_CIDRS[0]![2]);
                });
            }
        });

        test("control-plane logs: all five types go to the pre-created, KMS-encrypted log group the cluster depends on", async () => {
            const run = await runCluster(mode);
            const cluster = one(run, CLUSTER);
            assert.deepEqual(cluster.inputs.enabledClusterLogTypes, ["api", "audit", "authenticator", "controllerManager", "scheduler"]);
            const group = one(run, "aws:cloudwatch/logGroup:LogGroup");
            assert.equal(group.inputs.name, "/aws/eks/hardened-stack-dev/cluster");
            assert.equal(group.inputs.retentionInDays, 365);
            assert.ok(cluster.dependencies.includes(group.urn), "the cluster must depend on the log group");
            const [key] = inputSources(run, group, "kmsKeyId");
            assert.equal(key?.type, KEY, "the log group must be encrypted with a customer key");
            assert.equal(key.inputs.enableKeyRotation, true);
            const policy = jsonInput(key, "policy")!;
            const statements = policy.Statement as Array<Record<string, unknown>>;
            const logs = statements.find((s) => (s.Principal as Record<string, string>).Service === "logs.eu-west-1.amazonaws.com");
            assert.ok(logs, "the key policy must let CloudWatch Logs use the key");
            assert.deepEqual(logs.Condition, {
                ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/eks/hardened-stack-dev/cluster` },
            });
            if (mode === "up") assert.equal(group.inputs.kmsKeyId, key.outputs.arn);
        });

        test("Kubernetes Secrets are envelope-encrypted with a rotating customer key", async () => {
            const run = await runCluster(mode);
            const cluster = one(run, CLUSTER);
            const enc = cluster.inputs.encryptionConfig as { resources: string[] };
            assert.deepEqual(enc.resources, ["secrets"]);
            const [key] = inputSources(run, cluster, "encryptionConfig").filter((r) => r.type === KEY);
            assert.ok(key, "encryptionConfig must come from a KMS key of this stack");
            assert.equal(key.inputs.enableKeyRotation, true);
            assert.ok(ancestors(run, key).some((a) => a.name === "platform-secrets-key"));
        });

        test("authentication is access entries only (API) and the cluster creator gets no admin", async () => {
            const run = await runCluster(mode);
            assert.deepEqual(one(run, CLUSTER).inputs.accessConfig, { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
        });

        test("cluster has deletion protection and skips the self-managed bootstrap add-ons", async () => {
            const run = await runCluster(mode);
            const cluster = one(run, CLUSTER);
            assert.equal(cluster.inputs.deletionProtection, true);
            assert.equal(cluster.inputs.bootstrapSelfManagedAddons, false);
        });

        test("nodes require IMDSv2 with a hop limit of 1", async () => {
            const run = await runCluster(mode);
            const lt = one(run, "aws:ec2/launchTemplate:LaunchTemplate");
            assert.deepEqual(lt.inputs.metadataOptions, {
                httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, httpProtocolIpv6: "disabled", instanceMetadataTags: "disabled",
            });
        });

        test("node EBS volumes are encrypted with the node-volume customer key, which Auto Scaling may use", async () => {
            const run = await runCluster(mode);
            const lt = one(run, "aws:ec2/launchTemplate:LaunchTemplate");
            const mappings = lt.inputs.blockDeviceMappings as Array<{ deviceName: string; ebs: Record<string, unknown> }>;
            assert.equal(mappings.length, 1);
            assert.equal(mappings[0].deviceName, "/dev/xvda");
            assert.equal(mappings[0].ebs.encrypted, "true");
            const [key] = inputSources(run, lt, "blockDeviceMappings").filter((r) => r.type === KEY);
            assert.ok(key, "the volume key must be a KMS key of this stack");
            assert.equal(key.inputs.enableKeyRotation, true);
            if (mode === "up") assert.equal(mappings[0].ebs.kmsKeyId, key.outputs.arn);
            const grant = one(run, "aws:kms/grant:Grant");
            assert.equal(grant.inputs.granteePrincipal, `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`);
            assert.ok((grant.inputs.operations as string[]).includes("CreateGrant"));
            assert.ok(inputSources(run, grant, "keyId").some((r) => r.urn === key.urn), "the grant must be on the volume key");
            assert.ok(one(run, "aws:eks/nodeGroup:NodeGroup").dependencies.includes(grant.urn), "nodes must wait for the grant");
        });

        test("nodes have no SSH: no remote access, no key pair, no public IP", async () => {
            const run = await runCluster(mode);
            const ng = one(run, "aws:eks/nodeGroup:NodeGroup");
            assert.equal(ng.inputs.remoteAccess, undefined);
            const lt = one(run, "aws:ec2/launchTemplate:LaunchTemplate");
            assert.equal(lt.inputs.keyName, undefined);
            const nics = lt.inputs.networkInterfaces as Array<Record<string, unknown>>;
            assert.equal(nics.length, 1);
            assert.equal(nics[0].associatePublicIpAddress, "false");
            assert.deepEqual(ng.inputs.amiType, "AL2023_x86_64_STANDARD");
            if (mode === "up") assert.deepEqual(ng.inputs.launchTemplate, { id: lt.id, version: String(lt.outputs.latestVersion) });
        });

        test("node role has exactly the worker, ECR pull-only and SSM policies, and not the CNI policy", async () => {
            const run = await runCluster(mode);
            const role = one(run, "aws:iam/role:Role", "platform-node-role");
            const trust = jsonInput(role, "assumeRolePolicy")!;
            assert.deepEqual((trust.Statement as Array<Record<string, unknown>>).map((s) => s.Principal), [{ Service: "ec2.amazonaws.com" }]);
            const attached = ofType(run, ATTACH).filter((a) => inputSources(run, a, "role").some((r) => r.urn === role.urn));
            assert.deepEqual(attached.map((a) => a.inputs.policyArn).sort(), [
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
                "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
            ]);
            assert.equal(ofType(run, "aws:iam/rolePolicy:RolePolicy").filter((p) => inputSources(run, p, "role").some((r) => r.urn === role.urn)).length, 0,
                "no inline policy on the node role");
        });

        test("cluster role has AmazonEKSClusterPolicy only", async () => {
            const run = await runCluster(mode);
            const role = one(run, "aws:iam/role:Role", "platform-cluster-role");
            const attached = ofType(run, ATTACH).filter((a) => inputSources(run, a, "role").some((r) => r.urn === role.urn));
            assert.deepEqual(attached.map((a) => a.inputs.policyArn), ["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"]);
        });

        test("vpc-cni add-on runs on its IRSA role with network policy enforcement on", async () => {
            const run = await runCluster(mode);
            const cni = one(run, "aws:eks/addon:Addon", "platform-vpc-cni");
            assert.equal(cni.inputs.addonName, "vpc-cni");
            assert.deepEqual(JSON.parse(cni.inputs.configurationValues as string), { enableNetworkPolicy: "true" });
            assert.equal(cni.inputs.resolveConflictsOnCreate, "OVERWRITE");
            assert.equal(cni.inputs.resolveConflictsOnUpdate, "OVERWRITE");
            const [role] = inputSources(run, cni, "serviceAccountRoleArn");
            assert.equal(role?.type, "aws:iam/role:Role");
            assert.ok(ancestors(run, role).some((a) => a.type === "hardened:index:IrsaRole"), "the role must be an IrsaRole");
            const cniAttach = ofType(run, ATTACH).filter((a) => inputSources(run, a, "role").some((r) => r.urn === role.urn));
            assert.deepEqual(cniAttach.map((a) => a.inputs.policyArn), ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]);
            if (mode === "up") assert.equal(cni.inputs.serviceAccountRoleArn, role.outputs.arn);
        });

        test("the CNI role trusts exactly kube-system/aws-node with the STS audience", async () => {
            const run = await runCluster(mode);
            const role = one(run, "aws:iam/role:Role", "platform-vpc-cni-role");
            const provider = one(run, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
            assert.deepEqual(provider.inputs.clientIdLists, ["sts.amazonaws.com"]);
            assert.ok(inputSources(run, role, "assumeRolePolicy").some((r) => r.urn === provider.urn));
            const trust = jsonInput(role, "assumeRolePolicy");
            if (mode === "preview") {
                // The issuer is assigned by EKS, so the document can only be checked after `up`.
                assert.equal(trust, undefined);
                return;
            }
            const issuer = (provider.inputs.url as string).replace(/^https:\/\//, "");
            assert.deepEqual(trust, {
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Federated: provider.outputs.arn },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:kube-system:aws-node", [`${issuer}:aud`]: "sts.amazonaws.com" } },
                }],
            });
        });

        test("add-ons: CoreDNS waits for nodes; nodes wait for the CNI and kube-proxy", async () => {
            const run = await runCluster(mode);
            const ng = one(run, "aws:eks/nodeGroup:NodeGroup");
            const cni = one(run, "aws:eks/addon:Addon", "platform-vpc-cni");
            const proxy = one(run, "aws:eks/addon:Addon", "platform-kube-proxy");
            assert.ok(ng.dependencies.includes(cni.urn) && ng.dependencies.includes(proxy.urn));
            assert.ok(one(run, "aws:eks/addon:Addon", "platform-coredns").dependencies.includes(ng.urn));
            assert.equal(ofType(run, "aws:eks/addon:Addon").filter((a) => a.inputs.addonName === "eks-pod-identity-agent").length, 0);
        });

        describe("security groups", () => {
            const nodeGroupOf = async (overrides: Record<string, unknown> = {}) => {
                const run = await runCluster(mode, overrides);
                const node = one(run, SG, "platform-sg-node");
                const rules = (type: string) => ofType(run, type).filter((r) => inputSources(run, r, "securityGroupId").some((s) => s.urn === node.urn));
                return { run, node, ingress: rules(INGRESS), egress: rules(EGRESS) };
            };

            test("sealed: node egress is the VPC CIDR and the S3 prefix list on 443, nothing else", async () => {
                const { egress } = await nodeGroupOf();
                const shape = egress.map((r) => ({ cidr: r.inputs.cidrIpv4, pl: r.inputs.prefixListId, proto: r.inputs.ipProtocol, from: r.inputs.fromPort, to: r.inputs.toPort }));
                assert.deepEqual(shape.sort((a, b) => String(a.cidr).localeCompare(String(b.cidr))), [
                    { cidr: "10.20.0.0/16", pl: undefined, proto: "-1", from: undefined, to: undefined },
                    { cidr: undefined, pl: "pl-6da54004", proto: "tcp", from: 443, to: 443 },
                ]);
            });

            test("allowlist: the only addition is HTTPS to 0.0.0.0/0 for the firewall-filtered path", async () => {
                const { egress } = await nodeGroupOf({ egressMode: "allowlist" });
                const open = egress.filter((r) => r.inputs.cidrIpv4 === "0.0.0.0/0");
                assert.equal(egress.length, 3);
                assert.equal(open.length, 1);
                assert.deepEqual([open[0].inputs.ipProtocol, open[0].inputs.fromPort, open[0].inputs.toPort], ["tcp", 443, 443]);
            });

            test("no security group admits traffic from outside the VPC: every ingress rule names a security group", async () => {
                const run = await runCluster(mode, { publicAccessCidrs: ["203.0.113.0/24"] });
                const ingress = ofType(run, INGRESS);
                assert.ok(ingress.length >= 4);
                for (const r of ingress) {
                    assert.equal(r.inputs.cidrIpv4, undefined, `${r.name} must not take a CIDR`);
                    assert.equal(r.inputs.cidrIpv6, undefined, `${r.name} must not take a CIDR`);
                    assert.equal(r.inputs.prefixListId, undefined, `${r.name} must not take a prefix list`);
                    const [peer] = inputSources(run, r, "referencedSecurityGroupId");
                    assert.equal(peer?.type, SG, `${r.name} must reference a security group of this stack`);
                }
                for (const sg of ofType(run, SG)) {
                    assert.equal(sg.inputs.ingress, undefined, `${sg.name} must have no inline ingress`);
                }
            });

            test("node ingress comes only from the control-plane group and the node group itself", async () => {
                const { run, node, ingress } = await nodeGroupOf();
                const cluster = one(run, SG, "platform-sg-cluster");
                const peers = new Set(ingress.flatMap((r) => inputSources(run, r, "referencedSecurityGroupId").map((s) => s.urn)));
                assert.deepEqual([...peers].sort(), [cluster.urn, node.urn].sort());
            });
        });

        test("access entries: admins get cluster admin, read-only roles get the view policy, nobody else", async () => {
            const run = await runCluster(mode);
            const entries = ofType(run, "aws:eks/accessEntry:AccessEntry");
            assert.deepEqual(entries.map((e) => [e.inputs.principalArn, e.inputs.type]).sort(), [
                [`arn:aws:iam::${ACCOUNT}:role/auditor`, "STANDARD"],
                [`arn:aws:iam::${ACCOUNT}:role/platform-admin`, "STANDARD"],
            ]);
            const assoc = ofType(run, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
            assert.deepEqual(assoc.map((a) => [a.inputs.principalArn, a.inputs.policyArn, a.inputs.accessScope]).sort(), [
                [`arn:aws:iam::${ACCOUNT}:role/auditor`, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", { type: "cluster" }],
                [`arn:aws:iam::${ACCOUNT}:role/platform-admin`, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", { type: "cluster" }],
            ]);
        });

        test("the stack has no IAM users, access keys or login profiles", async () => {
            const run = await runCluster(mode);
            const forbidden = run.resources.filter((r) => /^aws:iam\/(user|accessKey|userPolicy|userPolicyAttachment|loginProfile|userLoginProfile|group)[A-Z:]/.test(r.type));
            assert.deepEqual(forbidden.map((r) => r.type), []);
            assert.ok(run.resources.some((r) => r.type.startsWith("aws:iam/")), "sanity: the stack does create IAM resources");
        });

        test("outputs: cluster name and log group name are known in preview; the issuer has no scheme", async () => {
            const run = await runCluster(mode);
            assert.equal(run.stackOutputs.clusterName, "hardened-stack-dev");
            assert.equal(run.stackOutputs.logGroupName, "/aws/eks/hardened-stack-dev/cluster");
            if (mode === "up") assert.match(run.stackOutputs.oidcIssuer as string, /^oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[A-Z0-9]+$/);
        });

        describe("constructor validation", () => {
            if (mode === "preview") {
                for (const [i, [label, , message]] of REJECTED_SETTINGS.entries()) {
                    test(`${label} is rejected`, async () => {
                        assert.match(await probe(REJECTED_PUBLIC_CIDRS.length + i), message);
                    });
                }
            }
        });
    });
}

describe("PrivateCluster in a fresh account, and its teardown switch (preview)", () => {
    const SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
    const protectedState = (run: Awaited<ReturnType<typeof runCluster>>) => ({
        cluster: one(run, CLUSTER).inputs.deletionProtection,
        logGroup: one(run, "aws:cloudwatch/logGroup:LogGroup").inputs.deletionProtectionEnabled,
    });

    test("by default the Auto Scaling service-linked role is taken as existing, and deletion protection is on", async () => {
        const run = await runCluster("preview");
        assert.equal(ofType(run, SLR).length, 0);
        assert.deepEqual(protectedState(run), { cluster: true, logGroup: true });
    });

    test("a fresh account: the role is created first (kept on destroy), and the volume-key grant waits for it", async () => {
        const run = await runCluster("preview", { autoScalingServiceLinkedRole: "create", deletionProtection: false });
        const role = one(run, SLR);
        assert.equal(role.inputs.awsServiceName, "autoscaling.amazonaws.com");
        assert.equal((role.inputs.tags as Record<string, string>)["hardened-stack:created-by"], "hardened-stack/dev");
        assert.equal(role.options.retainOnDelete, true);
        const grant = one(run, "aws:kms/grant:Grant");
        assert.ok(grant.dependencies.includes(role.urn), "the grant must wait for the role it names");
        assert.equal(grant.inputs.granteePrincipal, `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`);
        // The same run lifts deletion protection: what `operations.allowDestroy` passes down for a teardown.
        assert.deepEqual(protectedState(run), { cluster: false, logGroup: false });
    });
});
