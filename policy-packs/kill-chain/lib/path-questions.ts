/**
 * The kill-chain questions asked of the path model. Each answer lists the paths found (with the step-by-step path
 * for the message) and what could not be decided (with the reasons: a value unknown in this preview, or a policy
 * the stack does not show).
 */
import { Statement, coversAction } from "./iam";
import { Caller, Decision, Reason, RequestResource, decide } from "./iam-eval";
import { matchesSomeWithPrefix } from "./iam-match";
import type { Door } from "./path-doors";
import type { BucketNode, PathModel, RoleNode } from "./path-model";
import { OTHER_ACCOUNT, OutsideCaller, outsideContext, podContext } from "./path-scenarios";

/** Why conditions on the account cannot be decided: nothing in the stack names it. */
const NO_ACCOUNT: Reason = { path: "the stack's AWS account (no key policy, OIDC provider or role ARN names one)", opaque: true };

/** Actions that read an object's content: the current version and any older one. */
export const READ_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion"] as const;

export interface Finding {
    /** Where to report: the role or bucket at the heart of the path. */
    urn: string;
    /** `pod payments/default -> role app (IRSA) -> s3:GetObject on telemetry-bucket (allowed by ...)`. */
    path: string;
    /** The fix when it is not the question's usual one. */
    fix?: string;
}

export interface Undecided {
    urn: string;
    /** What could not be proved, for the message: `whether pods reach role x and read telemetry-bucket`. */
    what: string;
    reasons: Reason[];
}

export interface Answer {
    findings: Finding[];
    undecided: Undecided[];
}

function objectsOf(b: BucketNode): RequestResource | undefined {
    return b.bucket === undefined ? undefined : { prefix: `arn:aws:s3:::${b.bucket}/` };
}

/** Best of several decisions from the attacker's side: allowed beats unknown beats denied. */
function best(ds: Decision[]): Decision {
    return ds.find((d) => d.result === "allowed") ?? ds.find((d) => d.result === "unknown") ?? ds[0] ?? { result: "denied", allowedBy: [], reasons: [] };
}

/**
 * Whether `role` can read objects of `bucket`, from inside the VPC (through whichever S3 endpoint lets it: the
 * caller picks) or from outside, and which action proves it.
 */
export function roleReads(model: PathModel, role: RoleNode, bucket: BucketNode, inVpc: boolean): Decision & { action?: string } {
    const resource = objectsOf(bucket);
    if (!resource) return { result: "unknown", allowedBy: [], reasons: [...bucket.reasons] };
    const caller: Caller = { kind: "aws", account: model.account, arn: role.arn };
    const endpoints = inVpc && model.s3Endpoints.length > 0 ? model.s3Endpoints.map((e) => [e.policy]) : [undefined];
    const context = inVpc ? podContext(model.account, role.arn, model.s3Endpoints.length > 0) : outsideContext(model.account, caller);
    const decisions: (Decision & { action?: string })[] = [];
    for (const action of READ_ACTIONS) {
        const d = best(endpoints.map((endpoint) => decide({ action, resource, caller, context }, { identity: role.identity, resource: bucket.policies, endpoint, resourceAccount: model.account })));
        decisions.push({ ...d, action });
    }
    const found = best(decisions);
    if (found.result !== "unknown") return found;
    // A principal or condition the scenario could not decide is most often this role's own ARN, unknown before create.
    const own: Reason[] = role.arn === undefined ? [{ urn: role.urn, path: "arn", opaque: false }] : [];
    if (model.account === undefined) own.push(NO_ACCOUNT);
    return { ...found, reasons: [...found.reasons, ...own, ...bucket.reasons] };
}

function step(door: Door, role: RoleNode): string {
    return `${door.from} -> ${role.label} (${door.how})`;
}

function because(d: Decision): string {
    return d.allowedBy.length > 0 ? ` (allowed by ${d.allowedBy.join(" + ")})` : "";
}

/** Index of buckets by name, for finding the few a role's grants can reach without trying every pair. */
export interface BucketIndex {
    byName: Map<string, BucketNode[]>;
    all: BucketNode[];
    /** Buckets every role must be tried against: name unknown, or a bucket policy that may grant reads itself. */
    always: BucketNode[];
}

export function bucketIndex(buckets: readonly BucketNode[]): BucketIndex {
    const byName = new Map<string, BucketNode[]>();
    const always: BucketNode[] = [];
    for (const b of buckets) {
        if (b.bucket !== undefined) byName.set(b.bucket, [...(byName.get(b.bucket) ?? []), b]);
        const policyMayGrant = b.policies.some((p) => p.reason !== undefined
            || (p.statements ?? []).some((st) => st.effect === "Allow" && READ_ACTIONS.some((a) => coversAction(st, a))));
        if (b.bucket === undefined || policyMayGrant) always.push(b);
    }
    return { byName, all: [...buckets], always };
}

