/**
 * The path model: the stack as an attacker sees it. Principals (the IAM roles), how a pod or someone outside reaches
 * each (lib/path-doors.ts), what each may do (lib/path-identities.ts), the S3 buckets with their policies, the VPC
 * endpoints that form the perimeter, and the EKS access that makes a role cluster-admin. The kill-chain stack
 * policies ask it questions (lib/path-questions.ts).
 *
 * Built once per AnalyzeStack. The SDK hands every stack policy its own copy of the resources, so the model is
 * cached by a fingerprint of what it reads (the URNs, values and dependencies of the resource types it uses):
 * the second and later policies of one AnalyzeStack reuse it, and a different stack never does. Building is linear
 * in the stack's size; no question pairs every resource with every other.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS, BUCKET_TYPES } from "./aws-types";
import { attachedTo } from "./buckets";
import type { PolicySource, Reason } from "./iam-eval";
import { Door, roleDoors } from "./path-doors";
import { roleIdentities } from "./path-identities";
import { documentSource, readValue, statementsOf } from "./path-read";
import { addChainedDoors } from "./path-chaining";
import { PATH } from "./path-types";
import { label } from "./stack";
import { Reads, UNKNOWN } from "./unknowns";
import { isObject } from "./values";

export interface RoleNode {
    urn: string;
    label: string;
    /** The role's ARN: its `arn` output, else built from account, path and name; undefined when not known yet. */
    arn: string | undefined;
    doors: Door[];
    /** Why the doors may be incomplete. */
    doorReasons: Reason[];
    identity: PolicySource[];
    /** EKS access that makes this role a cluster administrator, e.g. `access entry x: AmazonEKSClusterAdminPolicy`. */
    clusterAdmin: string[];
}

export interface BucketNode {
    urn: string;
    label: string;
    /** Logical (Pulumi) name. */
    name: string;
    /** The bucket's name; undefined when unknown in this preview. */
    bucket: string | undefined;
    tags: Record<string, string>;
    /** The tags are not known yet (a preview), so a tag that marks the bucket sensitive may be among them. */
    tagsUnknown: boolean;
    /**
     * The bucket policies attached to it ([] when none), evaluated together. S3 keeps one policy per bucket, so when
     * there are several the stack does not say which one holds: the perimeter question reports that on its own.
     */
    policies: PolicySource[];
    /** The resources those policies come from, in registration order. */
    policyResources: { urn: string; label: string }[];
    reasons: Reason[];
}

export interface EndpointNode {
    label: string;
    /** The endpoint policy; an endpoint without one allows everything. */
    policy: PolicySource;
}

export interface PathModel {
    /** The stack's AWS account, when its resources name exactly one. */
    account: string | undefined;
    roles: RoleNode[];
    buckets: BucketNode[];
    /** S3 VPC endpoints (gateway or interface): the perimeter pods' requests go through. */
    s3Endpoints: EndpointNode[];
}

/** Every statement allowing everything: what an endpoint without a policy does. */
const FULL_ACCESS: PolicySource = { where: "default endpoint policy", statements: [{ effect: "Allow", principal: { any: true, aws: [], service: [], federated: [], canonicalUser: [] }, action: ["*"], resource: ["*"], conditions: [] }] };

/** Resource types the model reads; only these enter the fingerprint. */
const MODEL_TYPES = new Set<string>([
    AWS.iamRole, AWS.iamRolePolicy, AWS.iamRolePolicyAttachment, AWS.iamPolicyAttachment, AWS.iamPolicy, AWS.eksNodeGroup,
    AWS.launchTemplate, AWS.eksAccessEntry, AWS.eksAccessPolicyAssociation, AWS.s3BucketPolicy,
    ...BUCKET_TYPES, ...Object.values(PATH),
]);

const ADMIN_ACCESS_POLICIES = /\/(AmazonEKSClusterAdminPolicy|AmazonEKSAdminPolicy)$/;

/**
 * The stack's account, from the surest sign that names exactly one: its roles' own ARNs (known after create), the
 * OIDC providers its trust policies federate with (always the stack's own), then its key policies' root principals.
 * Other accounts named in trust or key policies (cross-account access) are no sign of the stack's own.
 */
