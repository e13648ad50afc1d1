/**
 * The security-relevant properties of each resource type and what counts as weakening them, for reviewing a change
 * (`hardened-stack review`): a policy judges the new state alone, this catalog judges the step from old to new, so a
 * reviewer sees "endpointPublicAccess false → true" even when a policy is advisory, disabled or not written yet.
 *
 * Kept next to the policies so that a new control and its catalog entry are changed together. Pure: no SDK imports
 * (the CLI loads it without starting a pack), never throws on malformed input, and knows nothing about the engine's
 * unknown sentinel beyond the predicate it is given.
 */
import { AWS, BUCKET_ACL_TYPES, BUCKET_LOGGING_TYPES, BUCKET_SSE_TYPES, BUCKET_TYPES } from "../lib/aws-types";
import { cidrContains, parseCidr } from "../lib/cidr";
import {
    bool, changedTo, cidrsWidened, containsUnknown, entriesGained, entriesLost, isRecord, list, numberRaised, rankLowered, readPath, removed,
    sameValue, short, turnedOff, turnedOn,
} from "./compare";
import { DETECTION_PROPERTIES } from "./detection";
import { policyWidened } from "./documents";
import { EXIT_PROPERTIES, NETWORK_POLICY_EGRESS } from "./exits";
import type { CatalogEntry, CompareContext, PropertyCheck, Weakening } from "./model";

export type { CatalogEntry, CompareContext, PropertyCheck, Step, Weakening } from "./model";
export { readPath, sameValue, containsUnknown } from "./compare";

// ---------- security group rules ----------

interface SgRule {
    direction: string;
    protocol: string;
    from: number;
    to: number;
    peer: string;
}

const PROTOCOL_NUMBERS: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", all: "-1" };

function protocolOf(v: unknown): string {
    const s = String(v ?? "-1").toLowerCase();
    return PROTOCOL_NUMBERS[s] ?? s;
}

function port(v: unknown, fallback: number): number {
    const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : NaN;
    return Number.isFinite(n) ? n : fallback;
}

function expandRule(direction: string, r: Record<string, unknown>, ctx: CompareContext): SgRule[] {
    const protocol = protocolOf(r.protocol ?? r.ipProtocol);
    const all = protocol === "-1";
    const from = all ? 0 : port(r.fromPort, 0);
    const to = all ? 65535 : port(r.toPort, 65535);
    const peers: string[] = [];
    for (const c of [...list(r.cidrBlocks), ...list(r.ipv6CidrBlocks), ...list(r.cidrIpv4), ...list(r.cidrIpv6)]) if (!ctx.isUnknown(c)) peers.push(`cidr:${String(c)}`);
    for (const p of [...list(r.prefixListIds), ...list(r.prefixListId)]) if (!ctx.isUnknown(p)) peers.push(`pl:${String(p)}`);
    for (const g of [...list(r.securityGroups), ...list(r.sourceSecurityGroupId), ...list(r.referencedSecurityGroupId)]) if (!ctx.isUnknown(g)) peers.push(`sg:${String(g)}`);
    if (bool(r.self) === true) peers.push("self");
    return peers.map((peer) => ({ direction, protocol, from, to, peer }));
}

function ruleCovers(o: SgRule, r: SgRule): boolean {
    if (o.direction !== r.direction) return false;
    if (o.protocol !== "-1" && o.protocol !== r.protocol) return false;
    if (o.from > r.from || o.to < r.to) return false;
    if (o.peer === r.peer) return true;
    if (o.peer.startsWith("cidr:") && r.peer.startsWith("cidr:")) {
        const outer = parseCidr(o.peer.slice(5));
        const inner = parseCidr(r.peer.slice(5));
        return outer !== undefined && inner !== undefined && cidrContains(outer, inner);
    }
    return false;
}

function describeRule(r: SgRule): string {
    const ports = r.protocol === "-1" ? "all traffic" : r.from === r.to ? `${r.protocol}/${r.from}` : `${r.protocol}/${r.from}-${r.to}`;
    return `${r.direction} ${ports} ${r.direction === "ingress" ? "from" : "to"} ${r.peer.replace(/^cidr:/, "")}`;
}

