import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { catalogEntry, removalRisk, SECURITY_PROPERTIES, weakeningsOf } from "../../policy-packs/kill-chain/catalog/security-properties";
import { isUnknown, UNKNOWN } from "../../engine/constants";
import { execFileSync } from "node:child_process";

const ctx = { isUnknown };
const weak = (type: string, before: Record<string, unknown>, after: Record<string, unknown>) => weakeningsOf(type, before, after, ctx);
const paths = (type: string, before: Record<string, unknown>, after: Record<string, unknown>) => weak(type, before, after).filter((w) => !w.unknown).map((w) => w.path);

const EKS = "aws:eks/cluster:Cluster";
const eks = (vpc: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ vpcConfig: { subnetIds: ["subnet-1"], ...vpc }, ...extra });
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describe("catalog: EKS endpoint and access", () => {
    test("the EKS endpoint becoming public is a weakening, shown false -> true", () => {
        const [w] = weak(EKS, eks({ endpointPublicAccess: false }), eks({ endpointPublicAccess: true }));
        assert.equal(w!.path, "vpcConfig.endpointPublicAccess");
        assert.equal(w!.before, false);
        assert.equal(w!.after, true);
        assert.equal(w!.step, "console");
    });
    test("dropping endpointPublicAccess=false is a weakening: AWS reads unset as public", () => {
        assert.deepEqual(paths(EKS, eks({ endpointPublicAccess: false }), eks({})), ["vpcConfig.endpointPublicAccess"]);
    });
    test("closing the public endpoint is not a weakening", () => {
        assert.deepEqual(paths(EKS, eks({ endpointPublicAccess: true }), eks({ endpointPublicAccess: false })), []);
    });
    test("publicAccessCidrs widened from a /16 to 0.0.0.0/0 or to a wider range is a weakening; narrowed is not", () => {
        assert.deepEqual(paths(EKS, eks({ publicAccessCidrs: ["10.20.0.0/16"] }), eks({ publicAccessCidrs: ["0.0.0.0/0"] })), ["vpcConfig.publicAccessCidrs"]);
        assert.deepEqual(paths(EKS, eks({ publicAccessCidrs: ["10.20.0.0/16"] }), eks({ publicAccessCidrs: ["10.0.0.0/8"] })), ["vpcConfig.publicAccessCidrs"]);
        assert.deepEqual(paths(EKS, eks({ publicAccessCidrs: ["10.20.0.0/16"] }), eks({ publicAccessCidrs: ["10.20.1.0/24"] })), []);
        assert.deepEqual(paths(EKS, eks({ publicAccessCidrs: ["10.20.0.0/16"] }), eks({ publicAccessCidrs: [] })), ["vpcConfig.publicAccessCidrs"], "[] means 0.0.0.0/0 to EKS");
    });
    test("authentication mode moving back to the aws-auth ConfigMap is a weakening", () => {
        const w = weak(EKS, eks({}, { accessConfig: { authenticationMode: "API" } }), eks({}, { accessConfig: { authenticationMode: "API_AND_CONFIG_MAP" } }));
        assert.deepEqual(w.map((x) => x.path), ["accessConfig.authenticationMode"]);
    });
    test("losing the audit log type is a weakening; adding one is not", () => {
        assert.deepEqual(paths(EKS, { enabledClusterLogTypes: ["api", "audit"] }, { enabledClusterLogTypes: ["api"] }), ["enabledClusterLogTypes"]);
        assert.deepEqual(paths(EKS, { enabledClusterLogTypes: ["api"] }, { enabledClusterLogTypes: ["api", "audit"] }), []);
    });
    test("a public endpoint flag that is unknown in the preview is reported as unverified, not as a weakening", () => {
        const [w] = weak(EKS, eks({ endpointPublicAccess: false }), eks({ endpointPublicAccess: UNKNOWN }));
        assert.equal(w!.unknown, true);
        assert.equal(w!.path, "vpcConfig.endpointPublicAccess");
    });
});

