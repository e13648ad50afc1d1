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
import { parsePolicyDocument, wildcardMatches } from "../lib/iam";
import type { Statement } from "../lib/iam";

export type Step = "console" | "creds" | "s3" | "mining" | "evasion";

export interface CompareContext {
    /** True for a value only known after apply (the engine's unknown sentinels). */
    isUnknown(v: unknown): boolean;
}

/** One security-relevant property of a type. */
export interface PropertyCheck {
    /** Dotted path into the resource inputs, as shown to the reviewer (`vpcConfig.endpointPublicAccess`). */
    path: string;
    /** The control it carries, in words. */
    control: string;
    step: Step;
    /** Reads the value. @default - follows `path` through nested objects */
    read?: (inputs: Record<string, unknown>) => unknown;
    /**
     * Why going from `before` to `after` weakens the control, or undefined when it does not. Unknown parts of `after`
     * are skipped (the caller reports a change to an unknown value separately).
     */
    weakens(before: unknown, after: unknown, ctx: CompareContext): string | undefined;
}

export interface CatalogEntry {
    types: readonly string[];
    /** What the resource is, for messages: "EKS cluster". */
    title: string;
    checks: readonly PropertyCheck[];
    /** Why deleting (or replacing) a resource of this type removes a control; unset when that is not a finding. */
    removal?: { step: Step; why: string };
}

export interface Weakening {
    path: string;
    control: string;
    step: Step;
    before: unknown;
    after: unknown;
    /** Why it is weaker; for `unknown`, what cannot be verified. */
    why: string;
    /** The new value is only known after apply: not provably weaker, shown for review. */
    unknown: boolean;
}

// ---------- value helpers ----------

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Follows a dotted path; a one-element list on the way is stepped into (bridged providers send blocks as lists). */
export function readPath(obj: unknown, path: string): unknown {
    let cur: unknown = obj;
    for (const key of path.split(".")) {
        if (Array.isArray(cur) && cur.length === 1) cur = cur[0];
        if (!isRecord(cur)) return undefined;
        cur = cur[key];
    }
    return cur;
}

function bool(v: unknown): boolean | undefined {
    if (v === true || v === "true") return true;
    if (v === false || v === "false") return false;
    return undefined;
}

function list(v: unknown): unknown[] {
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : [v];
}

/** Deep structural equality of JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
    if (isRecord(a) && isRecord(b)) {
        const ka = Object.keys(a).filter((k) => a[k] !== undefined);
        const kb = Object.keys(b).filter((k) => b[k] !== undefined);
        return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
    }
    return false;
}

/** Whether any part of `v` is unknown. */
export function containsUnknown(v: unknown, ctx: CompareContext): boolean {
    if (ctx.isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some((x) => containsUnknown(x, ctx));
    if (isRecord(v)) return Object.values(v).some((x) => containsUnknown(x, ctx));
    return false;
}

function short(v: unknown): string {
    const s = typeof v === "string" ? v : JSON.stringify(v);
    return s === undefined ? "unset" : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

// ---------- comparators (each returns a PropertyCheck["weakens"]) ----------

/** A flag whose `true` opens something (public endpoint, public IP). `unset` means the provider default. */
export function turnedOn(unsetMeans: boolean, what: string): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const b = bool(before) ?? unsetMeans;
        const a = bool(after) ?? unsetMeans;
        return !b && a ? `${what} is now on${after === undefined ? " (unset means on)" : ""}` : undefined;
    };
}

/** A flag whose `true` protects something (block public access, key rotation). */
export function turnedOff(unsetMeans: boolean, what: string): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const b = bool(before) ?? unsetMeans;
        const a = bool(after) ?? unsetMeans;
        return b && !a ? `${what} is now off${after === undefined ? " (unset means off)" : ""}` : undefined;
    };
}