/**
 * The buckets whose objects a role's identity policies may reach, found through the index: a grant naming the
 * bucket literally is a lookup, only a wildcard in the bucket name (or a policy the model cannot read) tries every
 * bucket. A cheap superset: each candidate is then decided in full.
 */
export function candidateBuckets(role: RoleNode, index: BucketIndex): BucketNode[] {
    const out = new Set<BucketNode>(index.always);
    for (const src of role.identity) {
        if (src.reason) return index.all;
        for (const st of src.statements) {
            if (st.effect !== "Allow" || !READ_ACTIONS.some((a) => coversAction(st, a))) continue;
            if (!st.resource) return index.all;
            for (const pattern of st.resource) {
                const m = /^arn:[^:]*:s3:::([^/]*)/.exec(pattern);
                if (pattern === "*" || !m || /[*?]/.test(m[1]!)) {
                    for (const b of index.all) if (b.bucket !== undefined && matchesSomeWithPrefix(pattern, `arn:aws:s3:::${b.bucket}/`)) out.add(b);
                } else for (const b of index.byName.get(m[1]!) ?? []) out.add(b);
            }
        }
    }
    return [...out];
}

/**
 * Question: does any workload identity other than the designated ones read a sensitive bucket? Every role a pod
 * can obtain is tried, from inside the VPC, against the sensitive buckets its grants may reach; doors that admit
 * anyone but a designated service account are findings.
 */
export function undesignatedReaders(model: PathModel, sensitive: (b: BucketNode) => boolean, designated: (b: BucketNode) => readonly string[]): Answer {
    const answer: Answer = { findings: [], undecided: [] };
    const index = bucketIndex(model.buckets.filter(sensitive));
    const allowedOf = new Map<BucketNode, Set<string>>();
    for (const role of model.roles) {
        const podDoors = role.doors.filter((d) => d.origin === "pod");
        if (podDoors.length === 0 && role.doorReasons.length === 0) continue;
        const candidates = candidateBuckets(role, index);
        const unreadable = role.identity.filter((src) => src.reason !== undefined).map((src) => src.reason!);
        if (unreadable.length > 0) {
            // What the role may read cannot be told for any bucket: one answer for the role, not one per bucket.
            const exposed = candidates.some((b) => {
                let allowed = allowedOf.get(b);
                if (!allowed) allowedOf.set(b, (allowed = new Set(designated(b))));
                return role.doorReasons.length > 0 || podDoors.some((d) => d.serviceAccount === undefined || !allowed!.has(d.serviceAccount));
            });
            if (exposed) {
                answer.undecided.push({
                    urn: role.urn,
                    what: `whether ${role.label}, which pods other than the designated readers may obtain, reads a sensitive bucket`,
                    reasons: [...unreadable, ...role.doorReasons],
                });
            }
            continue;
        }
        for (const bucket of candidates) {
            let allowed = allowedOf.get(bucket);
            if (!allowed) allowedOf.set(bucket, (allowed = new Set(designated(bucket))));
            const others = podDoors.filter((d) => d.serviceAccount === undefined || !allowed!.has(d.serviceAccount));
            if (others.length === 0 && role.doorReasons.length === 0) continue;
            const d = roleReads(model, role, bucket, true);
            if (d.result === "denied") continue;
            if (d.result === "allowed" && others.length > 0) {
                for (const door of others) answer.findings.push({ urn: role.urn, path: `${step(door, role)} -> ${d.action} on ${bucket.label}${because(d)}` });
                continue;
            }
            answer.undecided.push({
                urn: role.urn,
                what: `whether a pod other than ${[...allowed].join(", ") || "a designated reader"} obtains ${role.label} and reads ${bucket.label}`,
                reasons: [...(d.result === "unknown" ? d.reasons : []), ...(others.length === 0 ? role.doorReasons : [])],
            });
        }
    }
    return answer;
}

