/**
 * "Can this caller do this action on this resource?" across the policies that decide it: the caller's identity
 * policies, the resource's policy (a bucket policy, a trust policy), and the VPC endpoint's policy when the request
 * goes through one. The logic of the IAM policy evaluation reference, reduced to what the path model needs: an
 * explicit Deny anywhere wins; then, in the caller's own account, an Allow in the identity OR the resource policy; from
 * another account (or anonymously, or as an AWS service) an Allow in the resource policy; and an endpoint on the way
 * must allow the request too. No SCPs, permission boundaries or session policies: the stack declares none, and each
 * can only take permissions away.
 *
 * Three-valued: a document whose value is unknown in this preview, or that the stack does not show (a customer
 * managed policy named only by ARN), leaves the answer `unknown`, with the reasons, never a guess.
 */
import { Principals, Statement, coversAction, serviceName } from "./iam";
import { matches, matchesEveryWithPrefix, matchesSomeWithPrefix } from "./iam-match";
import { CondResult, RequestContext, evaluateConditions } from "./iam-conditions";

export type Tri = true | false | "unknown";

/** Why an answer is `unknown`: a value not known in this preview, or a policy the stack does not show (`opaque`). */
export interface Reason {
    /** The resource holding the value, when it is one of the stack's. */
    urn?: string;
    /** The property (for unknown values) or what is opaque, e.g. `policyArn arn:aws:iam::...:policy/x`. */
    path: string;
    opaque: boolean;
}

/** A policy document as the model holds it: its statements, or why they cannot be read. */
export type PolicySource =
    | { statements: readonly Statement[]; where: string; reason?: undefined }
    | { statements?: undefined; where: string; reason: Reason };

export type Caller =
    | { kind: "anonymous" }
    /** An IAM principal. `arn` undefined: its ARN is not known yet (a role being created). */
    | { kind: "aws"; account: string | undefined; arn: string | undefined }
    | { kind: "service"; service: string };

/** The resource of a request: one ARN, or every ARN with a prefix (the objects of a bucket: `arn:aws:s3:::b/`). */
export type RequestResource = { arn: string } | { prefix: string };

export interface Request {
    action: string;
    resource: RequestResource;
    caller: Caller;
    context: RequestContext;
}

export function or(a: Tri, b: Tri): Tri {
    return a === true || b === true ? true : a === "unknown" || b === "unknown" ? "unknown" : false;
}

export function and(a: Tri, b: Tri): Tri {
    return a === false || b === false ? false : a === "unknown" || b === "unknown" ? "unknown" : true;
}

function inList(p: Principals, caller: Caller): Tri {
    if (p.any) return true;
    if (caller.kind === "anonymous") return false;
    if (caller.kind === "service") return p.service.some((s) => serviceName(s).toLowerCase() === serviceName(caller.service).toLowerCase());
    let result: Tri = false;
    for (const entry of p.aws) {
        const account = /^\d{12}$/.exec(entry)?.[0] ?? /^arn:[a-z-]+:iam::(\d{12}):root$/.exec(entry)?.[1];
        if (account !== undefined) {
            // An account principal stands for every principal of the account (the account's own policies then decide).
            result = or(result, caller.account === undefined ? "unknown" : caller.account === account);
            continue;
        }
        if (caller.arn !== undefined) result = or(result, entry === caller.arn);
        else {
            const entryAccount = /^arn:[a-z-]+:(?:iam|sts)::(\d{12}):/.exec(entry)?.[1];
            result = or(result, entryAccount !== undefined && caller.account !== undefined && entryAccount !== caller.account ? false : "unknown");
        }
    }
    return result;
}

/** Whether a resource-policy statement's Principal / NotPrincipal names the caller. Identity statements have neither. */
export function principalMatches(s: Statement, caller: Caller): Tri {
    if (s.principal) return inList(s.principal, caller);
    if (s.notPrincipal) {
        const named = inList(s.notPrincipal, caller);
        return named === "unknown" ? "unknown" : !named;
    }
    return true;
}

/**
 * Whether the statement's Resource reaches the request's resource. For a prefix, an Allow needs *some* matching
 * ARN (it reaches some objects) and a Deny needs *every* one (it closes the whole bucket).
 */
export function resourceMatches(s: Statement, r: RequestResource): boolean {
    const some = (p: string) => ("arn" in r ? matches(p, r.arn) : matchesSomeWithPrefix(p, r.prefix));
    const every = (p: string) => ("arn" in r ? matches(p, r.arn) : matchesEveryWithPrefix(p, r.prefix));
    if (s.resource) return s.effect === "Allow" ? s.resource.some(some) : s.resource.some(every);
    if (s.notResource) return s.effect === "Allow" ? !s.notResource.some(every) : !s.notResource.some(some);
    return true; // trust policies name no resource: the role itself
}