function accountOf(resources: readonly PolicyResource[]): string | undefined {
    const tiers: Set<string>[] = [new Set(), new Set(), new Set()];
    const collect = (tier: number, text: unknown, pattern: RegExp) => {
        if (typeof text === "string") for (const m of text.matchAll(pattern)) tiers[tier]!.add(m[1]!);
    };
    for (const r of resources) {
        if (r.type === AWS.iamRole) {
            collect(0, readValue(r, "arn", () => r.props.arn), /^arn:aws[a-z-]*:iam::(\d{12}):role\//g);
            collect(1, readValue(r, "assumeRolePolicy", () => r.props.assumeRolePolicy), /arn:aws[a-z-]*:iam::(\d{12}):oidc-provider\//g);
        }
        if (r.type === PATH.kmsKey) collect(2, readValue(r, "policy", () => r.props.policy), /arn:aws[a-z-]*:iam::(\d{12}):root/g);
    }
    for (const t of tiers) if (t.size > 0) return t.size === 1 ? [...t][0] : undefined;
    return undefined;
}

function roleArn(r: PolicyResource, account: string | undefined): string | undefined {
    const arn = readValue(r, "arn", () => r.props.arn);
    if (typeof arn === "string") return arn;
    const name = readValue(r, "name", () => r.props.name);
    const path = readValue(r, "path", () => r.props.path);
    if (typeof name !== "string" || account === undefined || path === UNKNOWN) return undefined;
    return `arn:aws:iam::${account}:role${typeof path === "string" ? path : "/"}${name}`;
}

function build(resources: readonly PolicyResource[]): PathModel {
    const account = accountOf(resources);
    const roles = resources.filter((r) => r.type === AWS.iamRole);
    const arnOf = new Map(roles.map((r) => [r.urn, roleArn(r, account)]));
    const byArn = new Map<string, PolicyResource>();
    const byName = new Map<string, PolicyResource>();
    for (const r of roles) {
        const arn = arnOf.get(r.urn);
        if (arn) byArn.set(arn, r);
        const name = readValue(r, "name", () => r.props.name);
        if (typeof name === "string") byName.set(name, r);
    }
    const roleOf = (r: PolicyResource, prop: string, value: () => unknown = () => r.props[prop]): PolicyResource | undefined => {
        const dep = (r.propertyDependencies?.[prop] ?? []).find((d) => d.type === AWS.iamRole);
        if (dep) return dep;
        const v = readValue(r, prop, value);
        if (typeof v !== "string") return undefined;
        return byArn.get(v) ?? byName.get(/role\/(?:.*\/)?([^/]+)$/.exec(v)?.[1] ?? v);
    };
    const doors = roleDoors({ resources, roles, account, roleOf });
    const identities = roleIdentities(resources, roles);
    const admin = clusterAdminGrants(resources, roleOf);
    const roleNodes: RoleNode[] = roles.map((r) => ({
        urn: r.urn,
        label: label(r),
        arn: arnOf.get(r.urn),
        doors: doors.get(r.urn)?.doors ?? [],
        doorReasons: doors.get(r.urn)?.reasons ?? [],
        identity: identities.get(r.urn) ?? [],
        clusterAdmin: admin.get(r.urn) ?? [],
    }));
    addChainedDoors(roleNodes.map((n, i) => {
        const trust = readValue(roles[i]!, "assumeRolePolicy", () => roles[i]!.props.assumeRolePolicy);
        return { ...n, trust: typeof trust === "string" ? statementsOf(trust) : undefined };
    }), account);
    // Bucket policies joined to their bucket through the dependency graph are indexed once; only those naming a
    // bucket by a literal name are compared with every bucket (lib/buckets.ts attachedTo), so joins stay linear.
    const joined = new Map<string, PolicyResource[]>();
    const literal: PolicyResource[] = [];
    for (const p of resources) {
        if (p.type !== AWS.s3BucketPolicy) continue;
        const deps = (p.propertyDependencies?.bucket ?? []).filter((d) => (BUCKET_TYPES as readonly string[]).includes(d.type));
        if (deps.length === 0) literal.push(p);
        for (const d of deps) joined.set(d.urn, [...(joined.get(d.urn) ?? []), p]);
    }
    const buckets: BucketNode[] = resources.filter((r) => (BUCKET_TYPES as readonly string[]).includes(r.type)).map((b) => {
        const reasons: Reason[] = [];
        const name = readValue(b, "bucket", () => b.props.bucket, reasons);
        const tags = readValue(b, "tags", () => b.props.tags);
        const attached = literal.length > 0 ? attachedTo(b, literal, [AWS.s3BucketPolicy], () => new Reads()) : { resources: [], undecided: false };
        const policyResources = [...(joined.get(b.urn) ?? []), ...attached.resources];
        const policies = policyResources
            .map((p) => documentSource(p, "policy", () => p.props.policy, label(p))).filter((x): x is PolicySource => x !== undefined);
        if (attached.undecided) reasons.push({ urn: b.urn, path: "the bucket policies naming it by a literal bucket name", opaque: false });
        return {
            urn: b.urn, label: label(b), name: b.name, bucket: typeof name === "string" ? name : undefined,
            tags: isObject(tags) ? Object.fromEntries(Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === "string")) : {},
            tagsUnknown: tags === UNKNOWN,
            policies, policyResources: policyResources.map((p) => ({ urn: p.urn, label: label(p) })), reasons,
        };
    });
    const s3Endpoints: EndpointNode[] = [];
    const seenEndpointPolicies = new Set<string>();
    for (const r of resources) {
        if (r.type !== PATH.vpcEndpoint) continue;
        const service = readValue(r, "serviceName", () => r.props.serviceName);
        if (typeof service !== "string" || !/\.s3$/.test(service)) continue;
        const policy = documentSource(r, "policy", () => r.props.policy, label(r)) ?? FULL_ACCESS;
        // Endpoints with the same policy decide alike: keep one of each (a stack of many VPCs has many copies).
        const key = JSON.stringify(policy.statements ?? policy.reason);
        if (seenEndpointPolicies.has(key)) continue;
        seenEndpointPolicies.add(key);
        s3Endpoints.push({ label: label(r), policy });
    }
    return { account, roles: roleNodes, buckets, s3Endpoints };
}

/** EKS access entries and policy associations that make a role of the stack cluster-admin, by role URN. */
function clusterAdminGrants(resources: readonly PolicyResource[], roleOf: (r: PolicyResource, prop: string) => PolicyResource | undefined): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const add = (role: PolicyResource | undefined, what: string) => {
        if (role) out.set(role.urn, [...(out.get(role.urn) ?? []), what]);
    };
    for (const r of resources) {
        if (r.type === AWS.eksAccessEntry) {
            const groups = readValue(r, "kubernetesGroups", () => r.props.kubernetesGroups);
            if (Array.isArray(groups) && groups.includes("system:masters")) add(roleOf(r, "principalArn"), `${label(r)} kubernetesGroups system:masters`);
        }
        if (r.type === AWS.eksAccessPolicyAssociation) {
            const policy = readValue(r, "policyArn", () => r.props.policyArn);
            if (typeof policy === "string" && ADMIN_ACCESS_POLICIES.test(policy)) {
                add(roleOf(r, "principalArn"), `${label(r)} ${policy.split("/").pop()}`);
            }
        }
    }
    return out;
}

