/**
 * Reading IAM policy documents (identity, trust and resource policies) the way IAM evaluates them, for policies.
 * Pure and total: a malformed document is reported as a parse error, never thrown, so a policy can turn it into a
 * violation with a clear message instead of failing the whole preview.
 */

export interface Condition {
    /** Operator as written, e.g. `StringEquals`, `ForAnyValue:StringLike`, `BoolIfExists`. */
    operator: string;
    /** Condition key as written, e.g. `aws:SourceVpce`, `oidc.eks.eu-west-1.amazonaws.com/id/X:sub`. */
    key: string;
    values: string[];
}

export interface Principals {
    /** `Principal: "*"` (or `NotPrincipal: "*"`). */
    any: boolean;
    aws: string[];
    service: string[];
    federated: string[];
    canonicalUser: string[];
}

export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny";
    principal?: Principals;
    notPrincipal?: Principals;
    action?: string[];
    notAction?: string[];
    resource?: string[];
    notResource?: string[];
    conditions: Condition[];
}

export type ParsedDocument = { statements: Statement[]; error?: undefined } | { statements?: undefined; error: string };

function strings(v: unknown): string[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return [v];
    if (typeof v === "number" || typeof v === "boolean") return [String(v)];
    if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x : JSON.stringify(x)));
    return undefined;
}

function principals(v: unknown): Principals | undefined {
    if (v === undefined || v === null) return undefined;
    const p: Principals = { any: false, aws: [], service: [], federated: [], canonicalUser: [] };
    if (v === "*") return { ...p, any: true };
    if (typeof v !== "object" || Array.isArray(v)) return { ...p, aws: strings(v) ?? [] };
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
        const list = strings(val) ?? [];
        switch (k.toLowerCase()) {
            case "aws": p.aws.push(...list); break;
            case "service": p.service.push(...list); break;
            case "federated": p.federated.push(...list); break;
            case "canonicaluser": p.canonicalUser.push(...list); break;
            default: p.aws.push(...list);
        }
    }
    if (p.aws.includes("*") || p.canonicalUser.includes("*")) p.any = true;
    return p;
}

function conditions(v: unknown): Condition[] {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return [];
    const out: Condition[] = [];
    for (const [operator, block] of Object.entries(v as Record<string, unknown>)) {
        if (typeof block !== "object" || block === null) continue;
        for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
            out.push({ operator, key, values: strings(values) ?? [] });
        }
    }
    return out;
}

function field(o: Record<string, unknown>, name: string): unknown {
    // IAM element names are case-sensitive in theory, but tools accept any case; be as lenient as the loosest reader.
    const k = Object.keys(o).find((x) => x.toLowerCase() === name.toLowerCase());
    return k === undefined ? undefined : o[k];
}

/** Parses a policy document given as JSON text or as an object (Pulumi accepts both). */
export function parsePolicyDocument(raw: unknown): ParsedDocument {
    let doc: unknown = raw;
    if (typeof raw === "string") {
        try {
            doc = JSON.parse(raw);
        } catch {
            return { error: "is not valid JSON" };
        }
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return { error: "is not a JSON object with a Statement" };
    const st = field(doc as Record<string, unknown>, "Statement");
    const list = Array.isArray(st) ? st : st !== undefined ? [st] : undefined;
    if (!list) return { error: "has no Statement" };
    const statements: Statement[] = [];
    for (const [i, s] of list.entries()) {
        if (typeof s !== "object" || s === null || Array.isArray(s)) return { error: `has a Statement[${i}] that is not an object` };
        const o = s as Record<string, unknown>;
        const effect = field(o, "Effect");
        if (effect !== "Allow" && effect !== "Deny") return { error: `has a Statement[${i}] whose Effect is neither "Allow" nor "Deny"` };
        const sid = field(o, "Sid");
        statements.push({
            sid: typeof sid === "string" ? sid : undefined,
            effect,
            principal: principals(field(o, "Principal")),
            notPrincipal: principals(field(o, "NotPrincipal")),
            action: strings(field(o, "Action")),
            notAction: strings(field(o, "NotAction")),
            resource: strings(field(o, "Resource")),
            notResource: strings(field(o, "NotResource")),
            conditions: conditions(field(o, "Condition")),
        });
    }
    return { statements };
}

/** Compiled patterns: policies test the same few patterns against many actions. Bounded, cleared when full. */
const compiled = new Map<string, RegExp>();

/** IAM wildcard matching (`*` any run, `?` one character), case-insensitive as IAM matches actions. */
export function wildcardMatches(pattern: string, value: string): boolean {
    let re = compiled.get(pattern);
    if (!re) {
        if (compiled.size >= 10_000) compiled.clear();
        re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "is");
        compiled.set(pattern, re);
    }
    return re.test(value);
}