/** Whether one statement applies to the request (conditions the scenario cannot decide resolved against the caller's interest). */
export function statementApplies(s: Statement, req: Request): Tri {
    if (!coversAction(s, req.action) || !resourceMatches(s, req.resource)) return false;
    const who = principalMatches(s, req.caller);
    if (who === false) return false;
    const cond: CondResult = evaluateConditions(s.conditions, req.context);
    const met: Tri = cond === "free" ? s.effect === "Allow" : cond;
    return and(who, met);
}

export interface Layer {
    sources: readonly PolicySource[];
}

export interface Decision {
    result: "allowed" | "denied" | "unknown";
    /** The statements that allowed it (`<where> Statement[i]`), for the path's message. */
    allowedBy: string[];
    /** The statement that denied it, when one did explicitly. */
    deniedBy?: string;
    /** Why the result is unknown. */
    reasons: Reason[];
}

/**
 * An Allow whose Principal names the caller only through its account (`123456789012`, `arn:...:root`) delegates to
 * that account's own policies: it lets the caller in only if the caller's identity policies allow it too.
 */
function onlyThroughAccount(s: Statement, caller: Caller): boolean {
    if (!s.principal || s.principal.any || caller.kind !== "aws") return false;
    return !s.principal.aws.some((e) => e === "*" || (caller.arn !== undefined && e === caller.arn));
}

interface Tally { allow: Tri; deny: Tri; delegated: Tri; allowedBy: string[]; deniedBy?: string; reasons: Reason[] }

function tally(sources: readonly PolicySource[], req: Request): Tally {
    const t: Tally = { allow: false, deny: false, delegated: false, allowedBy: [], reasons: [] };
    for (const src of sources) {
        if (src.reason) {
            t.allow = or(t.allow, "unknown");
            t.deny = or(t.deny, "unknown");
            t.reasons.push(src.reason);
            continue;
        }
        src.statements.forEach((s, i) => {
            const applies = statementApplies(s, req);
            if (applies === false) return;
            if (s.effect === "Allow" && onlyThroughAccount(s, req.caller)) {
                t.delegated = or(t.delegated, applies);
                if (applies === true) t.allowedBy.push(`${src.where} Statement[${i}]${s.sid ? ` (${s.sid})` : ""}`);
            } else if (s.effect === "Allow") {
                t.allow = or(t.allow, applies);
                if (applies === true) t.allowedBy.push(`${src.where} Statement[${i}]${s.sid ? ` (${s.sid})` : ""}`);
            } else {
                t.deny = or(t.deny, applies);
                if (applies === true) t.deniedBy ??= `${src.where} Statement[${i}]${s.sid ? ` (${s.sid})` : ""}`;
            }
            if (applies === "unknown") t.reasons.push({ path: `a condition or principal of ${src.where} Statement[${i}]`, opaque: false });
        });
    }
    return t;
}

export interface Layers {
    /** The caller's identity policies; undefined: not ours to see (another account, a generic principal), counted as allowing. */
    identity?: readonly PolicySource[];
    /** The resource's own policy (bucket policy, trust policy); [] when it has none. */
    resource: readonly PolicySource[];
    /** Policies of the VPC endpoint the request goes through; undefined when it goes through none. */
    endpoint?: readonly PolicySource[];
    /** Account owning the resource; undefined when not known. */
    resourceAccount: string | undefined;
}

/** The decision for one request (see the file comment for the rules). */
export function decide(req: Request, layers: Layers): Decision {
    const identity = layers.identity ? tally(layers.identity, req) : undefined;
    const resource = tally(layers.resource, req);
    const endpoint = layers.endpoint ? tally(layers.endpoint, req) : undefined;
    const reasons = [...(identity?.reasons ?? []), ...resource.reasons, ...(endpoint?.reasons ?? [])];
    const deny = or(or(identity?.deny ?? false, resource.deny), endpoint?.deny ?? false);
    const deniedBy = identity?.deniedBy ?? resource.deniedBy ?? endpoint?.deniedBy;
    if (deny === true) return { result: "denied", allowedBy: [], deniedBy, reasons: [] };
    const identityAllow: Tri = identity ? identity.allow : true;
    const sameAccount: Tri = req.caller.kind !== "aws" ? false
        : req.caller.account === undefined || layers.resourceAccount === undefined ? "unknown"
            : req.caller.account === layers.resourceAccount;
    // Same account: either policy suffices (a grant to the account itself only defers to the identity side).
    // Otherwise both sides must allow (anonymous callers and services have no identity side).
    const resourceAny = or(resource.allow, resource.delegated);
    const principalAllow: Tri = req.caller.kind === "aws" ? or(and(sameAccount, or(identityAllow, resource.allow)), and(identityAllow, resourceAny)) : resource.allow;
    const allow = and(principalAllow, endpoint ? endpoint.allow : true);
    if (allow === false) return { result: "denied", allowedBy: [], reasons: [] };
    if (allow === true && deny === false) {
        return { result: "allowed", allowedBy: [...(identity?.allowedBy ?? []), ...resource.allowedBy, ...(endpoint?.allowedBy ?? [])], reasons: [] };
    }
    return { result: "unknown", allowedBy: [], reasons };
}
