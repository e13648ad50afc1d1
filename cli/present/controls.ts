/**
 * The controls a newcomer should see per kill-chain step, read from what the program registered (not from what we
 * hope it does). Each control answers present / missing / "(known after apply)" with a short detail.
 */
import { isUnknown } from "../../engine/constants";
import type { ProgramRun, RecordedResource } from "../../engine";
import { componentType } from "../../infra/lib/type-token";
import { plural } from "./words";

export type ControlState = "present" | "missing" | "unknown";
export interface ControlResult { step: string; label: string; state: ControlState; detail: string }

type Props = Record<string, unknown>;
const obj = (v: unknown): Props => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Props) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const of = (run: ProgramRun, type: string) => run.resources.filter((r) => r.type === type);

/** Folds per-resource verdicts: any false -> missing; any unknown -> unknown; none -> missing. `noun` is singular. */
function all(items: RecordedResource[], test: (r: RecordedResource) => boolean | "unknown", noun: string): { state: ControlState; detail: string } {
    if (items.length === 0) return { state: "missing", detail: `no ${plural(2, noun).slice(2)}` };
    const verdicts = items.map(test);
    const bad = verdicts.filter((v) => v === false).length;
    if (bad > 0) return { state: "missing", detail: `${bad} of ${plural(items.length, noun)} without it` };
    if (verdicts.includes("unknown")) return { state: "unknown", detail: `${plural(items.length, noun)}, known after apply` };
    return { state: "present", detail: plural(items.length, noun) };
}
const known = (v: unknown, test: (v: unknown) => boolean): boolean | "unknown" => (isUnknown(v) ? "unknown" : test(v));
const none = (items: RecordedResource[], noun: string): { state: ControlState; detail: string } =>
    items.length === 0 ? { state: "present", detail: `no ${noun}` } : { state: "missing", detail: `${items.length} ${noun}` };

/** A stack without namespaces: the Kubernetes layer is skipped or deployed elsewhere, so this is not decided here. */
const NO_KUBERNETES = { state: "unknown", detail: "no Kubernetes namespaces in this stack" } as const;

interface ControlSpec { step: string; label: string; evaluate(run: ProgramRun): { state: ControlState; detail: string } }

const k8sObjects = (run: ProgramRun, kind: string) => run.resources.filter((r) => r.type.startsWith("kubernetes:") && r.type.endsWith(`:${kind}`));