/** Whether a statement (of either effect) applies to `action`, honouring Action and NotAction. */
export function coversAction(s: Statement, action: string): boolean {
    if (s.action) return s.action.some((p) => wildcardMatches(p, action));
    if (s.notAction) return !s.notAction.some((p) => wildcardMatches(p, action));
    return false;
}

/** Whether an Allow statement grants `action` (on some resource). */
export function allowsAction(s: Statement, action: string): boolean {
    return s.effect === "Allow" && coversAction(s, action);
}

/** Whether the statement applies to every resource (`Resource: "*"` or any NotResource). */
export function onAnyResource(s: Statement): boolean {
    return (s.resource ?? []).includes("*") || s.notResource !== undefined;
}

/**
 * The action patterns of an Allow statement that grant a whole service or everything: `*`, `s3:*`, `iam:*`, or
 * `NotAction` (which grants everything not listed).
 */
export function wildcardGrants(s: Statement): string[] {
    if (s.effect !== "Allow") return [];
    if (s.notAction) return [`NotAction ${JSON.stringify(s.notAction)}`];
    return (s.action ?? []).filter((a) => a === "*" || /^[^:]*:\*$/.test(a) || /^\*:/.test(a));
}

export function conditionsOn(s: Statement, keyPredicate: (key: string) => boolean): Condition[] {
    return s.conditions.filter((c) => keyPredicate(c.key));
}

/** `arn:<partition>:iam::aws:policy/<path/>Name` -> `Name`; undefined for customer-managed policy ARNs. */
export function awsManagedPolicyName(arn: unknown): string | undefined {
    if (typeof arn !== "string") return undefined;
    const m = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
    return m ? m[1] : undefined;
}

/** Account id of an AWS principal: `123456789012`, `arn:...:iam::123456789012:root` (or any ARN in that account). */
export function principalAccount(principal: string): string | undefined {
    if (/^\d{12}$/.test(principal)) return principal;
    const m = /^arn:[a-z-]+:(?:iam|sts)::(\d{12}):/.exec(principal);
    return m ? m[1] : undefined;
}

/** A whole account: a bare account id or its `:root` ARN (any principal of that account that IAM lets assume). */
export function isAccountPrincipal(principal: string): boolean {
    return /^\d{12}$/.test(principal) || /^arn:[a-z-]+:iam::\d{12}:root$/.test(principal);
}

/** Service principal name without the DNS suffix: `ec2.amazonaws.com` and `ec2.amazonaws.com.cn` -> `ec2`. */
export function serviceName(principal: string): string {
    return principal.replace(/\.amazonaws\.com(\.cn)?$/, "");
}

/** Whether a trust document lets an AWS service assume the role (e.g. `ec2`). */
export function trustsService(statements: Statement[], service: string): boolean {
    return statements.some((s) => s.effect === "Allow" && s.principal?.service.some((p) => serviceName(p) === service)
        && coversAction(s, "sts:AssumeRole"));
}

/**
 * The Allow statements of a trust document that let a web identity (an OIDC token) assume the role, with their index;
 * none for a malformed document (disallow-broad-trust-principals reports those).
 */
export function webIdentityAllows(trust: unknown): { s: Statement; i: number }[] {
    const doc = parsePolicyDocument(trust);
    if (doc.error !== undefined) return [];
    return doc.statements.map((s, i) => ({ s, i })).filter(({ s }) => s.effect === "Allow" && coversAction(s, "sts:AssumeRoleWithWebIdentity"));
}
