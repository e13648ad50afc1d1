import { describe, test } from "node:test";
import { disallowPodReachableIamEscalation as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-pod-reachable-iam-escalation";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack } from "./aws-helpers";
import { ACCOUNT, BASELINE, attach, cniRole, doc, inline, managed, nodeRole, pinnedTo, readerGrants, readerRole, replacing, role, secondWorkload } from "./path-fixtures";

describe("disallow-pod-reachable-iam-escalation: no pod obtains credentials that change IAM or own the cluster", () => {
    test("the reference identities pass (node, VPC CNI and reader roles change nothing)", async () => assertClean(await stack(policy, BASELINE)));
    test("a second IRSA workload and a read-only role pass", async () => {
        const viewer = role("viewer-role", doc({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "oidc.eks.eu-west-1.amazonaws.com/id/X:sub": "system:serviceaccount:ops:viewer" } } }));
        assertClean(await stack(policy, [...BASELINE, ...secondWorkload(), viewer, attach(viewer, managed("ReadOnlyAccess"))]));
    });
    test("a role with IAM writes that no pod can obtain (a CI deployer trusted by one repository's workflow) passes", async () => {
        const deployer = role("deployer", doc({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:sub": "repo:org/infra:ref:refs/heads/main" } } }));
        assertClean(await stack(policy, [...BASELINE, deployer, attach(deployer, managed("IAMFullAccess"))]));
    });

    test("a Karpenter-style controller passing only its node role (iam:PassRole on that role's ARN) passes", async () => {
        const karpenter = role("karpenter-controller", doc(pinnedTo("kube-system", "karpenter")));
        const pass = inline(karpenter, "karpenter-pass", { Effect: "Allow", Action: "iam:PassRole", Resource: nodeRole.props.arn });
        assertClean(await stack(policy, [...BASELINE, karpenter, pass]));
    });
    test("iam:PassRole on * for the node role: host-network pods can pass any role", async () => {
        const grant = inline(nodeRole, "node-pass", { Effect: "Allow", Action: "iam:PassRole", Resource: "*" });
        assertFails(await stack(policy, [...BASELINE, grant]), [nodeRole], /host-network pods -> cluster-node-role .* -> iam:PassRole/);
    });
    test("AdministratorAccess in the VPC CNI role's managedPolicyArns: kube-system/aws-node changes IAM", async () => {
        const admin = edit(cniRole, { managedPolicyArns: [managed("AdministratorAccess")] });
        assertFails(await stack(policy, replacing(cniRole, admin)), [cniRole], /pod kube-system\/aws-node -> .* -> iam:PutRolePolicy \(allowed by .*AdministratorAccess/);
    });
    test("PowerUserAccess grants no IAM, but grants eks:CreateAccessEntry: judged by content, it fails", async () => {
        assertFails(await stack(policy, [...BASELINE, attach(readerRole, managed("PowerUserAccess"))]), [readerRole], "eks:CreateAccessEntry");
    });
    test("iam:AttachRolePolicy on one role's ARN is still an IAM write", async () => {
        const grant = inline(readerRole, "self-attach", { Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: `arn:aws:iam::${ACCOUNT}:role/telemetry-reader-role` });
        assertFails(await stack(policy, [...BASELINE, grant]), [readerRole], "iam:AttachRolePolicy");
    });
    test("an EKS access entry giving a Pod Identity role AmazonEKSClusterAdminPolicy: payments/default owns the cluster", async () => {
        const pi = role("payments-role", doc({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }));
        const assoc = res("aws:eks/podIdentityAssociation:PodIdentityAssociation", "payments-default", { namespace: "payments", serviceAccount: "default", roleArn: pi.props.arn }, { roleArn: [pi] });
        const entry = res("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "payments-admin", { principalArn: pi.props.arn, policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } }, { principalArn: [pi] });
        assertFails(await stack(policy, [...BASELINE, pi, assoc, entry]), [pi], "pod payments/default -> payments-role (aws:iam/role:Role) (EKS Pod Identity) -> cluster-admin through payments-admin");
    });
    test("an access entry with system:masters for the reader role fails", async () => {
        const entry = res("aws:eks/accessEntry:AccessEntry", "reader-masters", { principalArn: readerRole.props.arn, kubernetesGroups: ["system:masters"] });
        assertFails(await stack(policy, [...BASELINE, entry]), [readerRole], "kubernetesGroups system:masters");
    });

    test("role chaining: a pod's role allowed sts:AssumeRole on an admin role that trusts the account reaches IAM", async () => {
        const admin = role("ops-admin", doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }));
        const hop = inline(readerRole, "reader-assume", { Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${ACCOUNT}:role/ops-*` });
        assertFails(await stack(policy, [...BASELINE, admin, attach(admin, managed("IAMFullAccess")), hop]), [admin],
            "pod telemetry/telemetry-reader -> ops-admin (aws:iam/role:Role) (IRSA -> telemetry-reader-role (aws:iam/role:Role) -> sts:AssumeRole) -> iam:PutRolePolicy");
    });
    test("role chaining needs both sides: an admin role trusting the account is not reached without the pod role's permission", async () => {
        const admin = role("ops-admin", doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }));
        assertClean(await stack(policy, [...BASELINE, admin, attach(admin, managed("IAMFullAccess"))]));
    });
    test("role chaining: a trust naming the pod role's ARN needs no permission of its own", async () => {
        const admin = role("ops-admin", doc({ Effect: "Allow", Principal: { AWS: readerRole.props.arn }, Action: "sts:AssumeRole" }));
        assertFails(await stack(policy, [...BASELINE, admin, attach(admin, managed("AdministratorAccess"))]), [admin], "-> sts:AssumeRole) -> iam:");
    });
    test("CloudWatchAgentServerPolicy on the node role is known by content and changes nothing in IAM", async () =>
        assertClean(await stack(policy, [...BASELINE, attach(nodeRole, managed("CloudWatchAgentServerPolicy"))])));
    test("an AWS-managed policy the pack does not know, on a pod-reachable role, fails closed naming it", async () => {
        assertFails(await stack(policy, [...BASELINE, attach(nodeRole, managed("AmazonMadeUpPolicy"))]), [nodeRole], "AWS-managed AmazonMadeUpPolicy (content not known to the pack)");
        assertFails(await stack(policy, [...BASELINE, attach(nodeRole, managed("constructor"))]), [nodeRole], "AWS-managed constructor (content not known to the pack)");
    });
    test("a customer-managed policy outside the stack on the node role fails closed", async () => {
        assertFails(await stack(policy, [...BASELINE, attach(nodeRole, `arn:aws:iam::${ACCOUNT}:policy/node-extras`)]), [nodeRole], "cannot prove whether a pod obtains");
    });
    test("an unknown grant of a pod's role defers to `up`, naming it", async () => {
        assertDeferred(await stack(policy, replacing(readerGrants, edit(readerGrants, { policy: UNKNOWN }))), readerGrants, "policy");
    });
});