/** Actions that change IAM or EKS access, each with the ARN prefix of what it acts on (`any-role`: see escalationResource). */
export const ESCALATION_ACTIONS: readonly [string, string][] = [
    ["iam:PutRolePolicy", "role/"], ["iam:AttachRolePolicy", "role/"], ["iam:UpdateAssumeRolePolicy", "role/"], ["iam:CreateRole", "role/"],
    ["iam:PassRole", "any-role"], ["iam:PutRolePermissionsBoundary", "role/"], ["iam:DeleteRolePermissionsBoundary", "role/"],
    ["iam:CreatePolicyVersion", "policy/"], ["iam:SetDefaultPolicyVersion", "policy/"], ["iam:CreatePolicy", "policy/"],
    ["iam:CreateUser", "user/"], ["iam:CreateAccessKey", "user/"], ["iam:AttachUserPolicy", "user/"], ["iam:PutUserPolicy", "user/"],
    ["iam:CreateLoginProfile", "user/"], ["iam:UpdateLoginProfile", "user/"],
    ["iam:AddUserToGroup", "group/"], ["iam:AttachGroupPolicy", "group/"], ["iam:PutGroupPolicy", "group/"],
    ["eks:CreateAccessEntry", "eks"], ["eks:AssociateAccessPolicy", "eks"], ["eks:UpdateAccessEntry", "eks"],
];

/** Whether any Allow statement could grant an escalation action (ignoring resources and conditions), per document. */
const escalating = new WeakMap<readonly Statement[], boolean>();
function mayEscalate(statements: readonly Statement[]): boolean {
    let v = escalating.get(statements);
    if (v === undefined) {
        v = statements.some((st) => st.effect === "Allow" && ESCALATION_ACTIONS.some(([a]) => coversAction(st, a)));
        escalating.set(statements, v);
    }
    return v;
}

function escalationResource(account: string | undefined, kind: string): RequestResource {
    if (kind === "eks") return { prefix: "arn:aws:eks:" };
    // Passing a named role (Karpenter passes its node role) gives nothing the pod could not already get; passing any
    // role is the escalation. A role nobody named stands for "any".
    if (kind === "any-role") return { arn: `arn:aws:iam::${account ?? "000000000000"}:role/a-role-nobody-named` };
    return { prefix: account === undefined ? "arn:aws:iam::" : `arn:aws:iam::${account}:${kind}` };
}

/**
 * Question: can an identity a pod obtains change IAM (write a policy, a trust, a user, pass a role) or EKS access,
 * or is it cluster-admin through an access entry? IAM writes are judged on the identity policies alone: IAM has no
 * resource policies that could add to them.
 */
export function podEscalations(model: PathModel): Answer {
    const answer: Answer = { findings: [], undecided: [] };
    for (const role of model.roles) {
        const podDoors = role.doors.filter((d) => d.origin === "pod");
        if (podDoors.length === 0 && role.doorReasons.length === 0) continue;
        if (role.clusterAdmin.length === 0 && !role.identity.some((src) => src.reason !== undefined || mayEscalate(src.statements))) continue;
        const caller: Caller = { kind: "aws", account: model.account, arn: role.arn };
        const context = podContext(model.account, role.arn, false);
        const granted: string[] = [];
        const reasons: Reason[] = [];
        for (const [action, kind] of ESCALATION_ACTIONS) {
            const d = decide({ action, resource: escalationResource(model.account, kind), caller, context }, { identity: role.identity, resource: [], resourceAccount: model.account });
            if (d.result === "allowed") granted.push(`${action}${because(d)}`);
            else if (d.result === "unknown") reasons.push(...d.reasons);
        }
        const admin = role.clusterAdmin.map((a) => `cluster-admin through ${a}`);
        const all = [...granted, ...admin];
        if (all.length > 0 && podDoors.length > 0) {
            for (const door of podDoors) answer.findings.push({ urn: role.urn, path: `${step(door, role)} -> ${all.join("; ")}` });
        } else if (all.length > 0 || reasons.length > 0) {
            answer.undecided.push({
                urn: role.urn,
                what: `whether a pod obtains ${role.label}${all.length > 0 ? ` (it has ${all.join("; ")})` : " and what it may change in IAM"}`,
                reasons: [...(all.length > 0 ? [] : reasons), ...(podDoors.length > 0 ? [] : role.doorReasons)],
            });
        }
    }
    return answer;
}