/** CIDR lists: a new range not inside any old one widens access. `unset` means the provider default. */
export function cidrsWidened(unsetMeans: readonly string[]): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        const b = (before === undefined || (Array.isArray(before) && before.length === 0) ? unsetMeans : list(before)).map(parseCidr);
        const a = after === undefined || (Array.isArray(after) && after.length === 0) ? [...unsetMeans] : list(after);
        const wider = a.filter((c) => !ctx.isUnknown(c)).filter((c) => {
            const cidr = parseCidr(c);
            return cidr === undefined ? typeof c === "string" : !b.some((o) => o !== undefined && cidrContains(o, cidr));
        });
        return wider.length > 0 ? `admits ${wider.map(short).join(", ")}` : undefined;
    };
}

/** An ordered setting, strongest first (`["API", "API_AND_CONFIG_MAP", "CONFIG_MAP"]`): moving right weakens. */
export function rankLowered(strongestFirst: readonly string[], unsetMeans: string | undefined): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const rank = (v: unknown) => {
            const s = typeof v === "string" ? v : unsetMeans;
            const i = s === undefined ? -1 : strongestFirst.findIndex((x) => x.toLowerCase() === s.toLowerCase());
            return i < 0 ? strongestFirst.length : i;
        };
        return rank(after) > rank(before) ? `${short(before ?? unsetMeans ?? "unset")} → ${short(after ?? unsetMeans ?? "unset")} is weaker` : undefined;
    };
}

/** A number whose growth weakens (IMDS hop limit). */
export function numberRaised(unsetMeans: number): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const b = typeof before === "number" ? before : unsetMeans;
        const a = typeof after === "number" ? after : unsetMeans;
        return a > b ? `raised from ${b} to ${a}` : undefined;
    };
}

/** Log retention in days: 0 or unset keeps logs forever, so any positive value below the old one shortens it. */
export function retentionShortened(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const days = (v: unknown) => (typeof v === "number" && v > 0 ? v : Infinity);
        return days(after) < days(before) ? `logs are kept ${days(after)} days instead of ${days(before) === Infinity ? "forever" : `${days(before)} days`}` : undefined;
    };
}

/** A setting whose presence is the control (a KMS key, an encryption config, a permissions boundary). */
export function removed(what: string): PropertyCheck["weakens"] {
    return (before, after) => {
        const set = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
        return set(before) && !set(after) ? `${what} is removed` : undefined;
    };
}

/** Entries of a set that the control needs (log types, policy types): losing one weakens. */
export function entriesLost(what: string): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (ctx.isUnknown(after)) return undefined;
        const a = list(after).map((x) => String(x).toLowerCase());
        const lost = list(before).filter((x) => !ctx.isUnknown(x) && !a.includes(String(x).toLowerCase()));
        return lost.length > 0 ? `${what} no longer include ${lost.map(short).join(", ")}` : undefined;
    };
}

/** Entries that each grant something (subjects, attached policies, rules): a new one widens. */
export function entriesGained(what: string): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        const b = list(before);
        const gained = list(after).filter((x) => !containsUnknown(x, ctx) && !b.some((y) => sameValue(x, y)));
        return gained.length > 0 ? `${what} gained ${gained.map(short).join(", ")}` : undefined;
    };
}

/** Any change at all is a grant to review (a different attached policy, a different role reference). */
export function changedTo(what: string): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (containsUnknown(after, ctx) || sameValue(before, after)) return undefined;
        return `${what} is now ${short(after)} (was ${short(before)})`;
    };
}

// ---------- IAM documents ----------

interface Grant {
    effect: "Allow" | "Deny";
    principal: string;
    action: string;
    resource: string;
    condition: string;
}

function principalsOf(s: Statement): string[] {
    const p = s.principal ?? s.notPrincipal;
    if (!p) return [""];
    const prefix = s.notPrincipal ? "NotPrincipal " : "";
    if (p.any) return [`${prefix}*`];
    const all = [...p.aws.map((x) => `AWS:${x}`), ...p.service.map((x) => `Service:${x}`), ...p.federated.map((x) => `Federated:${x}`), ...p.canonicalUser.map((x) => `CanonicalUser:${x}`)];
    return all.length > 0 ? all.map((x) => prefix + x) : [""];
}