/** Rules of a security group (inline lists) or of one rule resource, as comparable tuples. */
export function sgRulesOf(inputs: Record<string, unknown>, type: string, ctx: CompareContext): SgRule[] {
    if (type === AWS.securityGroup || type === AWS.defaultSecurityGroup) {
        return ["ingress", "egress"].flatMap((d) => list(inputs[d]).filter(isRecord).flatMap((r) => expandRule(d, r, ctx)));
    }
    if (type === AWS.securityGroupRule) return expandRule(String(inputs.type ?? "ingress"), inputs, ctx);
    if (type === AWS.securityGroupIngressRule) return expandRule("ingress", inputs, ctx);
    if (type === AWS.securityGroupEgressRule) return expandRule("egress", inputs, ctx);
    return [];
}

function sgWidened(type: string): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (!isRecord(after)) return undefined;
        const b = isRecord(before) ? sgRulesOf(before, type, ctx) : [];
        const gained = sgRulesOf(after, type, ctx).filter((r) => !b.some((o) => ruleCovers(o, r)));
        return gained.length > 0 ? `now allows ${gained.slice(0, 4).map(describeRule).join("; ")}${gained.length > 4 ? `; and ${gained.length - 4} more` : ""}` : undefined;
    };
}

// ---------- Kubernetes ----------

function k8sTypes(...kinds: string[]): string[] {
    const groups: Record<string, string[]> = {
        NetworkPolicy: ["networking.k8s.io/v1"],
        Role: ["rbac.authorization.k8s.io/v1"], ClusterRole: ["rbac.authorization.k8s.io/v1"],
        RoleBinding: ["rbac.authorization.k8s.io/v1"], ClusterRoleBinding: ["rbac.authorization.k8s.io/v1"],
        Namespace: ["core/v1"], Pod: ["core/v1"],
        Deployment: ["apps/v1"], DaemonSet: ["apps/v1"], StatefulSet: ["apps/v1"], ReplicaSet: ["apps/v1"],
        Job: ["batch/v1"], CronJob: ["batch/v1"],
    };
    return kinds.flatMap((k) => (groups[k] ?? []).map((gv) => `kubernetes:${gv}:${k}`));
}

/** RBAC rules as (apiGroup, resource, verb) triples; a new triple not covered by an old one widens. */
function rbacWidened(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        const triples = (rules: unknown) => list(rules).filter(isRecord).flatMap((r) => {
            const groups = list(r.apiGroups).length ? list(r.apiGroups) : [""];
            const resources = list(r.resources).length ? list(r.resources) : list(r.nonResourceURLs).map((u) => `url:${String(u)}`);
            return groups.flatMap((g) => resources.flatMap((res) => list(r.verbs).map((v) => [String(g), String(res), String(v)] as const)));
        }).filter((t) => !t.some((x) => ctx.isUnknown(x)));
        const b = triples(before);
        const match = (o: string, x: string) => o === "*" || o === x;
        const gained = triples(after).filter(([g, res, v]) => !b.some(([og, ores, ov]) => match(og, g) && match(ores, res) && match(ov, v)));
        return gained.length > 0 ? `now grants ${gained.slice(0, 5).map(([g, res, v]) => `${v} ${g ? `${g}/` : ""}${res}`).join(", ")}${gained.length > 5 ? ` and ${gained.length - 5} more` : ""}` : undefined;
    };
}

const PSA_LEVELS = ["restricted", "baseline", "privileged"] as const;

/** A Pod Security version label as [major, minor]; unset and `latest` are the newest rules. */
function psaVersion(v: unknown): [number, number] {
    const m = typeof v === "string" ? /^v(\d+)\.(\d+)$/.exec(v.trim()) : null;
    return m ? [Number(m[1]), Number(m[2])] : [Infinity, Infinity];
}

/** A namespace pinned to older Pod Security rules (`latest` -> `v1.22`): checks added since (seccomp, hostProbes...) stop applying. */
function psaVersionLowered(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const [b, a] = [psaVersion(before), psaVersion(after)];
        return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? `${short(before ?? "latest")} → ${short(after)}: the controls added since stop applying` : undefined;
    };
}

/** A namespace's `pod-security.kubernetes.io/<key>` label. */
function psaLabel(key: string): (inputs: Record<string, unknown>) => unknown {
    return (inputs) => {
        const labels = readPath(inputs, "metadata.labels");
        return isRecord(labels) ? labels[`pod-security.kubernetes.io/${key}`] : undefined;
    };
}