describe("catalog: IAM and bucket policy documents", () => {
    const reader = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/reader" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::telemetry/*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } };
    const tlsOnly = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::telemetry/*", Condition: { Bool: { "aws:SecureTransport": "false" } } };
    const BP = "aws:s3/bucketPolicy:BucketPolicy";
    test("a bucket policy that now allows Principal * is a weakening naming the new grant", () => {
        const [w] = weak(BP, { policy: doc(reader) }, { policy: doc({ ...reader, Principal: "*" }) });
        assert.match(w!.why, /now allows s3:GetObject on arn:aws:s3:::telemetry\/\* to \*/);
        assert.equal(w!.step, "s3");
    });
    test("dropping the VPC-endpoint condition widens the grant", () => {
        const { Condition: _c, ...unconditional } = reader;
        assert.deepEqual(paths(BP, { policy: doc(reader) }, { policy: doc(unconditional) }), ["policy"]);
    });
    test("removing a Deny statement is a weakening", () => {
        const [w] = weak(BP, { policy: doc(reader, tlsOnly) }, { policy: doc(reader) });
        assert.match(w!.why, /no longer denies s3:\*/);
    });
    test("a narrower document (fewer actions, same principal) is not a weakening", () => {
        const broad = { ...reader, Action: ["s3:GetObject", "s3:ListBucket"] };
        assert.deepEqual(paths(BP, { policy: doc(broad) }, { policy: doc(reader) }), []);
    });
    test("object and JSON-string documents compare as the same document", () => {
        assert.deepEqual(paths(BP, { policy: doc(reader) }, { policy: { Version: "2012-10-17", Statement: [reader] } }), []);
    });
    test("an identity policy gaining s3:* or a new resource is a weakening", () => {
        const p = (Action: string, Resource: string) => ({ policy: doc({ Effect: "Allow", Action, Resource }) });
        assert.deepEqual(paths("aws:iam/rolePolicy:RolePolicy", p("s3:GetObject", "arn:aws:s3:::a/*"), p("s3:*", "arn:aws:s3:::a/*")), ["policy"]);
        assert.deepEqual(paths("aws:iam/policy:Policy", p("s3:GetObject", "arn:aws:s3:::a/*"), p("s3:GetObject", "*")), ["policy"]);
        assert.deepEqual(paths("aws:iam/policy:Policy", p("s3:*", "*"), p("s3:GetObject", "arn:aws:s3:::a/*")), []);
    });
    test("a trust policy trusting a new principal is a weakening of who can assume the role", () => {
        const trust = (principal: unknown) => ({ assumeRolePolicy: doc({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }) });
        const [w] = weak("aws:iam/role:Role", trust({ Service: "ec2.amazonaws.com" }), trust({ Service: "ec2.amazonaws.com", AWS: "arn:aws:iam::444455556666:root" }));
        assert.equal(w!.path, "assumeRolePolicy");
        assert.match(w!.why, /444455556666/);
    });
    test("a role gaining a managed policy, and an attachment switching to AdministratorAccess, are weakenings", () => {
        assert.deepEqual(paths("aws:iam/role:Role", { managedPolicyArns: [] }, { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }), ["managedPolicyArns"]);
        assert.deepEqual(paths("aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" }, { role: "r", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }), ["policyArn"]);
    });
    test("a document that no longer parses counts as weaker", () => {
        assert.deepEqual(paths(BP, { policy: doc(reader) }, { policy: "{not json" }), ["policy"]);
    });
});

