import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { disallowUndesignatedSensitiveDataReaders as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-undesignated-sensitive-data-readers";
import { disallowPodReachableIamEscalation } from "../../policy-packs/kill-chain/policies/aws/disallow-pod-reachable-iam-escalation";
import { modelBuilds } from "../../policy-packs/kill-chain/lib/path-model";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, res, stack, withConfig } from "./aws-helpers";
import {
    BASELINE, BUCKET, ISSUER, READ_TELEMETRY, attach, bucket, cniRole, doc, inline, irsaStatement, launchTemplate, managed, nodeRole,
    readerGrants, readerRole, replacing, role, secondWorkload,
} from "./path-fixtures";

describe("disallow-undesignated-sensitive-data-readers: only the designated pod reads the telemetry", () => {
    test("the reference identities pass: only telemetry/telemetry-reader reads the telemetry bucket", async () => assertClean(await stack(policy, BASELINE)));
    test("a second IRSA workload reading its own bucket passes", async () => assertClean(await stack(policy, [...BASELINE, ...secondWorkload()])));
    test("a role reading the bucket that no pod can obtain (trusted by a service) passes", async () => {
        const batch = role("glue-role", doc({ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" }));
        assertClean(await stack(policy, [...BASELINE, batch, inline(batch, "glue-read", READ_TELEMETRY)]));
    });

    test("a second trust statement without the :sub pin undoes the first: every pod reads the telemetry", async () => {
        const opened = edit(readerRole, { assumeRolePolicy: doc(irsaStatement(), irsaStatement({})) });
        assertFails(await stack(policy, replacing(readerRole, opened)), [readerRole], /every pod \(no pinning :sub condition\) -> telemetry-reader-role .*IRSA.* -> s3:GetObject on telemetry-bucket/);
    });
    test("an unpinned Allow with a Deny for every other :sub (StringNotEquals) admits only the designated reader and passes", async () => {
        const guarded = edit(readerRole, { assumeRolePolicy: doc(irsaStatement({}), {
            Effect: "Deny", Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${ISSUER}` }, Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringNotEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:telemetry:telemetry-reader" } },
        }) });
        assertClean(await stack(policy, replacing(readerRole, guarded)));
    });
    test("StringLike \"?*\" on :sub does not narrow anything", async () => {
        const opened = edit(readerRole, { assumeRolePolicy: doc(irsaStatement({ StringLike: { [`${ISSUER}:sub`]: "?*" } })) });
        assertFails(await stack(policy, replacing(readerRole, opened)), [readerRole], "every pod");
    });
    test("a namespace wildcard on :sub lets other service accounts of the namespace read", async () => {
        const opened = edit(readerRole, { assumeRolePolicy: doc(irsaStatement({ StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:telemetry:*" } })) });
        assertFails(await stack(policy, replacing(readerRole, opened)), [readerRole], "pods whose service account matches \"system:serviceaccount:telemetry:*\"");
    });
    test("the node role reading through an ARN wildcard: host-network pods read the telemetry", async () => {
        const grant = inline(nodeRole, "node-read", { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*-telemetry-*/*" });
        assertFails(await stack(policy, [...BASELINE, grant]), [nodeRole], "host-network pods -> cluster-node-role");
    });
    test("the node role with IMDS open to containers (hop limit 2): every pod reads", async () => {
        const grant = inline(nodeRole, "node-read", { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/*` });
        const open = edit(launchTemplate, { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } });
        assertFails(await stack(policy, [...replacing(launchTemplate, open), grant]), [nodeRole], "every pod (IMDS reachable: hop limit 2)");
    });
    test("a Karpenter node class with hop limit 2 whose role reads the bucket: every pod reads", async () => {
        const grant = inline(nodeRole, "node-read", { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/*` });
        const nodeClass = res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "karpenter-default", {
            apiVersion: "karpenter.k8s.aws/v1", kind: "EC2NodeClass", metadata: { name: "default" },
            spec: { role: "cluster-node-role", metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } },
        });
        assertFails(await stack(policy, [...BASELINE, nodeClass, grant]), [nodeRole], "every pod (IMDS reachable: hop limit 2 in karpenter-default) -> cluster-node-role");
    });
    test("a Karpenter node class whose role is unknown in the preview defers the verdict on an EC2 role that reads the bucket", async () => {
        const spare = role("spare-node-role", doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }));
        const nodeClass = res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "karpenter-default", {
            apiVersion: "karpenter.k8s.aws/v1", kind: "EC2NodeClass", metadata: { name: "default" }, spec: { role: UNKNOWN },
        });
        assertDeferred(await stack(policy, [...BASELINE, spare, inline(spare, "spare-read", READ_TELEMETRY), nodeClass]), nodeClass, "spec.role");
    });
    test("AmazonS3ReadOnlyAccess on the VPC CNI's role: kube-system/aws-node reads, judged by the managed policy's content", async () => {
        assertFails(await stack(policy, [...BASELINE, attach(cniRole, managed("AmazonS3ReadOnlyAccess"))]), [cniRole], /pod kube-system\/aws-node -> cluster-vpc-cni-role .* -> s3:GetObject on telemetry-bucket .*\(allowed by .*AmazonS3ReadOnlyAccess/);
    });
    test("a Pod Identity association gives payments/default a role that reads object versions", async () => {
        const pi = role("payments-role", doc({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }));
        const assoc = res("aws:eks/podIdentityAssociation:PodIdentityAssociation", "payments-default", { namespace: "payments", serviceAccount: "default", roleArn: pi.props.arn }, { roleArn: [pi] });
        const grant = inline(pi, "payments-versions", { Effect: "Allow", Action: "s3:GetObjectVersion", Resource: `arn:aws:s3:::${BUCKET}/*` });
        assertFails(await stack(policy, [...BASELINE, pi, assoc, grant]), [pi], "pod payments/default -> payments-role (aws:iam/role:Role) (EKS Pod Identity) -> s3:GetObjectVersion on telemetry-bucket");
    });
    test("an add-on's Pod Identity association gives its service account a role that reads the telemetry", async () => {
        const pi = role("ebs-csi-role", doc({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }));
        const addon = res("aws:eks/addon:Addon", "ebs-csi", { addonName: "aws-ebs-csi-driver", podIdentityAssociations: [{ roleArn: pi.props.arn, serviceAccount: "ebs-csi-controller-sa" }] }, { podIdentityAssociations: [pi] });
        assertFails(await stack(policy, [...BASELINE, pi, addon, inline(pi, "ebs-read", READ_TELEMETRY)]), [pi], "pod kube-system/ebs-csi-controller-sa (add-on) -> ebs-csi-role");
    });
    test("a bucket tagged sensitive is judged like the configured ones", async () => {
        const own = secondWorkload();
        const tagged = edit(own[0]!, { tags: { "hardened-stack/data-class": "sensitive" } });
        assertFails(await stack(policy, [...BASELINE, tagged, ...own.slice(1)]), [own[1]!], "pod payments/api");
    });
    test("a reader named in the bucket's hardened-stack/readers tag is designated", async () => {
        const own = secondWorkload();
        const tagged = edit(own[0]!, { tags: { "hardened-stack/data-class": "sensitive", "hardened-stack/readers": "payments/api" } });
        assertClean(await stack(policy, [...BASELINE, tagged, ...own.slice(1)]));
    });
    test("designatedReaders config replaces the default reader", async () => {
        assertFails(await stack(withConfig(policy, { designatedReaders: ["telemetry/other"] }), BASELINE), [readerRole], "pod telemetry/telemetry-reader");
    });

    test("a customer-managed policy outside the stack on a pod's role fails closed, naming it", async () => {
        const opaque = attach(cniRole, "arn:aws:iam::111122223333:policy/legacy-data-access");
        assertFails(await stack(policy, [...BASELINE, opaque]), [cniRole], "cannot prove whether cluster-vpc-cni-role (aws:iam/role:Role), which pods other than the designated readers may obtain, reads a sensitive bucket: cluster-vpc-cni-role-legacy-data-access");
    });
    test("an unknown grant and trust defer to `up`, naming both", async () => {
        const v = await stack(policy, [...replacing(readerGrants, edit(readerGrants, { policy: UNKNOWN }), replacing(readerRole, edit(readerRole, { assumeRolePolicy: UNKNOWN })))]);
        assert.deepEqual(v.violations, []);
        assert.equal(v.deferred.length, 1);
        assert.match(v.deferred[0]!.message, /policy of .*telemetry-reader-grants/);
        assert.match(v.deferred[0]!.message, /assumeRolePolicy of .*telemetry-reader-role/);
    });
    test("an unknown bucket policy defers, naming it", async () => {
        const grant = inline(cniRole, "cni-read", READ_TELEMETRY);
        const unknownPolicy = BASELINE.find((r) => r.name === "telemetry-policy")!;
        assertDeferred(await stack(policy, [...replacing(unknownPolicy, edit(unknownPolicy, { policy: UNKNOWN })), grant]), unknownPolicy, "policy");
    });

    test("the path model is built once for all the policies of one AnalyzeStack, and again for another stack", async () => {
        const before = modelBuilds();
        const stackA = [...BASELINE, ...secondWorkload()];
        await stack(policy, stackA);
        await stack(disallowPodReachableIamEscalation, stackA);
        assert.equal(modelBuilds() - before, 1);
        await stack(policy, [...stackA, edit(bucket, { bucket: "other" })]);
        assert.equal(modelBuilds() - before, 2);
    });
});