/** Pod-level switches that break isolation, collected from a workload's pod template or a Pod. */
function podEscapes(inputs: Record<string, unknown>): string[] {
    const spec = readPath(inputs, "spec.template.spec") ?? readPath(inputs, "spec.jobTemplate.spec.template.spec") ?? readPath(inputs, "spec");
    if (!isRecord(spec)) return [];
    const found: string[] = [];
    for (const k of ["hostNetwork", "hostPID", "hostIPC"]) if (bool(spec[k]) === true) found.push(`${k}: true`);
    for (const group of ["initContainers", "containers", "ephemeralContainers"]) {
        for (const c of list(spec[group]).filter(isRecord)) {
            const sc = isRecord(c.securityContext) ? c.securityContext : {};
            if (bool(sc.privileged) === true) found.push(`${String(c.name)}: privileged`);
            if (bool(sc.allowPrivilegeEscalation) === true) found.push(`${String(c.name)}: allowPrivilegeEscalation`);
            const add = readPath(sc, "capabilities.add");
            for (const cap of list(add)) if (/^(CAP_)?(SYS_ADMIN|NET_ADMIN|ALL)$/i.test(String(cap))) found.push(`${String(c.name)}: adds ${String(cap)}`);
        }
    }
    for (const v of list(spec.volumes).filter(isRecord)) if (v.hostPath !== undefined) found.push(`volume ${String(v.name)}: hostPath`);
    return found;
}

// ---------- the catalog ----------

const S3_BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** Canned ACLs that open a bucket, least open first; every other canned ACL keeps it private. */
const OPEN_ACLS = ["authenticated-read", "public-read", "public-read-write"];

function aclOpened(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const openness = (v: unknown) => OPEN_ACLS.indexOf(String(v ?? "private"));
        return openness(after) > openness(before) ? `the canned ACL ${short(after)} opens the bucket` : undefined;
    };
}