describe("catalog: S3, network, Kubernetes, logging, encryption", () => {
    const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
    test("each public-access-block flag turned off (or unset) is a weakening", () => {
        assert.deepEqual(paths(PAB, all, { ...all, blockPublicPolicy: false }), ["blockPublicPolicy"]);
        const { restrictPublicBuckets: _r, ...unset } = all;
        assert.deepEqual(paths(PAB, all, unset), ["restrictPublicBuckets"]);
    });
    test("a bucket ACL going public-read is a weakening; log-delivery-write is not", () => {
        assert.deepEqual(paths("aws:s3/bucketAclV2:BucketAclV2", { acl: "private" }, { acl: "public-read" }), ["acl"]);
        assert.deepEqual(paths("aws:s3/bucketAclV2:BucketAclV2", { acl: "private" }, { acl: "log-delivery-write" }), []);
    });
    test("ownership controls re-enabling ACLs is a weakening", () => {
        assert.deepEqual(paths("aws:s3/bucketOwnershipControls:BucketOwnershipControls", { rule: { objectOwnership: "BucketOwnerEnforced" } }, { rule: { objectOwnership: "ObjectWriter" } }), ["rule.objectOwnership"]);
    });
    test("a security group opening SSH to 0.0.0.0/0 is a weakening; narrowing a range is not", () => {
        const SG = "aws:ec2/securityGroup:SecurityGroup";
        const https = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] };
        const [w] = weak(SG, { ingress: [https] }, { ingress: [https, { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
        assert.match(w!.why, /ingress tcp\/22 from 0\.0\.0\.0\/0/);
        assert.equal(w!.step, "mining");
        assert.deepEqual(paths(SG, { ingress: [https] }, { ingress: [{ ...https, cidrBlocks: ["10.0.1.0/24"] }] }), []);
        assert.deepEqual(paths(SG, { egress: [https] }, { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }), ["(rules)"], "egress to anywhere");
    });
    test("a single rule resource widened to all ports is a weakening", () => {
        const R = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
        assert.deepEqual(paths(R, { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16" }, { ipProtocol: "-1", cidrIpv4: "10.0.0.0/16" }), ["(rules)"]);
    });
    test("a NetworkPolicy losing Egress from policyTypes, or gaining an allow-all egress rule, is a weakening", () => {
        const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
        const deny = { spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } };
        assert.deepEqual(paths(NP, deny, { spec: { podSelector: {}, policyTypes: ["Ingress"] } }), ["spec.policyTypes"]);
        assert.deepEqual(paths(NP, deny, { spec: { ...deny.spec, egress: [{}] } }), ["spec.egress"]);
    });
    test("a ClusterRole gaining secrets get, or a binding gaining a subject, is a weakening", () => {
        const CR = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole";
        const pods = { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] };
        const [w] = weak(CR, { rules: [pods] }, { rules: [pods, { apiGroups: [""], resources: ["secrets"], verbs: ["get"] }] });
        assert.match(w!.why, /get secrets/);
        assert.deepEqual(paths(CR, { rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] }, { rules: [pods] }), []);
        assert.deepEqual(paths("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
            { roleRef: { name: "view" }, subjects: [{ kind: "Group", name: "devs" }] },
            { roleRef: { name: "view" }, subjects: [{ kind: "Group", name: "devs" }, { kind: "Group", name: "system:unauthenticated" }] }), ["subjects"]);
    });
    test("a namespace's PSA enforce label lowered from restricted to privileged is a weakening", () => {
        const ns = (level?: string) => ({ metadata: { labels: level ? { "pod-security.kubernetes.io/enforce": level } : {} } });
        assert.deepEqual(paths("kubernetes:core/v1:Namespace", ns("restricted"), ns("privileged")), ["metadata.labels.pod-security.kubernetes.io/enforce"]);
        assert.deepEqual(paths("kubernetes:core/v1:Namespace", ns("restricted"), ns()), ["metadata.labels.pod-security.kubernetes.io/enforce"], "no label is privileged");
        assert.deepEqual(paths("kubernetes:core/v1:Namespace", ns("baseline"), ns("restricted")), []);
    });
    test("a Deployment turning on hostNetwork or a privileged container is a weakening", () => {
        const dep = (spec: Record<string, unknown>) => ({ spec: { template: { spec: { containers: [{ name: "app", image: "x" }], ...spec } } } });
        assert.deepEqual(paths("kubernetes:apps/v1:Deployment", dep({}), dep({ hostNetwork: true })), ["(pod security context)"]);
        assert.deepEqual(paths("kubernetes:apps/v1:Deployment", dep({}), dep({ containers: [{ name: "app", securityContext: { privileged: true } }] })), ["(pod security context)"]);
    });
    test("logging and encryption: trail logging off, shorter retention, key rotation off, CMK replaced by AES256, IMDS hop limit raised", () => {
        assert.deepEqual(paths("aws:cloudtrail/trail:Trail", { enableLogging: true }, { enableLogging: false }), ["enableLogging"]);
        assert.deepEqual(paths("aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 365 }, { retentionInDays: 7 }), ["retentionInDays"]);
        assert.deepEqual(paths("aws:cloudwatch/logGroup:LogGroup", {}, { retentionInDays: 365 }), ["retentionInDays"], "unset keeps logs forever");
        assert.deepEqual(paths("aws:kms/key:Key", { enableKeyRotation: true }, { enableKeyRotation: false }), ["enableKeyRotation"]);
        const sse = (alg: string) => ({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: alg } }] });
        assert.deepEqual(paths("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", sse("aws:kms"), sse("AES256")), ["rules"]);
        assert.deepEqual(paths("aws:ec2/launchTemplate:LaunchTemplate", { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } },
            { metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 2 } }), ["metadataOptions.httpTokens", "metadataOptions.httpPutResponseHopLimit"]);
        assert.deepEqual(paths(EKS, { encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:eu-west-1:111122223333:key/1" } } }, {}), ["encryptionConfig"]);
    });
    test("flow logs, public access blocks, NetworkPolicies and GuardDuty are security resources whose removal is a finding; a Lambda is not", () => {
        for (const t of ["aws:ec2/flowLog:FlowLog", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "kubernetes:networking.k8s.io/v1:NetworkPolicy", "aws:guardduty/detector:Detector"]) {
            assert.ok(removalRisk(t), t);
        }
        assert.equal(removalRisk("aws:lambda/function:Function"), undefined);
    });
    test("every catalogued type is listed once, and every entry carries a control and a kill-chain step", () => {
        const types = SECURITY_PROPERTIES.flatMap((e) => e.types);
        assert.equal(new Set(types).size, types.length);
        for (const e of SECURITY_PROPERTIES) {
            assert.ok(e.checks.length > 0 || e.removal, e.title);
            for (const c of e.checks) assert.ok(c.control && ["console", "creds", "s3", "mining", "evasion"].includes(c.step), `${e.title} ${c.path}`);
        }
        assert.equal(catalogEntry("aws:lambda/function:Function"), undefined);
    });
    test("the catalog loads without the policy SDK (the review CLI never starts a pack to read it)", () => {
        const script = "require('./policy-packs/kill-chain/catalog/security-properties');"
            + "process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('@pulumi'))));";
        const loaded = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" })) as string[];
        assert.deepEqual(loaded, []);
    });
    test("an unchanged resource, or a change to a property outside the catalogue, is never a weakening", () => {
        const sg = { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }], tags: { a: "1" } };
        assert.deepEqual(weak("aws:ec2/securityGroup:SecurityGroup", sg, sg), []);
        assert.deepEqual(weak(EKS, eks({ endpointPublicAccess: false }, { tags: { a: "1" } }), eks({ endpointPublicAccess: false }, { tags: { a: "2" } })), []);
    });
});