/** The outside callers tried against a bucket: anyone, another account, this account's credentials, services its policy names. */
function outsideCallers(model: PathModel, bucket: BucketNode): { who: string; caller: OutsideCaller }[] {
    const services = new Set<string>();
    // Principals of other accounts the policy names, tried in their own name: an exemption may name them exactly.
    const others = new Map<string, string>();
    for (const p of bucket.policies) {
        for (const s of p.statements ?? []) {
            if (s.effect !== "Allow") continue;
            for (const svc of s.principal?.service ?? []) services.add(svc);
            for (const a of s.principal?.aws ?? []) {
                const acct = /^(\d{12})$/.exec(a)?.[1] ?? /^arn:[a-z-]+:(?:iam|sts)::(\d{12}):/.exec(a)?.[1];
                if (acct !== undefined && acct !== model.account) others.set(a, acct);
            }
        }
    }
    return [
        { who: "anyone on the internet (anonymous)", caller: { kind: "anonymous" } },
        { who: `a principal of another account (${OTHER_ACCOUNT})`, caller: { kind: "aws", account: OTHER_ACCOUNT, arn: `arn:aws:iam::${OTHER_ACCOUNT}:role/outside` } },
        {
            who: `credentials of a role of this account used outside its VPC endpoints (taken from a pod, as in the Tesla breach)`,
            caller: { kind: "aws", account: model.account, arn: model.account === undefined ? undefined : `arn:aws:iam::${model.account}:role/any-role-used-from-outside` },
        },
        ...[...others].map(([principal, account]) => ({
            who: `account ${account} (${principal}, named by the bucket policy)`,
            caller: { kind: "aws" as const, account, arn: /:(role|user)\//.test(principal) ? principal : `arn:aws:iam::${account}:role/outside` },
        })),
        ...[...services].map((service) => ({
            who: `${/^cloudfront\./.test(service) ? "the internet through CloudFront" : "an AWS service acting for others"} (service principal ${service})`,
            caller: { kind: "service" as const, service },
        })),
    ];
}

/**
 * Question: is a sensitive bucket readable only through the perimeter (the VPC endpoints of this account)? Every
 * outside caller must be denied, and no role reachable from outside (a public Lambda function URL, an unpinned
 * OIDC trust, a trust open to any account) may read it, wherever it runs.
 */
export function perimeterBreaches(model: PathModel, sensitive: (b: BucketNode) => boolean): Answer {
    const answer: Answer = { findings: [], undecided: [] };
    const index = bucketIndex(model.buckets.filter(sensitive));
    const outsideRoles = model.roles.filter((r) => r.doors.some((d) => d.origin === "outside"))
        .map((role) => ({ role, reaches: new Set(candidateBuckets(role, index)) }));
    for (const bucket of index.all) {
        const resource = objectsOf(bucket);
        if (!resource) {
            answer.undecided.push({ urn: bucket.urn, what: `who reads ${bucket.label} from outside the perimeter`, reasons: bucket.reasons });
            continue;
        }
        // One policy per bucket: a second BucketPolicy resource replaces the first when applied (the last one wins).
        const [kept, ...extra] = bucket.policyResources;
        for (const p of extra) {
            answer.findings.push({
                urn: p.urn,
                path: `${p.label} is a second policy for ${bucket.label}: S3 keeps one policy per bucket, the last applied, so it may replace ${kept!.label} and its perimeter`,
                fix: `Merge its statements into ${kept!.label}, keeping the perimeter Deny`,
            });
        }
        for (const { who, caller } of outsideCallers(model, bucket)) {
            const context = outsideContext(model.account, caller);
            const ds = READ_ACTIONS.map((action) => ({ action, d: decide({ action, resource, caller, context }, { resource: bucket.policies, resourceAccount: model.account }) }));
            const hit = ds.find((x) => x.d.result === "allowed");
            if (hit) {
                answer.findings.push({ urn: bucket.urn, path: `${who} -> ${hit.action} on ${bucket.label}${because(hit.d)}: no Deny of the bucket policy stops requests that do not come through this account's VPC endpoints` });
                continue;
            }
            const unknown = ds.find((x) => x.d.result === "unknown");
            const reasons = [...(unknown?.d.reasons ?? []), ...bucket.reasons];
            if (unknown) answer.undecided.push({ urn: bucket.urn, what: `whether ${who} reads ${bucket.label}`, reasons: reasons.length > 0 ? reasons : [NO_ACCOUNT] });
        }
        for (const { role, reaches } of outsideRoles) {
            if (!reaches.has(bucket)) continue;
            for (const door of role.doors.filter((x) => x.origin === "outside")) {
                const d = roleReads(model, role, bucket, door.inVpc);
                if (d.result === "allowed") answer.findings.push({ urn: role.urn, path: `${step(door, role)} -> ${d.action} on ${bucket.label}${because(d)}` });
                else if (d.result === "unknown") answer.undecided.push({ urn: role.urn, what: `whether ${door.from} reads ${bucket.label} through ${role.label}`, reasons: d.reasons });
            }
        }
    }
    return answer;
}