export const SECURITY_PROPERTIES: readonly CatalogEntry[] = [
    {
        types: [AWS.eksCluster], title: "EKS cluster",
        checks: [
            { path: "vpcConfig.endpointPublicAccess", control: "EKS API endpoint not public", step: "console", weakens: turnedOn(true, "the public API endpoint") },
            { path: "vpcConfig.endpointPrivateAccess", control: "EKS API reachable privately", step: "console", weakens: turnedOff(false, "the private API endpoint") },
            { path: "vpcConfig.publicAccessCidrs", control: "EKS public endpoint CIDR allowlist", step: "console", weakens: cidrsWidened(["0.0.0.0/0"]) },
            { path: "accessConfig.authenticationMode", control: "EKS access entries only (no aws-auth ConfigMap)", step: "creds", weakens: rankLowered(["API", "API_AND_CONFIG_MAP", "CONFIG_MAP"], "CONFIG_MAP") },
            { path: "accessConfig.bootstrapClusterCreatorAdminPermissions", control: "no permanent cluster-creator admin", step: "creds", weakens: turnedOn(true, "the cluster creator's admin access") },
            { path: "enabledClusterLogTypes", control: "EKS control-plane logging", step: "evasion", weakens: entriesLost("control-plane log types") },
            { path: "encryptionConfig", control: "Kubernetes Secrets envelope-encrypted with a customer KMS key", step: "creds", weakens: removed("secrets envelope encryption") },
        ],
        removal: { step: "console", why: "deleting or replacing the cluster recreates its endpoint, access entries and logging from scratch" },
    },
    {
        types: [AWS.eksAccessPolicyAssociation], title: "EKS access policy association",
        checks: [
            { path: "policyArn", control: "least-privilege cluster access", step: "creds", weakens: changedTo("the access policy") },
            { path: "accessScope", control: "least-privilege cluster access", step: "creds", weakens: rankLowered(["namespace", "cluster"], undefined), read: (i) => readPath(i, "accessScope.type") },
        ],
    },
    {
        types: [AWS.eksAccessEntry], title: "EKS access entry",
        checks: [{ path: "kubernetesGroups", control: "least-privilege cluster access", step: "creds", weakens: entriesGained("Kubernetes groups") }],
    },
    {
        types: [AWS.iamRole], title: "IAM role",
        checks: [
            { path: "assumeRolePolicy", control: "who can assume the role (trust policy)", step: "creds", weakens: policyWidened() },
            { path: "managedPolicyArns", control: "role permissions", step: "creds", weakens: entriesGained("attached managed policies") },
            { path: "inlinePolicies", control: "role permissions", step: "creds", read: (i) => list(i.inlinePolicies).filter(isRecord).map((p) => p.policy), weakens: entriesGained("inline policies") },
            { path: "permissionsBoundary", control: "role permissions boundary", step: "creds", weakens: removed("the permissions boundary") },
        ],
    },
    {
        types: [AWS.iamPolicy, AWS.iamRolePolicy, "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"], title: "IAM policy",
        checks: [{ path: "policy", control: "least-privilege IAM permissions", step: "creds", weakens: policyWidened() }],
    },
    {
        types: [AWS.iamRolePolicyAttachment, AWS.iamPolicyAttachment, "aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment"], title: "IAM policy attachment",
        checks: [
            { path: "policyArn", control: "least-privilege IAM permissions", step: "creds", weakens: changedTo("the attached policy") },
            { path: "role", control: "least-privilege IAM permissions", step: "creds", weakens: changedTo("the role it grants to") },
            { path: "roles", control: "least-privilege IAM permissions", step: "creds", weakens: entriesGained("roles") },
        ],
    },
    {
        types: [AWS.s3BucketPolicy], title: "S3 bucket policy",
        checks: [{ path: "policy", control: "who can read the bucket (bucket policy)", step: "s3", weakens: policyWidened() }],
        removal: { step: "s3", why: "the bucket's Deny statements (VPC endpoint only, TLS only) stop applying" },
    },
    {
        types: [AWS.s3BucketPublicAccessBlock, AWS.s3AccountPublicAccessBlock], title: "S3 public access block",
        checks: S3_BLOCK_FLAGS.map((f) => ({ path: f, control: "S3 Block Public Access", step: "s3" as const, weakens: turnedOff(false, f) })),
        removal: { step: "s3", why: "public ACLs and public bucket policies are no longer blocked" },
    },
    {
        types: [...BUCKET_TYPES], title: "S3 bucket",
        checks: [
            { path: "acl", control: "bucket not public (ACL)", step: "s3", weakens: aclOpened() },
            { path: "policy", control: "who can read the bucket (bucket policy)", step: "s3", weakens: policyWidened() },
            { path: "serverSideEncryptionConfiguration", control: "bucket encryption", step: "s3", weakens: removed("default encryption") },
            { path: "loggings", control: "bucket access logging", step: "evasion", weakens: removed("access logging") },
        ],
    },
    {
        types: [...BUCKET_ACL_TYPES], title: "S3 bucket ACL",
        checks: [
            { path: "acl", control: "bucket not public (ACL)", step: "s3", weakens: aclOpened() },
            { path: "accessControlPolicy.grants", control: "bucket not public (ACL grants)", step: "s3", weakens: entriesGained("ACL grants") },
        ],
    },
    {
        types: [AWS.s3BucketOwnershipControls], title: "S3 ownership controls",
        checks: [{ path: "rule.objectOwnership", control: "ACLs disabled (BucketOwnerEnforced)", step: "s3", weakens: rankLowered(["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"], "ObjectWriter") }],
        removal: { step: "s3", why: "object ACLs come back into force" },
    },
    {
        types: [...BUCKET_SSE_TYPES], title: "S3 default encryption",
        checks: [
            { path: "rules", control: "bucket encrypted with a customer KMS key", step: "s3",
                read: (i) => readPath(i, "rules.applyServerSideEncryptionByDefault.sseAlgorithm"), weakens: rankLowered(["aws:kms:dsse", "aws:kms", "AES256"], "AES256") },
            { path: "rules.applyServerSideEncryptionByDefault.kmsMasterKeyId", control: "bucket encrypted with a customer KMS key", step: "s3", weakens: removed("the customer KMS key") },
        ],
        removal: { step: "s3", why: "new objects fall back to S3-managed keys that any reader with s3:GetObject can decrypt" },
    },
    {
        types: [...BUCKET_LOGGING_TYPES], title: "S3 access logging",
        checks: [{ path: "targetBucket", control: "bucket access logging", step: "evasion", weakens: changedTo("the log bucket") }],
        removal: { step: "evasion", why: "reads of the bucket are no longer logged" },
    },
    ...[AWS.securityGroup, AWS.defaultSecurityGroup, AWS.securityGroupRule, AWS.securityGroupIngressRule, AWS.securityGroupEgressRule].map((t): CatalogEntry => ({
        types: [t], title: "security group",
        checks: [{ path: "(rules)", control: "security group allows only what the platform needs", step: "mining", read: (i) => i, weakens: sgWidened(t) }],
    })),
    {
        types: [AWS.subnet], title: "subnet",
        checks: [{ path: "mapPublicIpOnLaunch", control: "no public IPs on nodes", step: "mining", weakens: turnedOn(false, "public IPs on launch") }],
    },
    {
        types: [AWS.launchTemplate], title: "launch template",
        checks: [
            { path: "metadataOptions.httpTokens", control: "IMDSv2 required", step: "creds", weakens: rankLowered(["required", "optional"], "optional") },
            { path: "metadataOptions.httpPutResponseHopLimit", control: "IMDS hop limit 1 (pods cannot reach node credentials)", step: "creds", weakens: numberRaised(1) },
            { path: "networkInterfaces.associatePublicIpAddress", control: "no public IPs on nodes", step: "mining", weakens: turnedOn(false, "public IP association") },
        ],
    },
    {
        types: [AWS.instance], title: "EC2 instance",
        checks: [
            { path: "metadataOptions.httpTokens", control: "IMDSv2 required", step: "creds", weakens: rankLowered(["required", "optional"], "optional") },
            { path: "metadataOptions.httpPutResponseHopLimit", control: "IMDS hop limit 1", step: "creds", weakens: numberRaised(1) },
            { path: "associatePublicIpAddress", control: "no public IPs on nodes", step: "mining", weakens: turnedOn(false, "public IP association") },
        ],
    },
    ...DETECTION_PROPERTIES,
    ...EXIT_PROPERTIES,
    {
        types: ["aws:kms/key:Key"], title: "KMS key",
        checks: [
            { path: "enableKeyRotation", control: "KMS key rotation", step: "creds", weakens: turnedOff(false, "key rotation") },
            { path: "policy", control: "who can use the key (key policy)", step: "creds", weakens: policyWidened() },
        ],
        removal: { step: "s3", why: "everything encrypted with the key becomes unreadable once the deletion window ends" },
    },
    {
        types: ["aws:ec2/vpcEndpoint:VpcEndpoint"], title: "VPC endpoint",
        checks: [{ path: "policy", control: "VPC endpoint reaches only the platform's buckets", step: "s3", weakens: policyWidened() }],
    },
    {
        types: ["aws:networkfirewall/firewall:Firewall", AWS.networkFirewallLogging,
            "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation", AWS.resolverQueryLogConfig,
            "aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation"], title: "egress filtering",
        checks: [],
        removal: { step: "mining", why: "egress to a mining pool is no longer filtered or logged" },
    },
    {
        types: k8sTypes("NetworkPolicy"), title: "NetworkPolicy",
        checks: [
            { path: "spec.policyTypes", control: "default-deny network policy (ingress and egress)", step: "mining", weakens: entriesLost("policy types") },
            NETWORK_POLICY_EGRESS,
            { path: "spec.ingress", control: "ingress allowlist", step: "mining", weakens: entriesGained("ingress rules") },
            { path: "spec.podSelector", control: "network policy covers every pod", step: "mining", weakens: changedTo("the pod selector") },
        ],
        removal: { step: "mining", why: "the pods it selected may reach anywhere, a mining pool included" },
    },
    {
        types: k8sTypes("Role", "ClusterRole"), title: "RBAC role",
        checks: [{ path: "rules", control: "least-privilege RBAC", step: "creds", weakens: rbacWidened() }],
    },
    {
        types: k8sTypes("RoleBinding", "ClusterRoleBinding"), title: "RBAC binding",
        checks: [
            { path: "subjects", control: "least-privilege RBAC", step: "creds", weakens: entriesGained("subjects") },
            { path: "roleRef", control: "least-privilege RBAC", step: "creds", weakens: changedTo("the bound role") },
        ],
    },
    // Doors the path model follows (docs/path-model.md): a change that opens one is shown even before a policy decides.
    {
        types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"], title: "load balancer",
        checks: [{ path: "internal", control: "load balancer reachable only inside the VPC", step: "console", weakens: turnedOff(false, "the internal scheme") }],
    },
    {
        types: ["aws:lambda/functionUrl:FunctionUrl"], title: "Lambda function URL",
        checks: [{ path: "authorizationType", control: "function URL callers authenticated by IAM", step: "s3", weakens: rankLowered(["AWS_IAM", "NONE"], undefined) }],
    },
    {
        types: ["aws:eks/podIdentityAssociation:PodIdentityAssociation"], title: "EKS Pod Identity association",
        checks: [
            { path: "serviceAccount", control: "which pods obtain the role", step: "creds", weakens: changedTo("the service account") },
            { path: "namespace", control: "which pods obtain the role", step: "creds", weakens: changedTo("the namespace") },
            { path: "roleArn", control: "which role the pods obtain", step: "creds", weakens: changedTo("the role") },
        ],
    },
    {
        types: ["kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "kubernetes:karpenter.k8s.aws/v1beta1:EC2NodeClass"], title: "Karpenter node class",
        checks: [
            { path: "spec.metadataOptions.httpTokens", control: "IMDSv2 required", step: "creds", weakens: rankLowered(["required", "optional"], "required") },
            { path: "spec.metadataOptions.httpPutResponseHopLimit", control: "IMDS hop limit 1 (pods cannot reach node credentials)", step: "creds", weakens: numberRaised(1) },
        ],
    },
    {
        types: ["kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams"], title: "IngressClassParams",
        checks: [{ path: "spec.scheme", control: "Ingresses of the class get internal load balancers", step: "console", weakens: rankLowered(["internal", "internet-facing"], "internal") }],
    },
    {
        types: k8sTypes("Namespace"), title: "namespace",
        checks: [
            ...(["enforce", "audit", "warn"] as const).map((mode): PropertyCheck => ({
                path: `metadata.labels.pod-security.kubernetes.io/${mode}`, control: `Pod Security Admission (${mode})`, step: "mining",
                read: psaLabel(mode), weakens: rankLowered(PSA_LEVELS, "privileged"),
            })),
            { path: "metadata.labels.pod-security.kubernetes.io/enforce-version", control: "Pod Security Admission enforces the current rules", step: "mining",
                read: psaLabel("enforce-version"), weakens: psaVersionLowered() },
        ],
    },
    {
        types: k8sTypes("Pod", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob"), title: "workload",
        checks: [{ path: "(pod security context)", control: "pods stay isolated from the node", step: "mining", read: podEscapes, weakens: entriesGained("host access") }],
    },
];

const BY_TYPE = new Map<string, CatalogEntry>(SECURITY_PROPERTIES.flatMap((e) => e.types.map((t) => [t, e] as const)));

export function catalogEntry(type: string): CatalogEntry | undefined {
    return BY_TYPE.get(type);
}

/** Runs `checks` of `entry` on the step from `before` to `after`. */
function judge(checks: readonly PropertyCheck[], before: Record<string, unknown>, after: Record<string, unknown>, ctx: CompareContext): Weakening[] {
    const out: Weakening[] = [];
    for (const check of checks) {
        const read = check.read ?? ((i: Record<string, unknown>) => readPath(i, check.path));
        let b: unknown;
        let a: unknown;
        let why: string | undefined;
        try {
            b = read(before);
            a = read(after);
            if (sameValue(b, a)) continue;
            why = check.weakens(b, a, ctx);
        } catch (e) {
            why = `could not be compared (${e instanceof Error ? e.message : String(e)})`;
        }
        if (why !== undefined) out.push({ path: check.path, control: check.control, step: check.step, before: b, after: a, why, unknown: false });
        else if (containsUnknown(a, ctx)) out.push({ path: check.path, control: check.control, step: check.step, before: b, after: a, why: "the new value is only known after apply", unknown: true });
    }
    return out;
}

/**
 * How an update from `before` to `after` weakens the catalogued controls of a resource of `type`. A property whose
 * new value is unknown and differs from the old one is reported with `unknown: true` (not provably weaker).
 */
export function weakeningsOf(type: string, before: Record<string, unknown>, after: Record<string, unknown>, ctx: CompareContext): Weakening[] {
    const entry = catalogEntry(type);
    return entry ? judge(entry.checks, before, after, ctx) : [];
}

/**
 * How creating a resource of `type` with `inputs` weakens a control: only the checks marked `onCreate` (a new
 * suppression filter, a new pull-through cache of a public registry), each judged against unset inputs.
 */
export function creationWeakeningsOf(type: string, inputs: Record<string, unknown>, ctx: CompareContext): Weakening[] {
    const entry = catalogEntry(type);
    return entry ? judge(entry.checks.filter((c) => c.onCreate), {}, inputs, ctx) : [];
}

/**
 * Why removing a resource of `type` (whose inputs were `inputs`, when known) is a finding, or undefined when it is not
 * a security resource, or not one that carries the control (an EventBridge rule that routes no finding).
 */
export function removalRisk(type: string, inputs?: Record<string, unknown>): CatalogEntry["removal"] {
    const removal = catalogEntry(type)?.removal;
    if (!removal?.applies) return removal;
    return inputs && removal.applies(inputs) ? removal : undefined;
}