describe("catalog: doors the path model follows", () => {
    test("a load balancer losing internal: true becomes internet-facing (unset means internet-facing)", () => {
        assert.deepEqual(paths("aws:lb/loadBalancer:LoadBalancer", { internal: true }, {}), ["internal"]);
        assert.deepEqual(paths("aws:lb/loadBalancer:LoadBalancer", { internal: false }, { internal: true }), []);
    });
    test("a Lambda function URL moving from AWS_IAM to NONE is a weakening", () =>
        assert.deepEqual(paths("aws:lambda/functionUrl:FunctionUrl", { authorizationType: "AWS_IAM" }, { authorizationType: "NONE" }), ["authorizationType"]));
    test("a Pod Identity association moved to another service account is shown", () =>
        assert.deepEqual(paths("aws:eks/podIdentityAssociation:PodIdentityAssociation", { namespace: "telemetry", serviceAccount: "reader" }, { namespace: "telemetry", serviceAccount: "default" }), ["serviceAccount"]));
    test("a Karpenter node class raising the IMDS hop limit, and IngressClassParams turning internet-facing, are weakenings", () => {
        assert.deepEqual(paths("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", { spec: {} }, { spec: { metadataOptions: { httpPutResponseHopLimit: 2 } } }), ["spec.metadataOptions.httpPutResponseHopLimit"]);
        assert.deepEqual(paths("kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams", { spec: { scheme: "internal" } }, { spec: { scheme: "internet-facing" } }), ["spec.scheme"]);
    });
});