export const CONTROLS: ControlSpec[] = [
    { step: "console", label: "EKS API endpoint private only", evaluate: (run) => all(of(run, "aws:eks/cluster:Cluster"),
        (c) => obj(c.inputs.vpcConfig).endpointPublicAccess === false && obj(c.inputs.vpcConfig).endpointPrivateAccess === true, "cluster") },
    { step: "console", label: "Access entries only, no cluster-creator admin", evaluate: (run) => all(of(run, "aws:eks/cluster:Cluster"),
        (c) => obj(c.inputs.accessConfig).authenticationMode === "API" && obj(c.inputs.accessConfig).bootstrapClusterCreatorAdminPermissions === false, "cluster") },
    { step: "console", label: "No LoadBalancer or NodePort Service, no dashboard", evaluate: (run) => none(k8sObjects(run, "Service")
        .filter((s) => ["LoadBalancer", "NodePort"].includes(String(obj(s.inputs.spec).type))), "public Services") },
    { step: "console", label: "Node subnets without public IPs", evaluate: (run) => all(of(run, "aws:ec2/subnet:Subnet").filter((s) => String(s.name).includes("private")),
        (s) => s.inputs.mapPublicIpOnLaunch === false, "private subnet") },
    { step: "creds", label: "IMDSv2 required, hop limit 1", evaluate: (run) => all(of(run, "aws:ec2/launchTemplate:LaunchTemplate"),
        (lt) => obj(lt.inputs.metadataOptions).httpTokens === "required" && obj(lt.inputs.metadataOptions).httpPutResponseHopLimit === 1, "launch template") },
    { step: "creds", label: "No IAM users or access keys", evaluate: (run) => none(run.resources.filter((r) => /^aws:iam\/(user|accessKey|userLoginProfile):/.test(r.type)), "IAM users or keys") },
    { step: "creds", label: "Workload roles through IRSA, pinned to one service account", evaluate: (run) => {
        const roles = run.resources.filter((r) => r.type === componentType("IrsaRole"));
        return roles.length ? { state: "present", detail: plural(roles.length, "IRSA role") } : { state: "missing", detail: "no IRSA roles" };
    } },
    { step: "creds", label: "Kubernetes Secrets encrypted with a customer key", evaluate: (run) => all(of(run, "aws:eks/cluster:Cluster"),
        (c) => arr(c.inputs.encryptionConfig ? [c.inputs.encryptionConfig].flat() : []).some((e) => arr(obj(e).resources).includes("secrets")), "cluster") },
    { step: "s3", label: "Public access block, all four flags, on every bucket", evaluate: (run) => {
        const buckets = of(run, "aws:s3/bucket:Bucket");
        const blocks = of(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").filter((b) =>
            ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((f) => b.inputs[f] === true));
        const covered = buckets.filter((b) => blocks.some((p) => p.propertyDependencies.bucket?.includes(b.urn)));
        return { state: buckets.length > 0 && covered.length === buckets.length ? "present" : "missing", detail: `${covered.length} of ${plural(buckets.length, "bucket")}` };
    } },
    { step: "s3", label: "Data buckets encrypted with a customer KMS key", evaluate: (run) => {
        // Server access log targets can only use SSE-S3 (an S3 constraint); every other bucket must use SSE-KMS.
        const logTargets = new Set(of(run, "aws:s3/bucketLogging:BucketLogging").map((l) => String(l.inputs.targetBucket)));
        const configs = of(run, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
            .filter((c) => !logTargets.has(String(c.inputs.bucket)));
        return all(configs, (c) => arr(c.inputs.rules).some((rule) => obj(obj(rule).applyServerSideEncryptionByDefault).sseAlgorithm === "aws:kms"), "data bucket");
    } },
    { step: "s3", label: "Bucket policies deny non-TLS access", evaluate: (run) => all(of(run, "aws:s3/bucketPolicy:BucketPolicy"),
        (p) => known(p.inputs.policy, (v) => String(v).includes("aws:SecureTransport")), "bucket policy") },
    { step: "s3", label: "Account-wide S3 public access block", evaluate: (run) => {
        const n = of(run, "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock").length;
        return n ? { state: "present", detail: "on" } : { state: "missing", detail: "not managed by this stack" };
    } },
    { step: "mining", label: "Egress only where allowed", evaluate: (run) => {
        const fw = of(run, "aws:networkfirewall/firewall:Firewall").length;
        const igw = of(run, "aws:ec2/internetGateway:InternetGateway").length;
        // Without a VPC there is no egress mode to claim: nothing in this program limits where workloads connect.
        if (of(run, "aws:ec2/vpc:Vpc").length === 0) return { state: "missing", detail: "no VPC in this program" };
        if (igw === 0) return { state: "present", detail: "sealed: no internet gateway or NAT, VPC endpoints only" };
        return fw > 0 ? { state: "present", detail: "allowlist: NAT behind Network Firewall, domain allowlist, default drop" } : { state: "missing", detail: "internet gateway without a firewall" };
    } },
    { step: "mining", label: "DNS Firewall with AWS managed threat lists", evaluate: (run) => {
        const n = of(run, "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation").length;
        return n ? { state: "present", detail: plural(of(run, "aws:route53/resolverFirewallRule:ResolverFirewallRule").length, "rule") } : { state: "missing", detail: "no DNS Firewall" };
    } },
    { step: "mining", label: "Default-deny NetworkPolicies (ingress and egress)", evaluate: (run) => {
        const namespaces = k8sObjects(run, "Namespace");
        const deny = k8sObjects(run, "NetworkPolicy").filter((p) => {
            const spec = obj(p.inputs.spec);
            const types = arr(spec.policyTypes);
            return Object.keys(obj(spec.podSelector)).length === 0 && types.includes("Ingress") && types.includes("Egress") && !spec.ingress && !spec.egress;
        });
        return namespaces.length === 0 ? NO_KUBERNETES
            : { state: deny.length >= namespaces.length ? "present" : "missing", detail: `${deny.length} of ${plural(namespaces.length, "namespace")}` };
    } },
    { step: "mining", label: "Restricted Pod Security, quotas and limits", evaluate: (run) => {
        const namespaces = k8sObjects(run, "Namespace");
        const restricted = namespaces.filter((n) => obj(obj(n.inputs.metadata).labels)["pod-security.kubernetes.io/enforce"] === "restricted");
        const quotas = k8sObjects(run, "ResourceQuota").length;
        return namespaces.length === 0 ? NO_KUBERNETES
            : { state: restricted.length === namespaces.length && quotas >= namespaces.length ? "present" : "missing", detail: `${restricted.length} of ${plural(namespaces.length, "namespace")} restricted, ${plural(quotas, "quota")}` };
    } },
    { step: "evasion", label: "All five control-plane log types", evaluate: (run) => all(of(run, "aws:eks/cluster:Cluster"),
        (c) => arr(c.inputs.enabledClusterLogTypes).length === 5, "cluster") },
    { step: "evasion", label: "VPC flow logs (all traffic)", evaluate: (run) => all(of(run, "aws:ec2/flowLog:FlowLog"), (f) => f.inputs.trafficType === "ALL", "flow log") },
    { step: "evasion", label: "CloudTrail: all regions, validated, KMS", evaluate: (run) => all(of(run, "aws:cloudtrail/trail:Trail"),
        (t) => t.inputs.isMultiRegionTrail === true && t.inputs.enableLogFileValidation === true && t.inputs.kmsKeyId !== undefined, "trail") },
    { step: "evasion", label: "GuardDuty EKS audit + runtime monitoring, alerts", evaluate: (run) => {
        const features = of(run, "aws:guardduty/detectorFeature:DetectorFeature").map((f) => String(f.inputs.name));
        const ok = features.includes("EKS_AUDIT_LOGS") && features.includes("RUNTIME_MONITORING");
        return { state: ok ? "present" : "missing", detail: ok ? `${plural(features.length, "feature")}, ${plural(of(run, "aws:cloudwatch/eventRule:EventRule").length, "alert rule")}` : "GuardDuty EKS protection not in this stack" };
    } },
];

export function evaluateControls(run: ProgramRun): ControlResult[] {
    return CONTROLS.map((c) => ({ step: c.step, label: c.label, ...c.evaluate(run) }));
}