/** A document as (effect, principal, action, resource, condition) grants; NotAction/NotResource kept opaque. */
export function grantsOf(doc: unknown): Grant[] | undefined {
    const parsed = parsePolicyDocument(doc);
    if (!parsed.statements) return undefined;
    const out: Grant[] = [];
    for (const s of parsed.statements) {
        const actions = s.action ?? (s.notAction ? [`NotAction ${JSON.stringify(s.notAction)}`] : [""]);
        const resources = s.resource ?? (s.notResource ? [`NotResource ${JSON.stringify(s.notResource)}`] : [""]);
        const condition = JSON.stringify([...s.conditions].sort((x, y) => `${x.operator}${x.key}`.localeCompare(`${y.operator}${y.key}`)));
        for (const principal of principalsOf(s)) for (const action of actions) for (const resource of resources) {
            out.push({ effect: s.effect, principal, action, resource, condition });
        }
    }
    return out;
}

function covers(outer: string, inner: string): boolean {
    if (outer === inner) return true;
    if (outer.startsWith("Not") || inner.startsWith("Not")) return false;
    return wildcardMatches(outer, inner);
}

function principalCovers(outer: string, inner: string): boolean {
    if (outer === "*" || outer === "AWS:*") return !inner.startsWith("NotPrincipal");
    return covers(outer, inner);
}

function describeGrant(g: Grant): string {
    const who = g.principal ? ` to ${g.principal.replace(/^AWS:/, "")}` : "";
    const on = g.resource ? ` on ${g.resource}` : "";
    return `${g.action || "(no action)"}${on}${who}${g.condition !== "[]" ? " (conditional)" : ""}`;
}

/**
 * IAM/resource policy documents: a new Allow grant not covered by an old one (new action, resource or principal, or
 * a condition dropped), or an old Deny that is gone. A document that no longer parses counts as weaker: IAM would
 * refuse it, but a reviewer cannot tell what it was meant to allow.
 */