/** Raw props under the SDK's proxy, for the fingerprint; a resource whose outputs are unknown as a whole says so. */
function fingerprintOf(r: PolicyResource): string {
    const props = r.props as Record<string, unknown>;
    let raw: unknown;
    try {
        // Props replaced as unknown as a whole (lib/unknowns.ts unknownProps) throw on any read, the probe included.
        void props.__pathModelProbe;
        raw = props.__getSpecialProxyTarget ?? props;
    } catch {
        return `${r.urn}\0<unknown outputs>`;
    }
    let json: string;
    try { json = JSON.stringify(raw); } catch { json = "<unserialisable>"; }
    let deps = "";
    for (const k in r.propertyDependencies ?? {}) for (const d of r.propertyDependencies[k] ?? []) deps += `${k}=${d.urn};`;
    return `${r.urn}\0${json}\0${deps}`;
}

let cache: { key: string; model: PathModel } | undefined;
let builds = 0;

/** The model of this stack, built once per AnalyzeStack (see the file comment). */
export function pathModel(resources: readonly PolicyResource[]): PathModel {
    const relevant = resources.filter((r) => MODEL_TYPES.has(r.type));
    const key = relevant.map(fingerprintOf).join("\n");
    if (cache?.key === key) return cache.model;
    const model = build(relevant);
    builds++;
    cache = { key, model };
    return model;
}

/** How many models this process has built (tests check that one AnalyzeStack builds one). */
export function modelBuilds(): number {
    return builds;
}