export function policyWidened(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (containsUnknown(after, ctx) || sameValue(before, after)) return undefined;
        if (after === undefined || after === null || after === "") return undefined;
        const a = grantsOf(after);
        if (!a) return "the new document cannot be read as an IAM policy";
        const b = grantsOf(before) ?? [];
        const allowB = b.filter((g) => g.effect === "Allow");
        const gained = a.filter((g) => g.effect === "Allow").filter((g) => !allowB.some((o) =>
            principalCovers(o.principal, g.principal) && covers(o.action, g.action) && (o.resource === "" || covers(o.resource, g.resource))
            && (o.condition === "[]" || o.condition === g.condition)));
        const denyA = a.filter((g) => g.effect === "Deny");
        const lostDeny = b.filter((g) => g.effect === "Deny").filter((o) => !denyA.some((g) =>
            principalCovers(g.principal, o.principal) && covers(g.action, o.action) && covers(g.resource || "*", o.resource || "*") && g.condition === o.condition));
        const parts: string[] = [];
        if (gained.length > 0) parts.push(`now allows ${gained.slice(0, 4).map(describeGrant).join("; ")}${gained.length > 4 ? `; and ${gained.length - 4} more` : ""}`);
        if (lostDeny.length > 0) parts.push(`no longer denies ${lostDeny.slice(0, 3).map(describeGrant).join("; ")}${lostDeny.length > 3 ? `; and ${lostDeny.length - 3} more` : ""}`);
        return parts.length > 0 ? parts.join("; ") : undefined;
    };
}

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
    {
        types: [AWS.flowLog], title: "VPC flow log",
        checks: [{ path: "trafficType", control: "VPC flow logs record all traffic", step: "evasion", weakens: rankLowered(["ALL", "REJECT", "ACCEPT"], undefined) }],
        removal: { step: "evasion", why: "connections to a mining pool would no longer be recorded" },
    },
    {
        types: [AWS.cloudTrail], title: "CloudTrail trail",
        checks: [
            { path: "enableLogging", control: "CloudTrail logging", step: "evasion", weakens: turnedOff(true, "logging") },
            { path: "isMultiRegionTrail", control: "CloudTrail covers every region", step: "evasion", weakens: turnedOff(false, "multi-region logging") },
            { path: "enableLogFileValidation", control: "CloudTrail log integrity", step: "evasion", weakens: turnedOff(false, "log file validation") },
            { path: "kmsKeyId", control: "CloudTrail logs encrypted with a customer KMS key", step: "evasion", weakens: removed("the KMS key") },
        ],
        removal: { step: "evasion", why: "API calls made with stolen credentials would no longer be recorded" },
    },
    {
        types: [AWS.guardDutyDetector], title: "GuardDuty detector",
        checks: [{ path: "enable", control: "GuardDuty threat detection", step: "evasion", weakens: turnedOff(true, "GuardDuty") }],
        removal: { step: "evasion", why: "crypto-mining and credential-exfiltration findings stop" },
    },
    {
        types: [AWS.guardDutyDetectorFeature], title: "GuardDuty feature",
        checks: [{ path: "status", control: "GuardDuty runtime/EKS protection", step: "evasion", weakens: rankLowered(["ENABLED", "DISABLED"], undefined) }],
        removal: { step: "evasion", why: "that GuardDuty protection (EKS audit logs, runtime monitoring) stops" },
    },
    {
        types: [AWS.logGroup], title: "CloudWatch log group",
        checks: [
            { path: "retentionInDays", control: "log retention", step: "evasion", weakens: retentionShortened() },
            { path: "kmsKeyId", control: "logs encrypted with a customer KMS key", step: "evasion", weakens: removed("the KMS key") },
        ],
        removal: { step: "evasion", why: "the logs it holds are deleted" },
    },
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
        types: ["aws:networkfirewall/firewall:Firewall", AWS.firewallPolicy, "aws:networkfirewall/ruleGroup:RuleGroup", AWS.networkFirewallLogging,
            "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation", AWS.resolverQueryLogConfig,
            "aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation"], title: "egress filtering",
        checks: [],
        removal: { step: "mining", why: "egress to a mining pool is no longer filtered or logged" },
    },
    {
        types: k8sTypes("NetworkPolicy"), title: "NetworkPolicy",
        checks: [
            { path: "spec.policyTypes", control: "default-deny network policy (ingress and egress)", step: "mining", weakens: entriesLost("policy types") },
            { path: "spec.egress", control: "egress allowlist", step: "mining", weakens: entriesGained("egress rules") },
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
            { path: "metadata.labels.pod-security.kubernetes.io/enforce", control: "Pod Security Admission (enforce)", step: "mining",
                read: (i) => {
                    const labels = readPath(i, "metadata.labels");
                    return isRecord(labels) ? labels["pod-security.kubernetes.io/enforce"] : undefined;
                },
                weakens: rankLowered(PSA_LEVELS, "privileged") },
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

/**
 * How an update from `before` to `after` weakens the catalogued controls of a resource of `type`. A property whose
 * new value is unknown and differs from the old one is reported with `unknown: true` (not provably weaker).
 */
export function weakeningsOf(type: string, before: Record<string, unknown>, after: Record<string, unknown>, ctx: CompareContext): Weakening[] {
    const entry = catalogEntry(type);
    if (!entry) return [];
    const out: Weakening[] = [];
    for (const check of entry.checks) {
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

/** Why removing a resource of `type` is a finding, or undefined when it is not a security resource. */
export function removalRisk(type: string): CatalogEntry["removal"] {
    return catalogEntry(type)?.removal;
}
